// Watched folders: the store (schema 8), the FolderWatcher that imports from them, and
// dossier-cli watch / import --watch. Real files in a temporary folder, a real library.

#include "clirun.h"
#include "import/folderwatcher.h"
#include "store/library.h"
#include "testbackend.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace Dossier::Core;

class FolderWatcherTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void storeAddsListsAndRemovesFolders();
    void newFileIsImportedOnceSettled();
    void unchangedFilesAreSkippedAndChangedOnesUpdated();
    void halfWrittenFileWaitsUntilItStopsChanging();
    void settleTimeMustPassBeforeImport();
    void missingFolderIsMarkedAndWatchingResumes();
    void removedFileIsMarkedMissingAndRestored();
    void renamedFileIsFollowed();
    void attachmentsLinkToTheirMessageAndMoveWithIt();
    void runningWatcherFollowsAddChangeRenameAndRemove();
    void cliListSaysParentAndMissing();
    void cliWatchAddListRemove();
    void cliImportWatchOnce();
    void cliImportWatchRunsUntilSignalled_data();
    void cliImportWatchRunsUntilSignalled();

private:
    using Run = Dossier::Test::CliRun;
    Run cli(const QStringList &arguments);
    QString library() const { return Dossier::Test::testLibrary(m_dir->filePath(QStringLiteral("lib.dossier"))); }
    QString folder() const { return m_dir->filePath(QStringLiteral("inbox")); }
    QString write(const QString &name, const QByteArray &bytes, QIODevice::OpenMode mode = QIODevice::WriteOnly);
    // The folder watched by the library, as the store returns it.
    WatchedFolder watchFolder();
    qint64 articleCount();
    // The library's article at \a path, read whole; nullopt when there is none.
    std::optional<Article> articleAt(const QString &path);
    // The library's list row of the article at \a path (its id, parent and missing mark).
    std::optional<ArticleSummary> rowAt(const QString &path);
    QList<Annotation> annotationsOf(qint64 id);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

QByteArray article(int n)
{
    return QStringLiteral("Harbor Ledger live feed\n\nPort authority weighs new rules %1\n\nMANILA — Officials said on "
                          "Tuesday that the port authority would review its cyber rules after incident %1. The review "
                          "will take three months, a spokesperson said.\n\n")
        .arg(n)
        .toUtf8();
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty()) {
            lines.append(QJsonDocument::fromJson(line).object());
        }
    }
    return lines;
}

// Moves the file's modification time \a seconds on, so that a rewrite within the same
// millisecond still looks changed.
void touchLater(const QString &path, int seconds)
{
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadWrite));
    QVERIFY(file.setFileTime(QFileInfo(path).lastModified().addSecs(seconds), QFileDevice::FileModificationTime));
}

} // namespace

void FolderWatcherTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    QVERIFY(QDir().mkpath(folder()));
}

FolderWatcherTest::Run FolderWatcherTest::cli(const QStringList &arguments)
{
    return Dossier::Test::runCli(arguments);
}

QString FolderWatcherTest::write(const QString &name, const QByteArray &bytes, QIODevice::OpenMode mode)
{
    const QString path = folder() + u'/' + name;
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(mode) || file.write(bytes) != bytes.size()) {
        qFatal("cannot write test file");
    }
    return path;
}

WatchedFolder FolderWatcherTest::watchFolder()
{
    Library lib(library());
    if (!lib.open()) {
        qFatal("cannot open the library");
    }
    const auto added = lib.watchedFolders().add(folder());
    if (!added) {
        qFatal("cannot watch the folder");
    }
    return *added;
}

qint64 FolderWatcherTest::articleCount()
{
    Library lib(library());
    return lib.open() ? lib.articles().count().value_or(-1) : -1;
}

std::optional<Article> FolderWatcherTest::articleAt(const QString &path)
{
    Library lib(library());
    if (!lib.open()) {
        return std::nullopt;
    }
    const auto stored = lib.articles().storedFiles();
    if (!stored || !stored->contains(path)) {
        return std::nullopt;
    }
    return lib.articles().get(stored->value(path).id);
}

std::optional<ArticleSummary> FolderWatcherTest::rowAt(const QString &path)
{
    Library lib(library());
    if (!lib.open()) {
        return std::nullopt;
    }
    const auto rows = lib.documents().list({});
    for (const ArticleSummary &row : rows.value_or(QList<ArticleSummary> {})) {
        if (row.path == path) {
            return row;
        }
    }
    return std::nullopt;
}

