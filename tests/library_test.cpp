#include "store/cooccurrencequery.h"
#include "store/library.h"
#include "store/timelinequery.h"
#include "storearticles.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <latch>
#include <thread>

using namespace Dossier::Core;
using namespace Dossier::Test;

class LibraryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void failuresSayWhatKindTheyAre_data();
    void failuresSayWhatKindTheyAre();
    void createsSchemaAtLatestVersion();
    void storesAndReadsBackAnArticle();
    void unchangedBytesAreANoOp();
    void changedBytesUpdateInPlaceKeepingTheId();
    void updateLeavesNoStaleEntities();
    void removeLeavesNoStaleEntities();
    void migratesOlderSchemaKeepingABackup_data();
    void migratesOlderSchemaKeepingABackup();
    void upgradeLinksPartsToTheirMessages();
    void refusesLibraryFromNewerSchema();
    void refusesFileThatIsNotALibrary();
    void damagedLibraryIsToldApartFromRefusals_data();
    void damagedLibraryIsToldApartFromRefusals();
    void refusesAnotherProgramsDatabaseUntouched_data();
    void refusesAnotherProgramsDatabaseUntouched();
    void marksNewAndUpgradedLibrariesWithTheApplicationId();
    void twoThreadsOpeningOneNewLibraryBothSucceed();
    void entitiesCountDocuments();
    void nameTypesCountArticlesByType();
    void aliasesOfAnEntity();

private:
    QString libraryPath() const { return m_dir->filePath(QStringLiteral("test.dossier")); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

// The annotations \a name made.
AnnotationQuery byAuthor(const QString &name)
{
    AnnotationQuery query;
    query.author = name;
    return query;
}

} // namespace

void LibraryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void LibraryTest::createsSchemaAtLatestVersion()
{
    {
        Library library(libraryPath());
        QVERIFY2(library.open(), qPrintable(library.errorString()));
    }
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("check"));
    db.setDatabaseName(libraryPath());
    QVERIFY(db.open());
    {
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("PRAGMA user_version")) && query.next());
        QCOMPARE(query.value(0).toInt(), Library::schemaVersion());
        QVERIFY(query.exec(QStringLiteral("PRAGMA journal_mode")) && query.next());
        QCOMPARE(query.value(0).toString(), QStringLiteral("wal"));
    }
    db.close();
    db = QSqlDatabase();
    QSqlDatabase::removeDatabase(QStringLiteral("check"));
}

void LibraryTest::storesAndReadsBackAnArticle()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const Article original = tokyoArticle(QStringLiteral("/corpus/tokyo.txt"));
    qint64 id = -1;
    QCOMPARE(library.articles().store(original, &id), StoreOutcome::Imported);
    QVERIFY(id > 0);
    const auto loaded = library.articles().get(id);
    QVERIFY(loaded);
    QCOMPARE(loaded->path, original.path);
    QCOMPARE(loaded->body, original.body);
    QCOMPARE(loaded->meta.title, original.meta.title);
    QCOMPARE(loaded->meta.date, original.meta.date);
    QCOMPARE(loaded->entities.size(), original.entities.size());
    QCOMPARE(loaded->entities[0].name, QStringLiteral("Aiko Tanabe"));
    QCOMPARE(loaded->entities[0].aliases, QStringList { QStringLiteral("Tanabe") });
    QCOMPARE(loaded->mentions.size(), original.mentions.size());
    for (const Mention &mention : loaded->mentions) {
        const Entity &entity = loaded->entities[mention.entity];
        const QString text = loaded->body.mid(mention.start, mention.end - mention.start);
        QVERIFY2(text == entity.name || entity.aliases.contains(text), qPrintable(text));
    }
    QCOMPARE(library.articles().count(), 1);
}

