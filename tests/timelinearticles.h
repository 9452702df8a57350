#pragma once

// Articles of our own for the timeline tests (timeline_test, timelinewindow_test): two report the
// minister's visit on 20 February (published 12 and 14 February 2026), one a drill in June (2 March
// 2026), one has no date.

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

namespace Dossier::Test::TimelineArticles
{

/*! Makes the library file at \a path look upgraded from schema 13: no article has its sentence
    rows. Nothing may have the file open. */
inline bool removeSentenceRows(const QString &path)
{
    const QString name = QStringLiteral("strip-sentence-rows");
    bool done = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        done = db.open() && QSqlQuery(db).exec(QStringLiteral("DELETE FROM article_sentences"))
            && QSqlQuery(db).exec(QStringLiteral("DELETE FROM article_events"));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return done;
}

const char *const visitFirst = "Tanabe to sign port accord in Manila\n\nHarbor Ledger\n\n12 February 2026\n\n"
                               "Port officials in Manila said on Monday that the container terminal had reopened "
                               "after the attack. Foreign Minister Aiko Tanabe will visit Manila on 20 February to "
                               "sign the port security agreement, the ministry said. It declined to comment on the "
                               "cost.\n";
const char *const visitSecond = "Japan's foreign minister heads to Manila\n\nArchipelago Post\n\n14 February 2026\n\n"
                                "Aiko Tanabe is due in Manila on Feb. 20 to sign a port security agreement with the "
                                "Philippines, her office said. Mr. Tanabe's visit follows talks in Tokyo last "
                                "month.\n";
const char *const drill = "Coast guards plan June drill\n\nPacific Wire Service\n\n2 March 2026\n\n"
                          "The coast guards of Japan and Australia will hold a joint drill off Darwin in June, "
                          "officials said on Friday.\n";
const char *const undated = "Analyst note on the port attack\n\nUndated note: the terminal operator in Manila has "
                            "not published a timeline of the attack.\n";

} // namespace Dossier::Test::TimelineArticles