QList<Annotation> FolderWatcherTest::annotationsOf(qint64 id)
{
    Library lib(library());
    if (!lib.open()) {
        return {};
    }
    AnnotationQuery query;
    query.articles = { id };
    return lib.annotations().list(query).value_or(QList<Annotation> {});
}

void FolderWatcherTest::storeAddsListsAndRemovesFolders()
{
    Library lib(library());
    QVERIFY2(lib.open(), qPrintable(lib.errorString()));
    WatchedFolderStore &folders = lib.watchedFolders();
    QCOMPARE(folders.all()->size(), 0);
    const auto added = folders.add(folder() + QStringLiteral("/"));
    QVERIFY2(added, qPrintable(lib.errorString()));
    QCOMPARE(added->path, folder());
    QCOMPARE(added->state, WatchedFolder::State::Ok);
    QCOMPARE(added->lastScan, 0);
    QCOMPARE(added->articles, 0);
    // Any spelling of a watched folder is that folder.
    const auto again = folders.add(folder() + QStringLiteral("/../inbox"));
    QVERIFY(again);
    QCOMPARE(again->id, added->id);
    QCOMPARE(folders.all()->size(), 1);
    // Only folders.
    QVERIFY(!folders.add(m_dir->filePath(QStringLiteral("nowhere"))));
    QCOMPARE(lib.lastError().kind, StoreError::Kind::Invalid);
    write(QStringLiteral("a.txt"), article(1));
    QVERIFY(!folders.add(folder() + QStringLiteral("/a.txt")));

    // Articles count by the folder's path: not a sibling whose name begins the same.
    ImportRequest request;
    request.libraryPath = library();
    request.paths = { folder() };
    write(QStringLiteral("sub/b.txt"), article(2));
    QDir().mkpath(m_dir->filePath(QStringLiteral("inbox2")));
    QFile sibling(m_dir->filePath(QStringLiteral("inbox2/c.txt")));
    QVERIFY(sibling.open(QIODevice::WriteOnly));
    sibling.write(article(3));
    sibling.close();
    request.paths.append(sibling.fileName());
    QCOMPARE(importFiles(request, false).imported, 3);
    QCOMPARE(folders.find(folder())->articles, 2);

    QVERIFY(folders.update(added->id, WatchedFolder::State::Missing, 1234));
    QCOMPARE(folders.find(folder())->state, WatchedFolder::State::Missing);
    QCOMPARE(folders.find(folder())->lastScan, 1234);
    QVERIFY(folders.update(added->id, WatchedFolder::State::Ok));
    QCOMPARE(folders.find(folder())->lastScan, 1234);

    QVERIFY(folders.remove(added->id));
    QVERIFY(!folders.remove(added->id));
    QCOMPARE(lib.lastError().kind, StoreError::Kind::NotFound);
    QVERIFY(!folders.find(folder()));
    QCOMPARE(folders.all()->size(), 0);
    // Removing a folder keeps its articles.
    QCOMPARE(lib.articles().count(), 3);
}

void FolderWatcherTest::newFileIsImportedOnceSettled()
{
    const WatchedFolder watched = watchFolder();
    FolderWatcher watcher(library());
    watcher.setSettleTime(100);
    watcher.setRescanInterval(0); // notifications alone
    QSignalSpy imported(&watcher, &FolderWatcher::imported);
    QSignalSpy checked(&watcher, &FolderWatcher::checked);
    QVERIFY2(watcher.start(), qPrintable(watcher.errorString()));
    QCOMPARE(checked.count(), 1);
    QCOMPARE(imported.count(), 0);
    const QString path = write(QStringLiteral("new/today.txt"), article(1));
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 30000);
    const auto summary = imported.first().first().value<ImportSummary>();
    QCOMPARE(summary.imported, 1);
    QVERIFY(summary.failed.isEmpty());
    Library lib(library());
    QVERIFY(lib.open());
    const auto stored = lib.articles().storedFiles();
    QVERIFY(stored && stored->contains(path));
    const auto now = lib.watchedFolders().find(folder());
    QCOMPARE(now->articles, 1);
    QVERIFY(now->lastScan > 0);
    QCOMPARE(now->id, watched.id);
}