void LibraryTest::unchangedBytesAreANoOp()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    qint64 first = -1;
    qint64 second = -1;
    QCOMPARE(
        library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")), &first), StoreOutcome::Imported);
    QCOMPARE(
        library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")), &second), StoreOutcome::Unchanged);
    QCOMPARE(first, second);
    QCOMPARE(library.articles().count(), 1);
}

void LibraryTest::changedBytesUpdateInPlaceKeepingTheId()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    qint64 first = -1;
    qint64 second = -1;
    QCOMPARE(
        library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")), &first), StoreOutcome::Imported);
    Article changed = tokyoArticle(QStringLiteral("/corpus/tokyo.txt"), "cccc");
    changed.meta.title = QStringLiteral("Tokyo hosts cyber talks (updated)");
    QCOMPARE(library.articles().store(changed, &second), StoreOutcome::Updated);
    QCOMPARE(first, second);
    QCOMPARE(library.articles().get(first)->meta.title, changed.meta.title);
    const auto hits = library.documents().search(QStringLiteral("updated"));
    QVERIFY(hits);
    QCOMPARE(hits->size(), 1);
}

void LibraryTest::updateLeavesNoStaleEntities()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    Article changed = makeArticle(QStringLiteral("/corpus/tokyo.txt"), QStringLiteral("Rewritten"),
        QStringLiteral("Nothing named here any more."), "dddd");
    QCOMPARE(library.articles().store(changed), StoreOutcome::Updated);
    QCOMPARE(library.entities().all()->size(), 0);
}

void LibraryTest::removeLeavesNoStaleEntities()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    qint64 id = -1;
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt")), &id));
    QVERIFY(library.articles().store(manilaArticle(QStringLiteral("/corpus/manila.txt"))));
    QVERIFY(library.articles().remove(id));
    QCOMPARE(library.articles().count(), 1);
    const auto entities = library.entities().all();
    QVERIFY(entities);
    QStringList names;
    for (const EntitySummary &entity : *entities) {
        names.append(entity.name);
    }
    names.sort();
    QCOMPARE(names, (QStringList { QStringLiteral("Manila"), QStringLiteral("US") }));
    QCOMPARE(library.documents().search(QStringLiteral("Tanabe"))->size(), 0);
}

void LibraryTest::migratesOlderSchemaKeepingABackup_data()
{
    // tests/data/libraries/schema-N.dossier: a library of each released schema (see the README there).
    QTest::addColumn<int>("version");
    QTest::newRow("schema 1") << 1;
    QTest::newRow("schema 3") << 3;
    QTest::newRow("schema 4") << 4;
    QTest::newRow("schema 5") << 5;
    QTest::newRow("schema 6") << 6;
    QTest::newRow("schema 7") << 7;
    QTest::newRow("schema 8") << 8;
    QTest::newRow("schema 9") << 9;
    QTest::newRow("schema 10") << 10;
    QTest::newRow("schema 11") << 11;
    QTest::newRow("schema 12") << 12;
    QTest::newRow("schema 13") << 13;
}

