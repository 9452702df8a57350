// The library's history and versions (schema 13, issue 17): every change to annotations, their
// tags, article tags and the codebook written by the database's triggers, read back newest first,
// restored as a new change; an edit made on a stale copy refused with who changed it. Runs on a
// library file and, as history_test_postgresql, on a team library (tests/testbackend.h).

#include "clirun.h"
#include "import/retagjob.h"
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
using Dossier::Test::addEntity;
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
    void staleEditOfNoteOrTagsIsRefused_data();
    void staleEditOfNoteOrTagsIsRefused();
    void tagsAloneMakeAVersion();
    void codebookChangeMakesAVersionOfItsPassages_data();
    void codebookChangeMakesAVersionOfItsPassages();
    void staleCodebookEditIsRefused_data();
    void staleCodebookEditIsRefused();
    void restoresACorrectionRule_data();
    void restoresACorrectionRule();
    void cliHistoryAndRestore();
    void cliRestoresARuleAndRetags();
    void cliHidesAndShowsAPassage();
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

    // Stores an article naming a person the recogniser finds again when it re-tags (an entity
    // correction applies on re-tagging); its id, -1 on failure.
    qint64 storeMinister(Library &library)
    {
        Article article = makeArticle(QStringLiteral("minister"), ministerBody);
        addEntity(article, EntityType::Person, QStringLiteral("Aiko Tanabe"), { QStringLiteral("Tanabe") });
        qint64 id = -1;
        if (!library.articles().store(article, &id)) {
            qWarning() << library.errorString();
        }
        return id;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    const QString ministerBody = QStringLiteral(
        "KESTREL BAY, March 4 - Prime Minister Aiko Tanabe said on Tuesday that the harbour board had approved "
        "a new ferry terminal. Tanabe told reporters that work starts in spring.");
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

void HistoryTest::staleEditOfNoteOrTagsIsRefused_data()
{
    QTest::addColumn<bool>("theirTags"); // else their note
    QTest::addColumn<bool>("myTags"); // else my note
    QTest::newRow("their note, my note") << false << false;
    QTest::newRow("their note, my tags") << false << true;
    QTest::newRow("their tags, my note") << true << false;
    QTest::newRow("their tags, my tags") << true << true;
}

void HistoryTest::staleEditOfNoteOrTagsIsRefused()
{
    QFETCH(bool, theirTags);
    QFETCH(bool, myTags);
    Library mine(libraryPath());
    const qint64 article = storeHarbour(mine);
    const auto made = mine.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }, QStringLiteral("draft"));
    QVERIFY(made);
    // Another connection changes its note or its tags after this one read it.
    Library other(libraryPath());
    QVERIFY(other.open());
    Annotation theirs = *other.annotations().get(made->id);
    if (theirTags) {
        theirs.tags = { QStringLiteral("Port"), QStringLiteral("Ferry") };
    } else {
        theirs.note = QStringLiteral("their words");
    }
    QVERIFY2(other.annotations().update(theirs, theirs.version), qPrintable(other.errorString()));

    Annotation stale = *made;
    if (myTags) {
        stale.tags = { QStringLiteral("Money") };
    } else {
        stale.note = QStringLiteral("my words");
    }
    QVERIFY(!mine.annotations().update(stale, made->version));
    QCOMPARE(mine.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY2(mine.errorString().startsWith(other.author() + QStringLiteral(" changed this note at ")),
        qPrintable(mine.errorString()));
    // Nothing of the stale edit was written: their note and tags are as they left them.
    const Annotation now = *mine.annotations().get(made->id);
    QCOMPARE(now.note, theirs.note);
    QCOMPARE(now.tags, theirs.tags);
    QCOMPARE(now.version, made->version + 1);
}

void HistoryTest::staleCodebookEditIsRefused_data()
{
    QTest::addColumn<bool>("theyRecolour"); // else they rename
    QTest::addColumn<QString>("mine"); // rename, recolour, merge, remove
    for (const bool recolour : { false, true }) {
        for (const char *mine : { "rename", "recolour", "merge", "remove" }) {
            QTest::addRow("they %s, I %s", recolour ? "recolour" : "rename", mine)
                << recolour << QString::fromLatin1(mine);
        }
    }
}