void FolderWatcherTest::unchangedFilesAreSkippedAndChangedOnesUpdated()
{
    watchFolder();
    const QString a = write(QStringLiteral("a.txt"), article(1));
    write(QStringLiteral("b.txt"), article(2));
    FolderWatcher watcher(library());
    watcher.setSettleTime(0);
    QSignalSpy pending(&watcher, &FolderWatcher::filePending);
    QCOMPARE(watcher.checkNow().imported, 0); // seen
    QCOMPARE(pending.count(), 2);
    QCOMPARE(watcher.checkNow().imported, 2); // the same: imported
    qint64 id = -1;
    {
        Library lib(library());
        QVERIFY(lib.open());
        id = lib.articles().storedFiles()->value(a).id;
    }

    // Nothing changed: nothing is read.
    pending.clear();
    ImportSummary nothing = watcher.checkNow();
    QCOMPARE(nothing.imported + nothing.updated + nothing.unchanged, 0);
    QCOMPARE(pending.count(), 0);
    // A new watcher (another run) knows the stored files by size and time: nothing is read either.
    {
        FolderWatcher fresh(library());
        fresh.setSettleTime(0);
        QSignalSpy freshPending(&fresh, &FolderWatcher::filePending);
        fresh.checkNow();
        QCOMPARE(freshPending.count(), 0);
    }

    // Touched, same bytes: read once, found unchanged, not stored again.
    touchLater(a, 10);
    watcher.checkNow();
    QCOMPARE(pending.count(), 1);
    const ImportSummary touched = watcher.checkNow();
    QCOMPARE(touched.unchanged, 1);
    QCOMPARE(touched.updated, 0);
    QCOMPARE(touched.imported, 0);
    nothing = watcher.checkNow();
    QCOMPARE(nothing.unchanged, 0);

    // Changed: re-analysed in place, same id.
    write(QStringLiteral("a.txt"), article(11));
    touchLater(a, 20);
    watcher.checkNow();
    const ImportSummary changed = watcher.checkNow();
    QCOMPARE(changed.updated, 1);
    QCOMPARE(changed.imported, 0);
    Library lib(library());
    QVERIFY(lib.open());
    QCOMPARE(lib.articles().count(), 2);
    QCOMPARE(lib.articles().storedFiles()->value(a).id, id);
    QCOMPARE(lib.documents().search(QStringLiteral("\"incident 11\""))->size(), 1);
}

void FolderWatcherTest::halfWrittenFileWaitsUntilItStopsChanging()
{
    watchFolder();
    const QByteArray whole = article(7) + QByteArrayLiteral("The harbour master signed the order on Friday.\n");
    const QString path = write(QStringLiteral("late.txt"), whole.left(40));
    FolderWatcher watcher(library());
    watcher.setSettleTime(0);
    QSignalSpy pending(&watcher, &FolderWatcher::filePending);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(pending.count(), 1);
    QCOMPARE(watcher.pendingFiles(), QStringList { path });
    // The writer goes on between two looks: the file is not the same, so it waits again.
    write(QStringLiteral("late.txt"), whole.mid(40), QIODevice::Append);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(articleCount(), 0);
    // Unchanged since the last look: imported, whole.
    QCOMPARE(watcher.checkNow().imported, 1);
    QVERIFY(watcher.pendingFiles().isEmpty());
    Library lib(library());
    QVERIFY(lib.open());
    const auto article = lib.articles().get(lib.articles().storedFiles()->value(path).id);
    QVERIFY(article);
    QVERIFY2(article->body.contains(QStringLiteral("signed the order on Friday")), qPrintable(article->body));
}

void FolderWatcherTest::settleTimeMustPassBeforeImport()
{
    watchFolder();
    write(QStringLiteral("a.txt"), article(1));
    FolderWatcher watcher(library());
    watcher.setSettleTime(3600000);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(watcher.pendingFiles().size(), 1);
    QCOMPARE(articleCount(), 0);
}