void LibraryTest::migratesOlderSchemaKeepingABackup()
{
    QFETCH(int, version);
    const QString fixture = QStringLiteral(DOSSIER_TEST_DATA "/libraries/schema-%1.dossier").arg(version);
    QVERIFY(QFile::copy(fixture, libraryPath()));
    QFile::setPermissions(libraryPath(), QFile::ReadOwner | QFile::WriteOwner);
    const QByteArray original = [&] {
        QFile file(libraryPath());
        file.open(QIODevice::ReadOnly);
        return file.readAll();
    }();
    Library library(libraryPath());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    const QString backup = libraryPath() + QStringLiteral(".schema-%1.bak").arg(version);
    QVERIFY(QFile::exists(backup));
    QFile saved(backup);
    QVERIFY(saved.open(QIODevice::ReadOnly));
    QCOMPARE(saved.readAll(), original);
    QCOMPARE(library.articles().count(), 3);
    const auto rows = library.documents().window({}, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 3);
    for (const ArticleSummary &row : *rows) {
        const auto article = library.articles().get(row.id);
        QVERIFY(article);
        QVERIFY(!article->body.isEmpty());
        QVERIFY(!article->rawText.isEmpty());
    }
    // The search index was rebuilt over the moved texts.
    const QString word = library.articles()
                             .get(rows->front().id)
                             ->body.section(u' ', 1, 1)
                             .remove(QRegularExpression(QStringLiteral("\\W")));
    const auto hits = library.documents().search(word);
    QVERIFY2(hits && !hits->isEmpty(), qPrintable(word));
    // Both indexes: the word as written (quoted) and its stem (bare).
    const auto exact = library.documents().search(QLatin1Char('"') + word + QLatin1Char('"'));
    QVERIFY2(exact && !exact->isEmpty(), qPrintable(word));
    // The analyst's work of a schema-4 library is all there.
    const int fixtureTags = version >= 4 ? 1 : 0;
    if (version >= 4) {
        const auto kept = library.annotations().list();
        QVERIFY(kept);
        QCOMPARE(kept->size(), 1);
        QCOMPARE(kept->front().note, QStringLiteral("kept across migrations"));
        QCOMPARE(kept->front().tags, QStringList { QStringLiteral("Fixture") });
        QCOMPARE(kept->front().state, AnnotationState::Anchored);
        // Schema 12: what was made before authorship has no author.
        QCOMPARE(kept->front().author, QString());
    }
    // And the analyst's tables exist: an old library can be annotated and curated at once.
    const auto checked = library.annotations().annotate(rows->front().id, 0, 4, { QStringLiteral("Checked") });
    QVERIFY2(checked, qPrintable(library.errorString()));
    // Schema 12: what is made now is the local user's.
    QCOMPARE(checked->author, localAuthor());
    QCOMPARE(library.annotations().list(byAuthor(localAuthor()))->size(), 1);
    // Schema 13: what is changed now is in the history, by the local user; the old annotation has
    // its first version and no history before the upgrade.
    const auto changes = library.history().list();
    QVERIFY2(changes, qPrintable(library.errorString()));
    QCOMPARE(changes->size(), 3); // the tag Checked, the annotation, its tag
    for (const HistoryEntry &change : *changes) {
        QCOMPARE(change.author, localAuthor());
        QCOMPARE(change.action, HistoryEntry::Action::Insert);
    }
    QCOMPARE(changes->at(2).table, QStringLiteral("annotations"));
    QCOMPARE(changes->at(2).row, checked->id);
    if (version >= 4) {
        QCOMPARE(library.annotations().list()->front().version, qint64(1));
    }
    const auto tags = library.tags().all();
    QCOMPARE(tags->size(), fixtureTags + 1);
    for (const Tag &tag : *tags) {
        QCOMPARE(tag.author, tag.name == u"Checked" ? localAuthor() : QString());
    }
    QCOMPARE(library.curation().rules()->size(), version >= 5 ? 1 : 0);
    if (version >= 5) {
        QCOMPARE(library.curation().rules()->front().author, QString());
    }
    QCOMPARE(library.curation().pendingRetags(), 0);
    // Schema 8: folders can be watched.
    QCOMPARE(library.watchedFolders().all()->size(), 0);
    const auto watched = library.watchedFolders().add(m_dir->path());
    QVERIFY2(watched, qPrintable(library.errorString()));
    QCOMPARE(library.watchedFolders().all()->size(), 1);
    // Near-duplicate signatures (schema 9) are computed for the old articles when first needed:
    // the three fixture articles are different stories.
    QCOMPARE(library.duplicates().clusters()->size(), 0);
    QCOMPARE(library.duplicates().fillMissingSignatures(), 0);
    QCOMPARE(library.duplicates().copiesOf(rows->front().id)->members.size(), 1);
    // Schema 10: searches can be saved, and count the old articles.
    QCOMPARE(library.savedSearches().all()->size(), 0);
    SavedSearch everything;
    everything.name = QStringLiteral("Everything");
    const auto savedSearch = library.savedSearches().save(everything);
    QVERIFY2(savedSearch, qPrintable(library.errorString()));
    QCOMPARE(savedSearch->count, 3);
    QCOMPARE(savedSearch->fresh, 0);
    // Schema 11: the old articles get their stories when the list is first grouped, one each
    // (they are different stories).
    DocumentFilter grouped;
    grouped.groupCopies = true;
    QCOMPARE(library.documents().count(grouped), 3);
    QCOMPARE(library.duplicates().fillMissingStories(), 0);
    const auto stories = library.documents().window(grouped, DocumentSort::Title, Qt::AscendingOrder, 0, 10);
    QVERIFY(stories);
    QCOMPARE(stories->size(), 3);
    QCOMPARE(stories->front().id, rows->front().id);
    QCOMPARE(stories->front().storySize, 1);
    // Schema 14: the old articles have no sentence rows; the timeline's events and co-occurrence
    // by sentence read their bodies until a fill writes them, and give the same answers after.
    QCOMPARE(library.timeline().missingSentenceRows(), 3);
    const auto eventsBefore = library.timeline().events({});
    QVERIFY2(eventsBefore, qPrintable(library.errorString()));
    CooccurrenceOptions bySentence;
    bySentence.scope = CooccurrenceScope::Sentence;
    bySentence.minCount = 1;
    const auto pairsBefore = library.cooccurrence().pairs({}, bySentence);
    QVERIFY2(pairsBefore, qPrintable(library.errorString()));
    QList<qint64> progress;
    QCOMPARE(library.timeline().fillSentenceRows([&](qint64 done, qint64 total) {
        progress.append(done);
        return total == 3;
    }),
        3);
    QCOMPARE(progress.front(), qint64(0));
    QCOMPARE(progress.back(), qint64(3));
    QCOMPARE(library.timeline().missingSentenceRows(), 0);
    QCOMPARE(library.timeline().fillSentenceRows(), 0);
    const auto eventsAfter = library.timeline().events({});
    QVERIFY2(eventsAfter, qPrintable(library.errorString()));
    QCOMPARE(eventsAfter->size(), eventsBefore->size());
    for (qsizetype i = 0; i < eventsAfter->size(); ++i) {
        QCOMPARE(eventsAfter->at(i).date, eventsBefore->at(i).date);
        QCOMPARE(eventsAfter->at(i).reports.size(), eventsBefore->at(i).reports.size());
        QCOMPARE(eventsAfter->at(i).reports.front().sentence, eventsBefore->at(i).reports.front().sentence);
        QCOMPARE(eventsAfter->at(i).entities.size(), eventsBefore->at(i).entities.size());
    }
    const auto pairsAfter = library.cooccurrence().pairs({}, bySentence);
    QVERIFY2(pairsAfter, qPrintable(library.errorString()));
    QVERIFY(!pairsAfter->pairs.isEmpty());
    QCOMPARE(pairsAfter->units, pairsBefore->units);
    QCOMPARE(pairsAfter->pairs.size(), pairsBefore->pairs.size());
    for (qsizetype i = 0; i < pairsAfter->pairs.size(); ++i) {
        QCOMPARE(pairsAfter->pairs.at(i).a.id, pairsBefore->pairs.at(i).a.id);
        QCOMPARE(pairsAfter->pairs.at(i).b.id, pairsBefore->pairs.at(i).b.id);
        QCOMPARE(pairsAfter->pairs.at(i).count, pairsBefore->pairs.at(i).count);
    }
}

