// The library's history and versions (schema 13, issue 17): every change to annotations, their
// tags, article tags and the codebook written by the database's triggers, read back newest first,
// restored as a new change; an edit made on a stale copy refused with who changed it. Runs on a
// library file and, as history_test_postgresql, on a team library (tests/testbackend.h).

#include "clirun.h"
#include "store/library.h"
#include "testarticles.h"
#include "testbackend.h"

#include <QJsonArray>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>
#include <QUrlQuery>

using namespace Dossier::Core;
using Dossier::Test::makeArticle;
using Dossier::Test::onServerBackend;
using Dossier::Test::runCli;
using Dossier::Test::testLibrary;

class HistoryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void recordsEachChangeWithItsAuthor();
    void listsByArticleAndLimit();
    void versionsCountEdits();
    void restoresAnEarlierNote();
    void restoresADeletedAnnotationWithItsAnchorAndTags();
    void restoresTagsAndTheirNames();
    void historyIsAppendOnly();
    void staleEditIsRefused();
    void cliHistoryAndRestore();
    void cliStaleEditExitsOne();

private:
    QString libraryPath() const { return testLibrary(m_dir->filePath(QStringLiteral("test.dossier"))); }
    // Opens the library, stores the harbour article and returns its id (-1 on failure).
    qint64 storeHarbour(Library &library)
    {
        if (!library.open()) {
            qWarning() << library.errorString();
            return -1;
        }
        qint64 id = -1;
        if (!library.articles().store(makeArticle(QStringLiteral("harbour"), body), &id)) {
            qWarning() << library.errorString();
        }
        return id;
    }

    // Makes the library (closed again) with the harbour article and one passage noted "first"
    // (then noted "second" when \a edited); the passage's id, -1 on failure.
    qint64 libraryWithANote(bool edited)
    {
        Library library(libraryPath());
        const qint64 article = storeHarbour(library);
        auto made = library.annotations().annotate(article, 4, 17, {}, QStringLiteral("first"));
        if (!made) {
            qWarning() << library.errorString();
            return -1;
        }
        made->note = QStringLiteral("second");
        return !edited || library.annotations().update(*made) ? made->id : -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    const QString body = QStringLiteral("The harbour board approved a new ferry terminal on Thursday. Fishermen "
                                        "worry about the quay. Work starts in spring.");
};

namespace
{

// The changes to annotation \a id, newest first.
QList<HistoryEntry> historyOf(Library &library, qint64 id)
{
    HistoryQuery query;
    query.annotationId = id;
    return library.history().list(query).value_or(QList<HistoryEntry> {});
}

QString noteIn(const QJsonObject &row)
{
    return row.value(QLatin1String("note")).toString();
}

} // namespace

void HistoryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void HistoryTest::recordsEachChangeWithItsAuthor()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    QVERIFY(article >= 0);
    const auto made
        = library.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }, QStringLiteral("who?"));
    QVERIFY2(made, qPrintable(library.errorString()));
    Annotation edited = *made;
    edited.note = QStringLiteral("who pays?");
    edited.tags = { QStringLiteral("Port"), QStringLiteral("Money") };
    QVERIFY2(library.annotations().update(edited), qPrintable(library.errorString()));
    QVERIFY2(library.annotations().remove(made->id), qPrintable(library.errorString()));

    const QList<HistoryEntry> entries = historyOf(library, made->id);
    // Newest first: the deletion, the added tag, the note, the first tag, the insert.
    QCOMPARE(entries.size(), 5);
    QCOMPARE(entries.at(0).action, HistoryEntry::Action::Delete);
    QCOMPARE(entries.at(0).table, QStringLiteral("annotations"));
    QCOMPARE(noteIn(entries.at(0).before), QStringLiteral("who pays?"));
    QVERIFY(entries.at(0).after.isEmpty());
    QCOMPARE(entries.at(0).before.value(QLatin1String("tags")).toArray(),
        QJsonArray({ QStringLiteral("Port"), QStringLiteral("Money") }));
    QCOMPARE(entries.at(1).table, QStringLiteral("annotation_tags"));
    QCOMPARE(entries.at(1).action, HistoryEntry::Action::Insert);
    QCOMPARE(entries.at(1).after.value(QLatin1String("tag")).toString(), QStringLiteral("Money"));
    QCOMPARE(entries.at(2).action, HistoryEntry::Action::Update);
    QCOMPARE(noteIn(entries.at(2).before), QStringLiteral("who?"));
    QCOMPARE(noteIn(entries.at(2).after), QStringLiteral("who pays?"));
    QCOMPARE(entries.at(3).after.value(QLatin1String("tag")).toString(), QStringLiteral("Port"));
    QCOMPARE(entries.at(4).action, HistoryEntry::Action::Insert);
    QCOMPARE(noteIn(entries.at(4).after), QStringLiteral("who?"));
    QVERIFY(entries.at(4).before.isEmpty());
    for (const HistoryEntry &entry : entries) {
        QCOMPARE(entry.author, library.author());
        QCOMPARE(entry.articleId, article);
        QCOMPARE(entry.row, made->id);
        QVERIFY(qAbs(entry.at.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    }
    QVERIFY(!library.author().isEmpty());
    // The codebook and article tags too.
    const auto port = library.tags().ensure(QStringLiteral("Port"));
    QVERIFY(library.tags().rename(port->id, QStringLiteral("Harbour")));
    QVERIFY(library.tags().tagArticle(article, { QStringLiteral("Harbour") }));
    const auto all = library.history().list();
    QVERIFY(all);
    QCOMPARE(all->at(0).table, QStringLiteral("article_tags"));
    QCOMPARE(all->at(0).after.value(QLatin1String("tag")).toString(), QStringLiteral("Harbour"));
    QCOMPARE(all->at(1).table, QStringLiteral("tags"));
    QCOMPARE(all->at(1).action, HistoryEntry::Action::Update);
    QCOMPARE(all->at(1).before.value(QLatin1String("name")).toString(), QStringLiteral("Port"));
    QCOMPARE(all->at(1).after.value(QLatin1String("name")).toString(), QStringLiteral("Harbour"));
}

void HistoryTest::listsByArticleAndLimit()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    qint64 other = -1;
    QVERIFY(library.articles().store(makeArticle(QStringLiteral("other"), body), &other));
    QVERIFY(library.annotations().annotate(article, 4, 17));
    QVERIFY(library.annotations().annotate(other, 4, 17));
    QVERIFY(library.annotations().annotate(article, 18, 23, {}, QStringLiteral("second")));
    HistoryQuery query;
    query.articleId = article;
    const auto ofArticle = library.history().list(query);
    QVERIFY(ofArticle);
    QCOMPARE(ofArticle->size(), 2);
    QCOMPARE(noteIn(ofArticle->front().after), QStringLiteral("second"));
    QVERIFY(ofArticle->front().id > ofArticle->back().id);
    query.limit = 1;
    QCOMPARE(library.history().list(query)->size(), 1);
    QCOMPARE(library.history().list()->size(), 3);
    QVERIFY(!library.history().get(9999));
    QCOMPARE(library.lastError().kind, StoreError::Kind::NotFound);
}

void HistoryTest::versionsCountEdits()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    const auto made = library.annotations().annotate(article, 4, 17);
    QVERIFY(made);
    QCOMPARE(made->version, qint64(1));
    Annotation edited = *made;
    edited.note = QStringLiteral("one");
    QVERIFY(library.annotations().update(edited, made->version));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(2));
    // Saving it unchanged is no change: no version, no history.
    QVERIFY(library.annotations().update(edited, 2));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(2));
    QCOMPARE(historyOf(library, made->id).size(), 2);
    QVERIFY(library.annotations().setHidden(made->id, true));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(3));
}