void FolderWatcherTest::missingFolderIsMarkedAndWatchingResumes()
{
    const WatchedFolder watched = watchFolder();
    write(QStringLiteral("a.txt"), article(1));
    FolderWatcher watcher(library());
    watcher.setSettleTime(100);
    watcher.setRescanInterval(200);
    QSignalSpy imported(&watcher, &FolderWatcher::imported);
    QSignalSpy states(&watcher, &FolderWatcher::folderStateChanged);
    QVERIFY(watcher.start());
    QTRY_COMPARE_WITH_TIMEOUT(imported.count(), 1, 30000);
    QCOMPARE(articleCount(), 1);

    QVERIFY(QDir(folder()).removeRecursively());
    QTRY_COMPARE_WITH_TIMEOUT(states.count(), 1, 30000);
    QCOMPARE(states.first().at(0).toLongLong(), watched.id);
    QCOMPARE(states.first().at(2).value<WatchedFolder::State>(), WatchedFolder::State::Missing);
    {
        Library lib(library());
        QVERIFY(lib.open());
        QCOMPARE(lib.watchedFolders().find(folder())->state, WatchedFolder::State::Missing);
        QCOMPARE(lib.articles().count(), 1); // nothing deleted
    }
    QCOMPARE(watcher.folders().constFirst().state, WatchedFolder::State::Missing);

    // Back, with a new file: ok again, and the new file is imported.
    write(QStringLiteral("b.txt"), article(2));
    QTRY_COMPARE_WITH_TIMEOUT(states.count(), 2, 30000);
    QCOMPARE(states.at(1).at(2).value<WatchedFolder::State>(), WatchedFolder::State::Ok);
    QTRY_COMPARE_WITH_TIMEOUT(articleCount(), 2, 30000);
    Library lib(library());
    QVERIFY(lib.open());
    QCOMPARE(lib.watchedFolders().find(folder())->state, WatchedFolder::State::Ok);
}

void FolderWatcherTest::removedFileIsMarkedMissingAndRestored()
{
    watchFolder();
    const QString a = write(QStringLiteral("a.txt"), article(1));
    const QString b = write(QStringLiteral("b.txt"), article(2));
    FolderWatcher watcher(library());
    watcher.setSettleTime(0);
    QSignalSpy followed(&watcher, &FolderWatcher::filesFollowed);
    watcher.checkNow();
    QCOMPARE(watcher.checkNow().imported, 2);
    QCOMPARE(followed.count(), 0);
    const qint64 id = rowAt(a)->id;
    qint64 annotationId = -1;
    {
        Library lib(library());
        QVERIFY(lib.open());
        const auto annotation = lib.annotations().annotate(id, 0, 13, { QStringLiteral("Kept") }, QStringLiteral("n"));
        QVERIFY2(annotation, qPrintable(lib.errorString()));
        annotationId = annotation->id;
        QVERIFY(lib.tags().tagArticle(id, { QStringLiteral("Desk") }));
    }

    // Deleted on disk: marked missing, nothing of it removed.
    QVERIFY(QFile::remove(a));
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(followed.count(), 1);
    QCOMPARE(followed.first().at(0).toInt(), 1);
    const auto gone = rowAt(a);
    QVERIFY(gone);
    QCOMPARE(gone->id, id);
    QVERIFY(gone->missingSince > 0);
    QVERIFY(!articleAt(a)->body.isEmpty());
    QVERIFY(!articleAt(a)->entities.isEmpty());
    QCOMPARE(rowAt(b)->missingSince, 0);
    QCOMPARE(articleCount(), 2);
    QList<Annotation> kept = annotationsOf(id);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().id, annotationId);
    QCOMPARE(kept.first().state, AnnotationState::Anchored);
    {
        Library lib(library());
        QVERIFY(lib.open());
        QCOMPARE(lib.tags().ofArticle(id)->size(), 1);
        // The list says so.
        const auto rows = lib.documents().list({});
        QCOMPARE(rows->size(), 2);
        for (const ArticleSummary &row : *rows) {
            QCOMPARE(row.missingSince, row.id == id ? gone->missingSince : 0);
        }
    }
    // Another look: the time it was first found gone stays.
    watcher.checkNow();
    QCOMPARE(followed.count(), 1);
    QCOMPARE(rowAt(a)->missingSince, gone->missingSince);

    // Back with the same bytes (and a new time): the mark goes, the article and its annotation as
    // they were.
    write(QStringLiteral("a.txt"), article(1));
    touchLater(a, 10);
    watcher.checkNow();
    QCOMPARE(followed.count(), 2);
    QCOMPARE(rowAt(a)->missingSince, 0);
    const ImportSummary again = watcher.checkNow();
    QCOMPARE(again.unchanged, 1);
    QCOMPARE(again.imported + again.updated, 0);
    QCOMPARE(articleCount(), 2);
    kept = annotationsOf(id);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().note, QStringLiteral("n"));

    // Gone again, then back changed: re-analysed in place, its annotation re-anchored.
    QVERIFY(QFile::remove(a));
    watcher.checkNow();
    QVERIFY(rowAt(a)->missingSince > 0);
    write(QStringLiteral("a.txt"), article(1) + QByteArrayLiteral("The harbour master signed the order on Friday.\n"));
    touchLater(a, 30);
    watcher.checkNow();
    const ImportSummary changed = watcher.checkNow();
    QCOMPARE(changed.updated, 1);
    const auto back = rowAt(a);
    QCOMPARE(back->id, id);
    QCOMPARE(back->missingSince, 0);
    QVERIFY(articleAt(a)->body.contains(QStringLiteral("signed the order on Friday")));
    kept = annotationsOf(id);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().id, annotationId);
    QCOMPARE(kept.first().tags, QStringList { QStringLiteral("Kept") });
    QVERIFY(kept.first().state != AnnotationState::Orphaned);
    QCOMPARE(articleCount(), 2);
}