void LibraryTest::upgradeLinksPartsToTheirMessages()
{
    // Schema 15: an attachment of a schema-13 library gets its message as parent from its path; a
    // mailbox's message has none (the mailbox is no article); nothing is missing.
    const QString fixture = QStringLiteral(DOSSIER_TEST_DATA "/libraries/schema-13-watch.dossier");
    QVERIFY(QFile::copy(fixture, libraryPath()));
    QFile::setPermissions(libraryPath(), QFile::ReadOwner | QFile::WriteOwner);
    Library library(libraryPath());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    QVERIFY(QFile::exists(libraryPath() + QStringLiteral(".schema-13.bak")));
    QCOMPARE(library.articles().count(), 6);
    const auto stored = library.articles().storedFiles();
    QVERIFY(stored);
    const qint64 message = stored->value(QStringLiteral("/fixtures/mail/briefing.eml")).id;
    const qint64 attachment = stored->value(QStringLiteral("/fixtures/mail/briefing.eml#attachment/notes.html")).id;
    const qint64 boxed = stored->value(QStringLiteral("/fixtures/mail/box.mbox#message-1")).id;
    QVERIFY(message > 0 && attachment > 0 && boxed > 0);
    for (auto it = stored->cbegin(); it != stored->cend(); ++it) {
        QCOMPARE(it->missingSince, 0);
    }
    const auto rows = library.documents().list({});
    QVERIFY(rows);
    QCOMPARE(rows->size(), 6);
    for (const ArticleSummary &row : *rows) {
        QCOMPARE(row.parentId, row.id == attachment ? message : qint64(-1));
        QVERIFY(row.id != boxed || row.parentId == -1);
        QCOMPARE(row.missingSince, 0);
    }
    // The marks can be set and cleared; the article stays whole.
    QVERIFY2(library.articles().setMissing({ message }, 1234), qPrintable(library.errorString()));
    QCOMPARE(
        library.articles().missingFiles()->value(QStringLiteral("/fixtures/mail/briefing.eml")).missingSince, 1234);
    QVERIFY(library.articles().setMissing({ message }, 5678)); // the first time is kept
    QCOMPARE(
        library.articles().missingFiles()->value(QStringLiteral("/fixtures/mail/briefing.eml")).missingSince, 1234);
    QCOMPARE(library.articles().missingFiles()->size(), 1);
    QVERIFY(library.articles().setMissing({ message }, 0));
    QCOMPARE(library.articles().storedFiles()->value(QStringLiteral("/fixtures/mail/briefing.eml")).missingSince, 0);
    QVERIFY(library.articles().missingFiles()->isEmpty());
    QVERIFY(!library.articles().get(message)->body.isEmpty());
}