void HistoryTest::staleCodebookEditIsRefused()
{
    QFETCH(bool, theyRecolour);
    QFETCH(QString, mine);
    Library me(libraryPath());
    const qint64 article = storeHarbour(me);
    QVERIFY(me.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }));
    QVERIFY(me.tags().tagArticle(article, { QStringLiteral("Port"), QStringLiteral("Ferry") }));
    const auto tags = me.tags().all();
    QVERIFY(tags);
    QCOMPARE(tags->size(), 2);
    const Tag ferry = tags->at(0);
    const Tag port = tags->at(1);
    QCOMPARE(port.name, QStringLiteral("Port"));
    QCOMPARE(port.version, 1);

    // A colleague (another connection) changes the tag after this one read the codebook.
    Library other(libraryPath());
    QVERIFY(other.open());
    QVERIFY(theyRecolour ? other.tags().setColor(port.id, QStringLiteral("#123456"), port.version)
                         : other.tags().rename(port.id, QStringLiteral("Harbour"), port.version));
    const Tag theirs = [&] {
        for (const Tag &tag : other.tags().all().value_or(QList<Tag>())) {
            if (tag.id == port.id) {
                return tag;
            }
        }
        return Tag {};
    }();
    QCOMPARE(theirs.version, port.version + 1);

    bool done = true;
    if (mine == u"rename") {
        done = me.tags().rename(port.id, QStringLiteral("Quay"), port.version);
    } else if (mine == u"recolour") {
        done = me.tags().setColor(port.id, QStringLiteral("#abcdef"), port.version);
    } else if (mine == u"merge") {
        done = me.tags().merge(port.id, ferry.id, port.version);
    } else {
        done = me.tags().remove(port.id, port.version);
    }
    QVERIFY(!done);
    QCOMPARE(me.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY2(me.errorString().startsWith(other.author() + QStringLiteral(" changed this tag at ")),
        qPrintable(me.errorString()));
    QVERIFY2(me.errorString().endsWith(QStringLiteral(" — reload")), qPrintable(me.errorString()));

    // The codebook and the tags' uses are as the colleague left them.
    const auto after = me.tags().all();
    QVERIFY(after);
    QCOMPARE(after->size(), 2);
    bool found = false;
    for (const Tag &tag : *after) {
        if (tag.id == port.id) {
            found = true;
            QCOMPARE(tag.name, theirs.name);
            QCOMPARE(tag.color, theirs.color);
            QCOMPARE(tag.version, theirs.version);
            QCOMPARE(tag.documents, 1);
            QCOMPARE(tag.annotations, 1);
        } else {
            QCOMPARE(tag.annotations, 0); // a merge would have given Ferry the passage
        }
    }
    QVERIFY(found);

    // Read again, the edit goes through; without a version, it is not checked.
    QVERIFY2(me.tags().rename(port.id, QStringLiteral("Quay"), theirs.version), qPrintable(me.errorString()));
    QVERIFY2(me.tags().setColor(port.id, QStringLiteral("#abcdef")), qPrintable(me.errorString()));
    // A tag that is gone is not a conflict.
    QVERIFY(other.tags().remove(port.id));
    QVERIFY(!me.tags().rename(port.id, QStringLiteral("Pier"), theirs.version + 2));
    QCOMPARE(me.lastError().kind, StoreError::Kind::NotFound);
    QVERIFY(!me.tags().remove(port.id));
    QCOMPARE(me.lastError().kind, StoreError::Kind::NotFound);
}

void HistoryTest::tagsAloneMakeAVersion()
{
    Library library(libraryPath());
    const qint64 article = storeHarbour(library);
    const auto made = library.annotations().annotate(article, 4, 17, { QStringLiteral("Port") });
    QVERIFY(made);
    Annotation edited = *made;
    edited.tags = { QStringLiteral("Port"), QStringLiteral("Ferry") };
    QVERIFY(library.annotations().update(edited, 1));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(2));
    // The same tags again: no change, no version.
    QVERIFY(library.annotations().update(edited, 2));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(2));
    // Note and tags in one edit: one version.
    edited.note = QStringLiteral("both");
    edited.tags = { QStringLiteral("Ferry") };
    QVERIFY(library.annotations().update(edited, 2));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(3));
    // Without a version read, too.
    edited.tags = { QStringLiteral("Ferry"), QStringLiteral("Port") };
    QVERIFY(library.annotations().update(edited));
    QCOMPARE(library.annotations().get(made->id)->version, qint64(4));
}