void HistoryTest::restoresAnEarlierNote()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    const auto made = library.annotations().annotate(article, 4, 17, {}, QStringLiteral("first"));
    QVERIFY(made);
    Annotation edited = *made;
    edited.note = QStringLiteral("second");
    edited.color = QStringLiteral("#112233");
    QVERIFY(library.annotations().update(edited));
    const QList<HistoryEntry> before = historyOf(library, made->id);
    QCOMPARE(before.size(), 2);
    // The insert's version: its note and colour come back, as a new change.
    QVERIFY2(library.history().restore(before.back().id), qPrintable(library.errorString()));
    const auto restored = library.annotations().get(made->id);
    QCOMPARE(restored->note, QStringLiteral("first"));
    QCOMPARE(restored->color, QString());
    QCOMPARE(restored->version, qint64(3));
    const QList<HistoryEntry> after = historyOf(library, made->id);
    QCOMPARE(after.size(), 3);
    QCOMPARE(after.front().action, HistoryEntry::Action::Update);
    QCOMPARE(noteIn(after.front().before), QStringLiteral("second"));
    QCOMPARE(noteIn(after.front().after), QStringLiteral("first"));
    // Nothing of the history was lost.
    QCOMPARE(after.mid(1).first().id, before.first().id);
}

void HistoryTest::restoresADeletedAnnotationWithItsAnchorAndTags()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    const auto made = library.annotations().annotate(
        article, 4, 17, { QStringLiteral("Port"), QStringLiteral("Board") }, QStringLiteral("kept"), {}, true);
    QVERIFY(made);
    QVERIFY(library.annotations().remove(made->id));
    QVERIFY(!library.annotations().get(made->id));
    const QList<HistoryEntry> entries = historyOf(library, made->id);
    QCOMPARE(entries.front().action, HistoryEntry::Action::Delete);
    QVERIFY2(library.history().restore(entries.front().id), qPrintable(library.errorString()));
    const auto back = library.annotations().get(made->id);
    QVERIFY2(back, qPrintable(library.errorString()));
    QCOMPARE(back->articleId, article);
    QCOMPARE(back->anchor.start, made->anchor.start);
    QCOMPARE(back->anchor.end, made->anchor.end);
    QCOMPARE(back->anchor.exact, QStringLiteral("harbour board"));
    QCOMPARE(back->anchor.prefix, made->anchor.prefix);
    QCOMPARE(back->anchor.suffix, made->anchor.suffix);
    QCOMPARE(back->tags, made->tags);
    QCOMPARE(back->note, QStringLiteral("kept"));
    QVERIFY(back->isPrivate);
    QCOMPARE(back->state, AnnotationState::Anchored);
    QCOMPARE(historyOf(library, made->id).front().author, library.author());
    // Restoring it once more does not make it twice.
    QVERIFY2(library.history().restore(entries.front().id), qPrintable(library.errorString()));
    QCOMPARE(library.annotations().list()->size(), 1);
}

void HistoryTest::restoresTagsAndTheirNames()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    QVERIFY(library.tags().tagArticle(article, { QStringLiteral("Port") }));
    QVERIFY(library.tags().untagArticle(article, QStringLiteral("Port")));
    const auto port = library.tags().ensure(QStringLiteral("Port"));
    QVERIFY(library.tags().rename(port->id, QStringLiteral("Harbour")));
    const auto all = library.history().list();
    QVERIFY(all);
    // Newest first: the rename, the article tag taken off, put on, the tag made.
    QCOMPARE(all->size(), 4);
    QCOMPARE(all->at(1).table, QStringLiteral("article_tags"));
    QCOMPARE(all->at(1).action, HistoryEntry::Action::Delete);
    QVERIFY2(library.history().restore(all->at(1).id), qPrintable(library.errorString()));
    QCOMPARE(library.tags().ofArticle(article).value_or(QStringList {}), QStringList { QStringLiteral("Harbour") });
    QVERIFY2(library.history().restore(all->at(3).id), qPrintable(library.errorString()));
    QCOMPARE(library.tags().ensure(QStringLiteral("Port"))->id, port->id);
    QCOMPARE(library.tags().ofArticle(article).value_or(QStringList {}), QStringList { QStringLiteral("Port") });
}