void LibraryTest::refusesLibraryFromNewerSchema()
{
    {
        Library library(libraryPath());
        QVERIFY(library.open());
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bump"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery(db).exec(QStringLiteral("PRAGMA user_version = 999"));
        // A newer Dossier might use another journal mode: opening must not switch it back to WAL.
        QSqlQuery(db).exec(QStringLiteral("PRAGMA journal_mode = DELETE"));
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bump"));
    const auto bytes = [&] {
        QFile file(libraryPath());
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    };
    const QByteArray before = bytes();
    QVERIFY(!before.isEmpty());
    {
        Library library(libraryPath());
        QVERIFY(!library.open());
        QVERIFY2(library.errorString().contains(QLatin1String("newer")), qPrintable(library.errorString()));
        QCOMPARE(library.openFailure(), Library::OpenFailure::Newer);
        QVERIFY2(library.errorString().contains(QLatin1String("untouched")), qPrintable(library.errorString()));
    }
    // Untouched: the same bytes, no backup, no WAL.
    QCOMPARE(bytes(), before);
    const QStringList left = QDir(QFileInfo(libraryPath()).absolutePath()).entryList(QDir::Files);
    QCOMPARE(left, QStringList { QFileInfo(libraryPath()).fileName() });
}

void LibraryTest::refusesFileThatIsNotALibrary()
{
    QFile file(libraryPath());
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(4096, 'x'));
    file.close();
    Library library(libraryPath());
    QVERIFY(!library.open());
    QVERIFY(!library.errorString().isEmpty());
    QCOMPARE(QFileInfo(libraryPath()).size(), 4096);
}