void FolderWatcherTest::renamedFileIsFollowed()
{
    watchFolder();
    const QString a = write(QStringLiteral("a.txt"), article(1));
    write(QStringLiteral("b.txt"), article(2));
    FolderWatcher watcher(library());
    watcher.setSettleTime(0);
    QSignalSpy moves(&watcher, &FolderWatcher::articleMoved);
    watcher.checkNow();
    QCOMPARE(watcher.checkNow().imported, 2);
    const qint64 id = rowAt(a)->id;
    {
        Library lib(library());
        QVERIFY(lib.open());
        QVERIFY(lib.annotations().annotate(id, 0, 13, { QStringLiteral("Kept") }));
    }

    // Moved into a subfolder under another name: the same article at its new path.
    QVERIFY(QDir().mkpath(folder() + QStringLiteral("/2026")));
    const QString renamed = folder() + QStringLiteral("/2026/ledger.txt");
    QVERIFY(QFile::rename(a, renamed));
    watcher.checkNow(); // the old path gone, the new one seen
    QVERIFY(rowAt(a)->missingSince > 0);
    const ImportSummary round = watcher.checkNow(); // settled: followed, not imported
    QCOMPARE(round.imported, 0);
    QCOMPARE(moves.count(), 1);
    QCOMPARE(moves.first().at(0).toLongLong(), id);
    QCOMPARE(moves.first().at(1).toString(), a);
    QCOMPARE(moves.first().at(2).toString(), renamed);
    QCOMPARE(articleCount(), 2);
    QVERIFY(!articleAt(a));
    const auto moved = rowAt(renamed);
    QVERIFY(moved);
    QCOMPARE(moved->id, id);
    QCOMPARE(moved->missingSince, 0);
    const QList<Annotation> kept = annotationsOf(id);
    QCOMPARE(kept.size(), 1);
    QCOMPARE(kept.first().articlePath, renamed);
    QCOMPARE(kept.first().state, AnnotationState::Anchored);
    // Nothing left to do.
    const ImportSummary quiet = watcher.checkNow();
    QCOMPARE(quiet.imported + quiet.updated + quiet.unchanged, 0);
    QCOMPARE(moves.count(), 1);
    // A new watcher (another run) finds it where it is.
    FolderWatcher fresh(library());
    fresh.setSettleTime(0);
    QSignalSpy freshPending(&fresh, &FolderWatcher::filePending);
    fresh.checkNow();
    QCOMPARE(freshPending.count(), 0);
}