void HistoryTest::codebookChangeMakesAVersionOfItsPassages_data()
{
    QTest::addColumn<bool>("merged"); // else removed
    QTest::addColumn<QStringList>("left"); // the passage's tags after it
    QTest::newRow("its tag merged into another") << true << QStringList { QStringLiteral("Harbour") };
    QTest::newRow("its tag removed") << false << QStringList {};
}

void HistoryTest::codebookChangeMakesAVersionOfItsPassages()
{
    QFETCH(bool, merged);
    QFETCH(QStringList, left);
    Library mine(libraryPath());
    const qint64 article = storeHarbour(mine);
    const auto made = mine.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }, QStringLiteral("draft"));
    QVERIFY(made);
    const auto other = mine.annotations().annotate(article, 20, 30, { QStringLiteral("Harbour") });
    QVERIFY(other);
    // Another connection changes the codebook after this one read the passage: the passage's tags change
    // with it, and so does its version.
    Library editor(libraryPath());
    QVERIFY(editor.open());
    const auto tagCalled = [](Library &library, const QString &name) -> std::optional<Tag> {
        for (const Tag &tag : library.tags().all().value_or(QList<Tag> {})) {
            if (tag.name == name) {
                return tag;
            }
        }
        return std::nullopt;
    };
    const auto port = tagCalled(editor, QStringLiteral("Port"));
    const auto harbour = tagCalled(editor, QStringLiteral("Harbour"));
    QVERIFY(port && harbour);
    QVERIFY2(merged ? editor.tags().merge(port->id, harbour->id, port->version)
                    : editor.tags().remove(port->id, port->version),
        qPrintable(editor.errorString()));
    QCOMPARE(mine.annotations().get(made->id)->version, made->version + 1);
    QCOMPARE(mine.annotations().get(other->id)->version, other->version); // no tag of it changed

    // An edit from before does not put the tag back.
    Annotation stale = *made;
    stale.note = QStringLiteral("my words");
    QVERIFY(!mine.annotations().update(stale, made->version));
    QCOMPARE(mine.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY2(mine.errorString().startsWith(editor.author() + QStringLiteral(" changed this note at ")),
        qPrintable(mine.errorString()));
    const Annotation now = *mine.annotations().get(made->id);
    QCOMPARE(now.tags, left);
    QCOMPARE(now.note, QStringLiteral("draft"));
    QVERIFY(!tagCalled(mine, QStringLiteral("Port")));
}

void HistoryTest::restoresACorrectionRule_data()
{
    QTest::addColumn<QString>("then"); // what became of the rule after it was made
    QTest::newRow("taken back") << QStringLiteral("removed");
    QTest::newRow("taken back, then another rename") << QStringLiteral("renamed");
    QTest::newRow("taken back, then a suppression") << QStringLiteral("suppressed");
}