void LibraryTest::damagedLibraryIsToldApartFromRefusals_data()
{
    QTest::addColumn<qint64>("from");
    QTest::addColumn<qint64>("length");
    // SQLite then says "file is not a database" ...
    QTest::newRow("damaged header") << qint64(0) << qint64(100);
    // ... and "database disk image is malformed" (its schema, on the rest of page 1).
    QTest::newRow("damaged schema") << qint64(100) << qint64(3996);
}

void LibraryTest::damagedLibraryIsToldApartFromRefusals()
{
    QFETCH(qint64, from);
    QFETCH(qint64, length);
    {
        Library library(libraryPath());
        QVERIFY(library.open());
        QCOMPARE(library.openFailure(), Library::OpenFailure::None);
        QVERIFY(library.tags().ensure(QStringLiteral("kept")));
    }
    QFile file(libraryPath());
    QVERIFY(file.open(QIODevice::ReadWrite) && file.seek(from));
    QByteArray garbage(length, '\0');
    for (qsizetype i = 0; i < garbage.size(); ++i) {
        garbage[i] = char(0x5a ^ (i * 13));
    }
    QCOMPARE(file.write(garbage), length);
    file.close();
    Library library(libraryPath());
    QVERIFY(!library.open());
    QCOMPARE(library.openFailure(), Library::OpenFailure::Damaged);
    QVERIFY(!library.errorString().isEmpty());
}

void LibraryTest::refusesAnotherProgramsDatabaseUntouched_data()
{
    QTest::addColumn<QStringList>("statements");
    // A browser's history: one table, one row, the default journal mode.
    QTest::newRow("another program's tables")
        << QStringList { QStringLiteral("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"),
               QStringLiteral("INSERT INTO moz_places (url) VALUES ('https://example.org/')") };
    // A program that marks its files, like Dossier does now.
    QTest::newRow("another application id")
        << QStringList { QStringLiteral("PRAGMA application_id = 1234"), QStringLiteral("CREATE TABLE t (x)") };
    // One that has a table called articles, but is no Dossier library.
    QTest::newRow("an articles table alone")
        << QStringList { QStringLiteral("CREATE TABLE articles (id INTEGER PRIMARY KEY, headline TEXT)"),
               QStringLiteral("PRAGMA user_version = 3") };
    // Settings only: a version, no tables.
    QTest::newRow("a version, no tables") << QStringList { QStringLiteral("PRAGMA user_version = 7") };
}

void LibraryTest::refusesAnotherProgramsDatabaseUntouched()
{
    QFETCH(QStringList, statements);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("foreign"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        for (const QString &statement : std::as_const(statements)) {
            QSqlQuery query(db);
            QVERIFY2(query.exec(statement), qPrintable(statement));
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("foreign"));
    const auto hash = [&] {
        QFile file(libraryPath());
        return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                              : QByteArray();
    };
    const QByteArray before = hash();
    QVERIFY(!before.isEmpty());
    {
        Library library(libraryPath());
        QVERIFY(!library.open());
        QVERIFY2(
            library.errorString().contains(QLatin1String("not a Dossier library")), qPrintable(library.errorString()));
        QVERIFY2(library.errorString().contains(QLatin1String("untouched")), qPrintable(library.errorString()));
        QCOMPARE(library.openFailure(), Library::OpenFailure::Foreign);
        // Nothing can be done with it either.
        QVERIFY(!library.articles().count());
    }
    // The same bytes, and nothing beside it (no WAL, no backup).
    QCOMPARE(hash(), before);
    const QStringList left = QDir(QFileInfo(libraryPath()).absolutePath()).entryList(QDir::Files);
    QCOMPARE(left, QStringList { QFileInfo(libraryPath()).fileName() });
}

void LibraryTest::marksNewAndUpgradedLibrariesWithTheApplicationId()
{
    const auto applicationId = [](const QString &path) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("id"));
        db.setDatabaseName(path);
        int id = -1;
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA application_id")) && query.next()) {
                id = query.value(0).toInt();
            }
        }
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("id"));
        return id;
    };
    constexpr int dossier = 0x446f7373; // "Doss"
    {
        Library library(libraryPath());
        QVERIFY(library.open());
    }
    QCOMPARE(applicationId(libraryPath()), dossier);
    // A library of the schema before (5) has none; opening it gives it one, after the backup.
    const QString old = m_dir->filePath(QStringLiteral("old.dossier"));
    QVERIFY(QFile::copy(QStringLiteral(DOSSIER_TEST_DATA "/libraries/schema-5.dossier"), old));
    QFile::setPermissions(old, QFile::ReadOwner | QFile::WriteOwner);
    QCOMPARE(applicationId(old), 0);
    {
        Library library(old);
        QVERIFY2(library.open(), qPrintable(library.errorString()));
        QCOMPARE(library.articles().count(), 3);
    }
    QCOMPARE(applicationId(old), dossier);
    QCOMPARE(applicationId(old + QStringLiteral(".schema-5.bak")), 0);
}