void FolderWatcherTest::attachmentsLinkToTheirMessageAndMoveWithIt()
{
    watchFolder();
    const QString mail = folder() + QStringLiteral("/strike.eml");
    QVERIFY(QFile::copy(QStringLiteral(DOSSIER_TEST_DATA "/mail/pilots-strike.eml"), mail));
    QFile::setPermissions(mail, QFile::ReadOwner | QFile::WriteOwner);
    FolderWatcher watcher(library());
    watcher.setSettleTime(0);
    watcher.checkNow();
    QCOMPARE(watcher.checkNow().imported, 2);
    const auto message = rowAt(mail);
    QVERIFY(message);
    QCOMPARE(message->parentId, -1);
    const QString part = mail + QStringLiteral("#attachment/rescue-centre.pdf");
    const auto attachment = rowAt(part);
    QVERIFY(attachment);
    QCOMPARE(attachment->parentId, message->id);

    // The message gone: its attachment with it; renamed: both follow, still linked.
    const QString renamed = folder() + QStringLiteral("/kept/strike-2026.eml");
    QVERIFY(QDir().mkpath(QFileInfo(renamed).absolutePath()));
    QVERIFY(QFile::rename(mail, renamed));
    watcher.checkNow();
    QVERIFY(rowAt(mail)->missingSince > 0);
    QVERIFY(rowAt(part)->missingSince > 0);
    QCOMPARE(watcher.checkNow().imported, 0);
    QCOMPARE(articleCount(), 2);
    const auto movedMessage = rowAt(renamed);
    const auto movedPart = rowAt(renamed + QStringLiteral("#attachment/rescue-centre.pdf"));
    QVERIFY(movedMessage && movedPart);
    QCOMPARE(movedMessage->id, message->id);
    QCOMPARE(movedPart->id, attachment->id);
    QCOMPARE(movedPart->parentId, message->id);
    QCOMPARE(movedMessage->missingSince, 0);
    QCOMPARE(movedPart->missingSince, 0);
}