void HistoryTest::restoresACorrectionRule()
{
    QFETCH(QString, then);
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(storeMinister(library) >= 0);
    const auto entity = library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(entity);
    const auto rule = library.curation().renameEntity(entity->id, QStringLiteral("Tanabe Aiko"));
    QVERIFY2(rule, qPrintable(library.errorString()));
    const auto made = library.history().list(HistoryQuery { -1, -1, 1, {} });
    QVERIFY(made && made->size() == 1);
    const HistoryEntry insert = made->front();
    QCOMPARE(insert.table, QStringLiteral("entity_rules"));
    QCOMPARE(insert.action, HistoryEntry::Action::Insert);
    // Taken back (and, when a rule for the same name follows, re-tagged first so that the entity
    // has its own name again: a rename of an entity renamed before chains onto the first rule).
    QVERIFY(library.curation().removeRule(rule->id));
    QVERIFY(retagQueued(library.path(), [](int, int) { }, std::atomic_bool { false }).error.isEmpty());
    if (then != u"removed") {
        const auto again = library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
        QVERIFY(again);
        QVERIFY(then == u"renamed" ? library.curation().renameEntity(again->id, QStringLiteral("A. Tanabe")).has_value()
                                   : library.curation().suppressEntity(again->id).has_value());
        QCOMPARE(library.curation().rules()->size(), 1);
        QVERIFY(retagQueued(library.path(), [](int, int) { }, std::atomic_bool { false }).error.isEmpty());
    }

    // Restoring the rename's insert makes the rename the rule for that name again, queued to apply.
    QVERIFY2(library.history().restore(insert.id), qPrintable(library.errorString()));
    const auto rules = library.curation().rules();
    QVERIFY(rules);
    QCOMPARE(rules->size(), 1);
    QCOMPARE(rules->front().label, QStringLiteral("Aiko Tanabe"));
    QCOMPARE(rules->front().action, EntityRule::Action::Map);
    QCOMPARE(rules->front().targetName, QStringLiteral("Tanabe Aiko"));
    QCOMPARE(rules->front().author, library.author());
    QVERIFY(*library.curation().pendingRetags() > 0);
    const auto latest = library.history().list(HistoryQuery { -1, -1, 1, {} });
    QCOMPARE(latest->front().table, QStringLiteral("entity_rules"));
    QCOMPARE(latest->front().action, HistoryEntry::Action::Insert);
    QCOMPARE(latest->front().author, library.author());
    // Once re-tagged, the entity goes by the restored name.
    QVERIFY(retagQueued(library.path(), [](int, int) { }, std::atomic_bool { false }).error.isEmpty());
    QVERIFY(library.entities().find(EntityType::Person, QStringLiteral("Tanabe Aiko")));
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("A. Tanabe")));
    // Restoring it again changes nothing: no new history.
    const qint64 changes = library.history().list()->size();
    QVERIFY2(library.history().restore(insert.id), qPrintable(library.errorString()));
    QCOMPARE(library.history().list()->size(), changes);
    QCOMPARE(library.curation().rules()->size(), 1);
}

void HistoryTest::cliRestoresARuleAndRetags()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 article = storeMinister(library);
    QVERIFY(article >= 0);
    QVERIFY(library.annotations().annotate(article, 0, 12)); // a change that is no correction's
    const QString location = libraryPath();
    const auto rename = runCli({ QStringLiteral("entity"), QStringLiteral("rename"), QStringLiteral("--library"),
        location, QStringLiteral("PERSON:Aiko Tanabe"), QStringLiteral("Tanabe Aiko") });
    QVERIFY2(rename.exitCode == 0, rename.err.constData());
    const auto made = runCli({ QStringLiteral("history"), QStringLiteral("--library"), location,
        QStringLiteral("--limit"), QStringLiteral("1") });
    QCOMPARE(made.lines().size(), 1);
    QCOMPARE(made.lines().front().value(QLatin1String("table")).toString(), QStringLiteral("entity_rules"));
    const qint64 ruleId = made.lines().front().value(QLatin1String("row")).toInteger();
    const QString change = QString::number(made.lines().front().value(QLatin1String("id")).toInteger());
    const auto unrule = runCli({ QStringLiteral("entity"), QStringLiteral("unrule"), QStringLiteral("--library"),
        location, QString::number(ruleId) });
    QVERIFY2(unrule.exitCode == 0, unrule.err.constData());
    QVERIFY(!library.entities().find(EntityType::Person, QStringLiteral("Tanabe Aiko")));
    QVERIFY(library.entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe")));

    const auto restore = runCli(
        { QStringLiteral("history"), QStringLiteral("restore"), QStringLiteral("--library"), location, change });
    QVERIFY2(restore.exitCode == 0, restore.err.constData());
    QCOMPARE(restore.lines().size(), 1);
    QCOMPARE(restore.lines().front().value(QLatin1String("table")).toString(), QStringLiteral("entity_rules"));
    QCOMPARE(restore.lines().front().value(QLatin1String("action")).toString(), QStringLiteral("insert"));
    QCOMPARE(restore.lines().front().value(QLatin1String("after")).toObject().value(QLatin1String("target_name")),
        QJsonValue(QStringLiteral("Tanabe Aiko")));
    // Applied before the command ends: nothing waits, the entity has its restored name.
    QCOMPARE(*library.curation().pendingRetags(), qint64(0));
    QVERIFY(library.entities().find(EntityType::Person, QStringLiteral("Tanabe Aiko")));

    // --rules lists the corrections' changes alone, newest first: made again, taken back, made.
    const auto rules
        = runCli({ QStringLiteral("history"), QStringLiteral("--library"), location, QStringLiteral("--rules") });
    QVERIFY2(rules.exitCode == 0, rules.err.constData());
    QStringList actions;
    for (const QJsonObject &line : rules.lines()) {
        QCOMPARE(line.value(QLatin1String("table")).toString(), QStringLiteral("entity_rules"));
        actions.append(line.value(QLatin1String("action")).toString());
    }
    QCOMPARE(actions, (QStringList { QStringLiteral("insert"), QStringLiteral("delete"), QStringLiteral("insert") }));
    HistoryQuery query;
    query.table = QStringLiteral("entity_rules");
    QCOMPARE(library.history().list(query)->size(), 3);
    QVERIFY(library.history().list()->size() > 3);
}