void LibraryTest::twoThreadsOpeningOneNewLibraryBothSucceed()
{
    // Two connections setting up one new library at the same instant (first read, switch to WAL,
    // migrations): the second waits for the first instead of failing with "locked". Released
    // together by a latch, many times, because the window lasts microseconds.
    constexpr int rounds = 40;
    for (int round = 0; round < rounds; ++round) {
        const QString path = m_dir->filePath(QStringLiteral("race-%1.dossier").arg(round));
        std::latch start(2);
        QString errors[2];
        bool opened[2] = { false, false };
        const auto openAndWrite = [&](int which) {
            Library library(path);
            start.arrive_and_wait();
            opened[which] = library.open()
                && library.articles().store(
                    makeArticle(QStringLiteral("/race/%1.txt").arg(which), QStringLiteral("Race"),
                        QStringLiteral("Both connections store one article."), QByteArray::number(which)));
            errors[which] = library.errorString();
        };
        std::thread first(openAndWrite, 0);
        std::thread second(openAndWrite, 1);
        first.join();
        second.join();
        QVERIFY2(opened[0], qPrintable(QStringLiteral("round %1: %2").arg(round).arg(errors[0])));
        QVERIFY2(opened[1], qPrintable(QStringLiteral("round %1: %2").arg(round).arg(errors[1])));
        Library library(path);
        QVERIFY(library.open());
        QCOMPARE(library.articles().count(), 2);
    }
}

void LibraryTest::entitiesCountDocuments()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    QVERIFY(library.articles().store(tokyoArticle(QStringLiteral("/corpus/tokyo.txt"))));
    QVERIFY(library.articles().store(manilaArticle(QStringLiteral("/corpus/manila.txt"))));
    const auto all = library.entities().all();
    QVERIFY(all);
    // "U.S."/"United States" in one article and "US" in the other: the keys differ ("united states"
    // vs "us"), but the alias key links them in list(); entities() shows the canonical rows.
    const auto places = library.entities().all(EntityType::Location);
    QVERIFY(places);
    for (const EntitySummary &entity : *places) {
        QCOMPARE(entity.type, EntityType::Location);
    }
    QCOMPARE(all->front().documents, 1);
}

void LibraryTest::nameTypesCountArticlesByType()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const auto [P, O, L] = std::tuple { EntityType::Person, EntityType::Org, EntityType::Location };
    const EntityType types[] = { O, O, O, P };
    for (int i = 0; i < 4; ++i) {
        Article article = makeArticle(QStringLiteral("/corpus/kestrel-%1.txt").arg(i), QStringLiteral("Plant"),
            QStringLiteral("Kestrel Dynamics opened a plant in Halden."), QByteArray::number(i));
        addEntity(article, types[i], QStringLiteral("Kestrel Dynamics"), {});
        addEntity(article, L, QStringLiteral("Halden"), {});
        QVERIFY(library.articles().store(article));
    }
    const std::optional<LibraryTypes> read = library.entities().nameTypes();
    QVERIFY2(read, qPrintable(library.errorString()));
    const LibraryTypes &names = *read;
    QCOMPARE(names.articles.value(entityKey(u"Kestrel Dynamics")), (std::array<int, 3> { 1, 3, 0 }));
    QCOMPARE(names.articles.value(entityKey(u"Halden")), (std::array<int, 3> { 0, 0, 4 }));
    EntityType settled;
    QVERIFY(names.settled(entityKey(u"Halden"), &settled));
    QCOMPARE(settled, L);
    QVERIFY(!names.settled(entityKey(u"Kestrel Dynamics"), &settled)); // 3 of 4: not four in five
}