void HistoryTest::historyIsAppendOnly()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    QVERIFY(library.annotations().annotate(article, 4, 17, {}, QStringLiteral("x")));
    QCOMPARE(library.history().list()->size(), 1);
    // Nobody changes or deletes it, not even with SQL of their own.
    const QString location = libraryPath();
    {
        QSqlDatabase db;
        if (onServerBackend()) {
            const QUrl url(location);
            const QUrlQuery items(url);
            db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("raw"));
            db.setDatabaseName(url.path().mid(1));
            db.setHostName(items.queryItemValue(QStringLiteral("host")));
            db.setPort(items.queryItemValue(QStringLiteral("port")).toInt());
            db.setUserName(items.queryItemValue(QStringLiteral("user")));
        } else {
            db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
            db.setDatabaseName(location);
        }
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(!query.exec(QStringLiteral("UPDATE history SET after_row = '{}'")));
        QVERIFY2(query.lastError().text().contains(u"append-only"), qPrintable(query.lastError().text()));
        QVERIFY(!query.exec(QStringLiteral("UPDATE history SET author = 'someone else'")));
        QVERIFY(!query.exec(QStringLiteral("DELETE FROM history")));
        QVERIFY2(query.lastError().text().contains(u"append-only"), qPrintable(query.lastError().text()));
        // What another program changes is recorded too (on a file without an author).
        QVERIFY2(
            query.exec(QStringLiteral("UPDATE annotations SET note = 'raw'")), qPrintable(query.lastError().text()));
        QVERIFY(query.exec(QStringLiteral("SELECT author FROM history ORDER BY id DESC")));
        QVERIFY(query.next());
        QCOMPARE(query.value(0).toString(), onServerBackend() ? library.author() : QString());
        QVERIFY(query.next());
        QVERIFY(!query.next());
    }
    QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    const auto entries = library.history().list();
    QCOMPARE(entries->size(), 2);
    QCOMPARE(noteIn(entries->front().after), QStringLiteral("raw"));
}