void FolderWatcherTest::runningWatcherFollowsAddChangeRenameAndRemove()
{
    // Issue 15's test: a running watcher, told by notifications and its rescan alone.
    watchFolder();
    FolderWatcher watcher(library());
    watcher.setSettleTime(100);
    watcher.setRescanInterval(500);
    QVERIFY2(watcher.start(), qPrintable(watcher.errorString()));
    const auto missingSince = [this](const QString &path) {
        const auto found = rowAt(path);
        return found ? found->missingSince : qint64(-1);
    };

    // Added.
    const QString a = write(QStringLiteral("a.txt"), article(1));
    const QString b = write(QStringLiteral("b.txt"), article(2));
    QTRY_COMPARE_WITH_TIMEOUT(articleCount(), 2, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(articleAt(a).has_value() && articleAt(b).has_value(), 30000);
    const qint64 idA = rowAt(a)->id;
    const qint64 idB = rowAt(b)->id;
    {
        Library lib(library());
        QVERIFY(lib.open());
        QVERIFY(lib.annotations().annotate(idA, 0, 13, { QStringLiteral("A") }));
        QVERIFY(lib.annotations().annotate(idB, 0, 13, { QStringLiteral("B") }));
    }

    // Changed: updated in place.
    write(QStringLiteral("a.txt"), article(1) + QByteArrayLiteral("A second paragraph came later.\n"));
    touchLater(a, 10);
    QTRY_VERIFY_WITH_TIMEOUT(articleAt(a)->body.contains(QStringLiteral("second paragraph")), 30000);
    QCOMPARE(rowAt(a)->id, idA);

    // Renamed: followed.
    const QString renamed = folder() + QStringLiteral("/renamed.txt");
    QVERIFY(QFile::rename(b, renamed));
    QTRY_VERIFY_WITH_TIMEOUT(articleAt(renamed).has_value(), 30000);
    QCOMPARE(rowAt(renamed)->id, idB);
    QCOMPARE(missingSince(renamed), 0);
    QVERIFY(!articleAt(b));

    // Removed: marked missing.
    QVERIFY(QFile::remove(a));
    QTRY_VERIFY_WITH_TIMEOUT(missingSince(a) > 0, 30000);

    // Nothing lost: both articles, their annotations.
    QCOMPARE(articleCount(), 2);
    QCOMPARE(annotationsOf(idA).size(), 1);
    QCOMPARE(annotationsOf(idB).size(), 1);
    QCOMPARE(annotationsOf(idB).first().articlePath, renamed);

    // Back: the mark goes.
    write(QStringLiteral("a.txt"), article(1) + QByteArrayLiteral("A second paragraph came later.\n"));
    QTRY_COMPARE_WITH_TIMEOUT(missingSince(a), 0, 30000);
    QCOMPARE(rowAt(a)->id, idA);
    QCOMPARE(annotationsOf(idA).size(), 1);
    QCOMPARE(articleCount(), 2);
}

void FolderWatcherTest::cliListSaysParentAndMissing()
{
    const QString lib = library();
    const QString a = write(QStringLiteral("a.txt"), article(1));
    const QString mail = folder() + QStringLiteral("/strike.eml");
    QVERIFY(QFile::copy(QStringLiteral(DOSSIER_TEST_DATA "/mail/pilots-strike.eml"), mail));
    QCOMPARE(
        cli({ QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--library"), lib, folder() }).exitCode,
        0);
    const QStringList once { QStringLiteral("import"), QStringLiteral("--watch"), QStringLiteral("--once"),
        QStringLiteral("--settle"), QStringLiteral("0"), QStringLiteral("--no-backup"), QStringLiteral("--library"),
        lib };
    QCOMPARE(cli(once).exitCode, 0);
    QVERIFY(QFile::remove(a));
    QCOMPARE(cli(once).exitCode, 0);
    const Run run = cli({ QStringLiteral("list"), QStringLiteral("--library"), lib });
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> lines = run.lines();
    QCOMPARE(lines.size(), 3);
    QHash<QString, QJsonObject> byPath;
    for (const QJsonObject &line : lines) {
        QVERIFY(line.contains(QLatin1String("parent")));
        QVERIFY(line.contains(QLatin1String("missing")));
        byPath.insert(line.value(QLatin1String("path")).toString(), line);
    }
    const QJsonObject message = byPath.value(mail);
    const QJsonObject attachment = byPath.value(mail + QStringLiteral("#attachment/rescue-centre.pdf"));
    const QJsonObject gone = byPath.value(a);
    QVERIFY(message.value(QLatin1String("parent")).isNull());
    QCOMPARE(attachment.value(QLatin1String("parent")).toInteger(), message.value(QLatin1String("id")).toInteger());
    QVERIFY(attachment.value(QLatin1String("missing")).isNull());
    // When the file was found gone: ISO 8601, UTC.
    const QDateTime since = QDateTime::fromString(gone.value(QLatin1String("missing")).toString(), Qt::ISODate);
    QVERIFY2(since.isValid(), qPrintable(gone.value(QLatin1String("missing")).toString()));
    QCOMPARE(since.timeSpec(), Qt::UTC);
    QVERIFY(qAbs(since.secsTo(QDateTime::currentDateTimeUtc())) < 600);
    QVERIFY(gone.value(QLatin1String("parent")).isNull());
}

void FolderWatcherTest::cliWatchAddListRemove()
{
    const QString lib = library();
    Run run = cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());

    run = cli({ QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--library"), lib, folder() });
    QCOMPARE(run.exitCode, 0);
    QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].value(QLatin1String("path")).toString(), folder());
    QCOMPARE(lines[0].value(QLatin1String("state")).toString(), QStringLiteral("ok"));
    QVERIFY(lines[0].value(QLatin1String("last_scan")).isNull());
    QCOMPARE(lines[0].value(QLatin1String("articles")).toInt(), 0);
    // Added twice: the same folder.
    run = cli({ QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--library"), lib,
        folder() + QStringLiteral("/") });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(jsonLines(run.out).constFirst().value(QLatin1String("id")), lines[0].value(QLatin1String("id")));
    run = cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib });
    QCOMPARE(jsonLines(run.out).size(), 1);

    // Not a folder, not watched, bad usage.
    run = cli({ QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--library"), lib,
        m_dir->filePath(QStringLiteral("nowhere")) });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("is not a folder"), run.err.constData());
    run = cli({ QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("--library"), lib, m_dir->path() });
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("is not a watched folder"), run.err.constData());
    QCOMPARE(
        cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib, folder() }).exitCode,
        2);
    QCOMPARE(cli({ QStringLiteral("watch"), QStringLiteral("drop"), QStringLiteral("--library"), lib }).exitCode, 2);

    run = cli({ QStringLiteral("watch"), QStringLiteral("remove"), QStringLiteral("--library"), lib, folder() });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(jsonLines(run.out).constFirst().value(QLatin1String("path")).toString(), folder());
    run = cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty());
}