void LibraryTest::aliasesOfAnEntity()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const Fixture ids = storeThree(library);
    QCOMPARE(library.entities().aliases(ids.tanabe), QStringList { QStringLiteral("Tanabe") });
    QCOMPARE(library.entities().aliases(ids.tokyo), QStringList {});
}

void LibraryTest::failuresSayWhatKindTheyAre_data()
{
    QTest::addColumn<int>("failure");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QString>("message");
    using Kind = StoreError::Kind;
    QTest::newRow("bad query") << 0 << int(Kind::BadQuery) << QStringLiteral("bad search query: unterminated string");
    QTest::newRow("empty search") << 1 << int(Kind::BadQuery) << QStringLiteral("the search query is empty");
    QTest::newRow("no such article") << 2 << int(Kind::NotFound) << QStringLiteral("no article with id 99");
    QTest::newRow("not a colour") << 3 << int(Kind::Invalid)
                                  << QStringLiteral("'red' is not a colour; write it as #RRGGBB");
    // A statement broken by a damaged schema is no fault of the analyst's query.
    QTest::newRow("schema") << 4 << int(Kind::Other) << QStringLiteral("no such table: tags");
    QTest::newRow("schema under a search") << 5 << int(Kind::Other) << QStringLiteral("no such table: tags");
}

void LibraryTest::failuresSayWhatKindTheyAre()
{
    QFETCH(int, failure);
    QFETCH(int, kind);
    QFETCH(QString, message);
    Library library(libraryPath());
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    QCOMPARE(library.lastError().kind, StoreError::Kind::None);
    QVERIFY(library.articles().store(
        makeArticle(QStringLiteral("/news/one.txt"), QStringLiteral("One"), QStringLiteral("Harbour news."), "1")));
    if (failure >= 4) {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("damage"));
        db.setDatabaseName(libraryPath());
        QVERIFY(db.open());
        QSqlQuery drop(db);
        QVERIFY(drop.exec(QStringLiteral("DROP TABLE article_tags")));
        QVERIFY(drop.exec(QStringLiteral("DROP TABLE annotation_tags")));
        QVERIFY(drop.exec(QStringLiteral("DROP TABLE tags")));
        drop.finish();
        db.close();
        db = {};
        QSqlDatabase::removeDatabase(QStringLiteral("damage"));
    }
    DocumentFilter tagged;
    tagged.tags = { 1 };
    tagged.text = QStringLiteral("harbour");
    switch (failure) {
    case 0: {
        DocumentFilter unterminated;
        unterminated.text = QStringLiteral("\"unterminated");
        QVERIFY(!library.documents().count(unterminated));
        break;
    }
    case 1:
        QVERIFY(!library.documents().search(QStringLiteral("  ")));
        break;
    case 2:
        QVERIFY(!library.articles().get(99));
        break;
    case 3:
        QVERIFY(!library.tags().ensure(QStringLiteral("Port"), QStringLiteral("red")));
        break;
    case 4:
        QVERIFY(!library.tags().all());
        break;
    case 5:
        QVERIFY(!library.tags().facets(tagged));
        break;
    }
    QCOMPARE(library.errorString(), message);
    QCOMPARE(int(library.lastError().kind), kind);
}

QTEST_GUILESS_MAIN(LibraryTest)
#include "library_test.moc"