void HistoryTest::cliHidesAndShowsAPassage()
{
    const qint64 id = libraryWithANote(false);
    QVERIFY(id >= 0);
    const QString location = libraryPath();
    const auto hide = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location,
        QStringLiteral("--hide"), QString::number(id) });
    QVERIFY2(hide.exitCode == 0, hide.err.constData());
    QCOMPARE(hide.lines().size(), 1);
    QCOMPARE(hide.lines().front().value(QLatin1String("hidden")), QJsonValue(true));
    QCOMPARE(hide.lines().front().value(QLatin1String("note")).toString(), QStringLiteral("first"));
    // Left out of lists and exports unless asked for.
    const auto listed = runCli({ QStringLiteral("annotations"), QStringLiteral("--library"), location });
    QCOMPARE(listed.exitCode, 0);
    QVERIFY(listed.lines().isEmpty());
    const auto all
        = runCli({ QStringLiteral("annotations"), QStringLiteral("--library"), location, QStringLiteral("--hidden") });
    QCOMPARE(all.lines().size(), 1);
    QCOMPARE(all.lines().front().value(QLatin1String("hidden")), QJsonValue(true));
    const QString pack = m_dir->filePath(QStringLiteral("pack.md"));
    const auto without = runCli({ QStringLiteral("export"), QStringLiteral("--library"), location,
        QStringLiteral("--format"), QStringLiteral("md"), QStringLiteral("--out"), pack });
    QVERIFY2(without.exitCode == 0, without.err.constData());
    QCOMPARE(without.lines().front().value(QLatin1String("passages")).toInteger(), qint64(0));
    const auto with
        = runCli({ QStringLiteral("export"), QStringLiteral("--library"), location, QStringLiteral("--format"),
            QStringLiteral("md"), QStringLiteral("--out"), pack, QStringLiteral("--with-hidden") });
    QVERIFY2(with.exitCode == 0, with.err.constData());
    QCOMPARE(with.lines().front().value(QLatin1String("passages")).toInteger(), qint64(1));
    // The hiding is in the history, by whoever hid it.
    const auto changes = runCli({ QStringLiteral("history"), QStringLiteral("--library"), location,
        QStringLiteral("--annotation"), QString::number(id), QStringLiteral("--limit"), QStringLiteral("1") });
    QCOMPARE(
        changes.lines().front().value(QLatin1String("after")).toObject().value(QLatin1String("hidden")).toInteger(),
        qint64(1));

    const auto unhide = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location,
        QStringLiteral("--unhide"), QString::number(id) });
    QVERIFY2(unhide.exitCode == 0, unhide.err.constData());
    QCOMPARE(unhide.lines().front().value(QLatin1String("hidden")), QJsonValue(false));
    QCOMPARE(runCli({ QStringLiteral("annotations"), QStringLiteral("--library"), location }).lines().size(), 1);
    // Both at once, or with another action, is a usage error; an unknown passage fails.
    QCOMPARE(runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location, QStringLiteral("--hide"),
                        QString::number(id), QStringLiteral("--unhide"), QString::number(id) })
                 .exitCode,
        2);
    const auto missing = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), location,
        QStringLiteral("--hide"), QStringLiteral("999") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY2(missing.err.contains("no annotation with id 999"), missing.err.constData());
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