void FolderWatcherTest::cliImportWatchOnce()
{
    const QString lib = library();
    const QStringList once { QStringLiteral("import"), QStringLiteral("--watch"), QStringLiteral("--once"),
        QStringLiteral("--settle"), QStringLiteral("0"), QStringLiteral("--no-backup"), QStringLiteral("--library"),
        lib };
    // No folder watched yet.
    Run run = cli(once);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("watches no folder"), run.err.constData());
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--watch"), QStringLiteral("--library"), lib, folder() })
                 .exitCode,
        2);

    write(QStringLiteral("a.txt"), article(1));
    write(QStringLiteral("sub/b.txt"), article(2));
    write(QStringLiteral("notes.png"), QByteArrayLiteral("\x89PNG"));
    QCOMPARE(
        cli({ QStringLiteral("watch"), QStringLiteral("add"), QStringLiteral("--library"), lib, folder() }).exitCode,
        0);
    run = cli(once);
    QCOMPARE(run.exitCode, 0);
    QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].value(QLatin1String("imported")).toInt(), 2);
    QCOMPARE(lines[0].value(QLatin1String("failed")).toArray().size(), 0);
    QCOMPARE(lines[0].value(QLatin1String("missing")).toArray().size(), 0);
    QCOMPARE(lines[0].value(QLatin1String("waiting")).toArray().size(), 0);

    // Again: nothing new, nothing read.
    run = cli(once);
    QCOMPARE(run.exitCode, 0);
    lines = jsonLines(run.out);
    QCOMPARE(lines[0].value(QLatin1String("imported")).toInt(), 0);
    QCOMPARE(lines[0].value(QLatin1String("unchanged")).toInt(), 0);

    run = cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib });
    lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 1);
    QCOMPARE(lines[0].value(QLatin1String("articles")).toInt(), 2);
    QVERIFY(lines[0].value(QLatin1String("last_scan")).isString());

    // The folder gone: listed as missing, its articles kept.
    QVERIFY(QDir(folder()).removeRecursively());
    run = cli(once);
    QCOMPARE(run.exitCode, 0);
    lines = jsonLines(run.out);
    QCOMPARE(lines[0].value(QLatin1String("missing")).toArray(), QJsonArray { folder() });
    QVERIFY2(run.err.contains("is missing"), run.err.constData());
    run = cli({ QStringLiteral("watch"), QStringLiteral("list"), QStringLiteral("--library"), lib });
    lines = jsonLines(run.out);
    QCOMPARE(lines[0].value(QLatin1String("state")).toString(), QStringLiteral("missing"));
    QCOMPARE(lines[0].value(QLatin1String("articles")).toInt(), 2);
}

void FolderWatcherTest::cliImportWatchRunsUntilSignalled_data()
{
    QTest::addColumn<int>("signal");
    QTest::newRow("SIGTERM") << int(SIGTERM);
    QTest::newRow("SIGINT") << int(SIGINT);
}

void FolderWatcherTest::cliImportWatchRunsUntilSignalled()
{
    QFETCH(int, signal);
    write(QStringLiteral("a.txt"), article(1));
    watchFolder();
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI),
        { QStringLiteral("import"), QStringLiteral("--watch"), QStringLiteral("--settle"), QStringLiteral("100"),
            QStringLiteral("--no-backup"), QStringLiteral("--library"), library() });
    QVERIFY(process.waitForStarted());
    QByteArray out;
    const auto lineCount = [&] {
        out += process.readAllStandardOutput();
        return jsonLines(out).size();
    };
    // What was there, then a file added while it watches.
    QTRY_COMPARE_WITH_TIMEOUT(lineCount(), 1, 60000);
    QCOMPARE(jsonLines(out)[0].value(QLatin1String("imported")).toInt(), 1);
    write(QStringLiteral("b.txt"), article(2));
    QTRY_COMPARE_WITH_TIMEOUT(lineCount(), 2, 60000);
    QCOMPARE(jsonLines(out)[1].value(QLatin1String("imported")).toInt(), 1);
    QCOMPARE(articleCount(), 2);

    ::kill(pid_t(process.processId()), signal);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QVERIFY(process.readAllStandardError().contains("stopped watching"));
}

QTEST_GUILESS_MAIN(FolderWatcherTest)
#include "folderwatcher_test.moc"