void HistoryTest::staleEditIsRefused()
{
    Library mine(libraryPath());
    const qint64 article = storeHarbour(mine);
    const auto made = mine.annotations().annotate(article, 4, 17, {}, QStringLiteral("draft"));
    QVERIFY(made);
    // Another window (another connection) changes it after this one read it.
    Library other(libraryPath());
    QVERIFY(other.open());
    Annotation theirs = *other.annotations().get(made->id);
    theirs.note = QStringLiteral("their words");
    QVERIFY(other.annotations().update(theirs, theirs.version));

    Annotation stale = *made;
    stale.note = QStringLiteral("my words");
    QVERIFY(!mine.annotations().update(stale, stale.version));
    QCOMPARE(mine.lastError().kind, StoreError::Kind::Conflict);
    const QString message = mine.errorString();
    QVERIFY2(message.startsWith(other.author() + QStringLiteral(" changed this note at ")), qPrintable(message));
    QVERIFY2(message.endsWith(QStringLiteral(" — reload")), qPrintable(message));
    QCOMPARE(mine.annotations().get(made->id)->note, QStringLiteral("their words"));
    QVERIFY(!mine.annotations().remove(made->id, stale.version));
    QCOMPARE(mine.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY(mine.annotations().get(made->id));
    // Reloaded, the edit goes through.
    const Annotation fresh = *mine.annotations().get(made->id);
    stale.version = fresh.version;
    QVERIFY2(mine.annotations().update(stale, fresh.version), qPrintable(mine.errorString()));
    QCOMPARE(other.annotations().get(made->id)->note, QStringLiteral("my words"));
    // An annotation that is gone is not a conflict.
    QVERIFY(mine.annotations().remove(made->id));
    QVERIFY(!other.annotations().update(theirs, theirs.version));
    QCOMPARE(other.lastError().kind, StoreError::Kind::NotFound);
}

void HistoryTest::cliHistoryAndRestore()
{
    const qint64 id = libraryWithANote(true);
    QVERIFY(id >= 0);
    const QString location = libraryPath();
    const auto run = runCli({ QStringLiteral("history"), QStringLiteral("--library"), location,
        QStringLiteral("--annotation"), QString::number(id) });
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> lines = run.lines();
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.front().keys(),
        QStringList({ QStringLiteral("action"), QStringLiteral("after"), QStringLiteral("at"), QStringLiteral("author"),
            QStringLiteral("before"), QStringLiteral("id"), QStringLiteral("row"), QStringLiteral("table") }));
    QCOMPARE(lines.front().value(QLatin1String("action")).toString(), QStringLiteral("update"));
    QCOMPARE(lines.back().value(QLatin1String("action")).toString(), QStringLiteral("insert"));
    QVERIFY(lines.back().value(QLatin1String("before")).isNull());
    QCOMPARE(lines.front().value(QLatin1String("row")).toInteger(), id);
    QVERIFY(QDateTime::fromString(lines.front().value(QLatin1String("at")).toString(), Qt::ISODateWithMs).isValid());
    const auto limited = runCli({ QStringLiteral("history"), QStringLiteral("--library"), location,
        QStringLiteral("--limit"), QStringLiteral("1") });
    QCOMPARE(limited.lines().size(), 1);

    const QString first = QString::number(lines.back().value(QLatin1String("id")).toInteger());
    const auto restore = runCli(
        { QStringLiteral("history"), QStringLiteral("restore"), QStringLiteral("--library"), location, first });
    QVERIFY2(restore.exitCode == 0, restore.err.constData());
    QCOMPARE(restore.lines().size(), 1);
    QCOMPARE(restore.lines().front().value(QLatin1String("after")).toObject().value(QLatin1String("note")).toString(),
        QStringLiteral("first"));
    Library library(libraryPath());
    QVERIFY(library.open());
    QCOMPARE(library.annotations().get(id)->note, QStringLiteral("first"));
    const auto missing = runCli({ QStringLiteral("history"), QStringLiteral("restore"), QStringLiteral("--library"),
        location, QStringLiteral("999") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("no change 999"));
}

void HistoryTest::cliStaleEditExitsOne()
{
    const qint64 id = libraryWithANote(false);
    QVERIFY(id >= 0);
    const QString location = libraryPath();
    const auto edit = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location,
        QStringLiteral("--edit"), QString::number(id), QStringLiteral("--version"), QStringLiteral("1"),
        QStringLiteral("--note"), QStringLiteral("second") });
    QVERIFY2(edit.exitCode == 0, edit.err.constData());
    QCOMPARE(edit.lines().front().value(QLatin1String("note")).toString(), QStringLiteral("second"));
    QCOMPARE(edit.lines().front().value(QLatin1String("version")).toInteger(), qint64(2));
    // The same edit again, on version 1: refused, nothing changed.
    const auto stale = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location,
        QStringLiteral("--edit"), QString::number(id), QStringLiteral("--version"), QStringLiteral("1"),
        QStringLiteral("--note"), QStringLiteral("third") });
    QCOMPARE(stale.exitCode, 1);
    QVERIFY2(stale.err.contains(" changed this note at "), stale.err.constData());
    QVERIFY(stale.out.isEmpty());
    Library library(libraryPath());
    QVERIFY(library.open());
    QCOMPARE(library.annotations().get(id)->note, QStringLiteral("second"));
}

QTEST_GUILESS_MAIN(HistoryTest)
#include "history_test.moc"
