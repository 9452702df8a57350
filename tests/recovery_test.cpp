#include "damagehelpers.h"
#include "import/retagger.h"
#include "store/integrity.h"
#include "store/library.h"
#include "store/recovery.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QMap>
#include <QSqlRecord>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Test;

namespace
{

/*! What the analyst would miss, read straight from a library file: each row by id, its columns joined. */
struct Snapshot {
    QMap<qint64, QString> articles; // path, title, body
    QMap<qint64, QString> annotations; // article, anchor, note, colour, state, tags in order
    QMap<qint64, QString> tags;
    QMap<qint64, QString> articleTags;
    QMap<qint64, QString> rules;
    QMap<qint64, QString> watchlist;
    QMap<qint64, QString> folders;
    QMap<qint64, QString> searches;
    QHash<QString, ArticleFacts> facts;
};

QMap<qint64, QString> rowsOf(const RawLibrary &raw, const char *sql)
{
    QMap<qint64, QString> rows;
    QSqlQuery query(raw.db());
    if (!query.exec(QString::fromLatin1(sql))) {
        qFatal("%s: %s", sql, qPrintable(query.lastError().text()));
    }
    while (query.next()) {
        QStringList values;
        for (int i = 1; i < query.record().count(); ++i) {
            values.append(query.value(i).isNull() ? QStringLiteral("<null>") : query.value(i).toString());
        }
        rows.insert(query.value(0).toLongLong(), values.join(u'|'));
    }
    return rows;
}

Snapshot snapshot(const QString &path)
{
    const RawLibrary raw(path);
    Snapshot s;
    s.articles = rowsOf(raw,
        "SELECT a.id, a.path, a.sha256, a.title, a.date, t.raw_text, t.body FROM articles a JOIN article_texts t "
        "ON t.id = a.id");
    s.annotations = rowsOf(raw,
        "SELECT n.id, n.article_id, n.article_path, n.start, n.end, n.exact, n.prefix, n.suffix, n.note, n.color, "
        "n.state, (SELECT group_concat(g.name, ',') FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON "
        "t.id = x.tag_id WHERE x.annotation_id = n.id ORDER BY x.position) g) FROM annotations n");
    s.tags = rowsOf(raw, "SELECT id, name, color FROM tags");
    s.articleTags = rowsOf(raw,
        "SELECT a.id, (SELECT group_concat(tag_id, ',') FROM (SELECT tag_id FROM article_tags WHERE article_id = a.id "
        "ORDER BY tag_id)) FROM articles a");
    s.rules = rowsOf(raw, "SELECT id, scope, type, key, label, action, target_type, target_name FROM entity_rules");
    s.watchlist = rowsOf(raw, "SELECT id, type, key, name, aliases FROM watchlist");
    s.folders = rowsOf(raw, "SELECT id, path, state, last_scan, added_at FROM watched_folders");
    s.searches = rowsOf(raw, "SELECT id, name, query, filters, created, last_opened, last_count FROM saved_searches");
    s.facts = raw.articles();
    return s;
}

// A saved search of a query and a tag, for the recovery to carry over.
bool savedSearch(Core::Library &library)
{
    Core::SavedSearch search;
    search.name = QStringLiteral("Leads on the harbour");
    search.query = QStringLiteral("harbour");
    search.tags = { QStringLiteral("lead") };
    return library.savedSearches().save(search).has_value();
}

QByteArray digest(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                          : QByteArray();
}

QString describe(const Core::RecoveryReport &report)
{
    QStringList lines { report.error };
    for (const Core::LostItem &item : report.lost) {
        lines.append(QStringLiteral("%1 %2: %3")
                .arg(item.kind, item.id ? QString::number(*item.id) : QStringLiteral("-"), item.detail));
    }
    return lines.join(u'\n');
}

QSet<qint64> lostIds(const Core::RecoveryReport &report, const QString &kind)
{
    QSet<qint64> ids;
    for (const Core::LostItem &item : report.lost) {
        if (item.kind == kind && item.id) {
            ids.insert(*item.id);
        }
    }
    return ids;
}

} // namespace

// LibraryRecovery and dossier-cli recover: an undamaged library comes back whole, a damaged one
// with everything on its readable pages, and the report names what was lost.
class RecoveryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void undamagedLibraryIsRecoveredWhole();
    void damagedLibraryKeepsEveryReadablePassage();
    void unreadableMentionsAreRebuiltFromTheText();
    void cliRecoverReportsWhatWasLost();

private:
    // 200 generated articles, two passages on each (tagged, with notes), tagged articles, an
    // entity rename and a watched name.
    QString makeLibrary();
    std::unique_ptr<QTemporaryDir> m_dir;
};

void RecoveryTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void RecoveryTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString RecoveryTest::makeLibrary()
{
    const QString path = m_dir->filePath(QStringLiteral("library.dossier"));
    const int count = 200;
    if (importGenerated(path, m_dir->filePath(QStringLiteral("articles")), count).imported != count) {
        qFatal("the import failed");
    }
    Core::Library library(path);
    const QStringList codebook { QStringLiteral("budget"), QStringLiteral("delay"), QStringLiteral("quote") };
    if (!library.open() || !library.articles().beginBatch()) {
        qFatal("%s", qPrintable(library.errorString()));
    }
    for (qint64 id = 1; id <= count; ++id) {
        const bool ok
            = library.annotations().annotate(id, 0, 6, { codebook[id % 3] }, QStringLiteral("note %1").arg(id))
            && library.annotations().annotate(
                id, 8, 20, { codebook[(id + 1) % 3], codebook[id % 3] }, {}, QStringLiteral("#aa3300"))
            && (id % 4 != 0 || library.tags().tagArticle(id, { QStringLiteral("lead"), codebook[id % 3] }));
        if (!ok) {
            qFatal("%s", qPrintable(library.errorString()));
        }
    }
    if (!library.articles().commitBatch()) {
        qFatal("%s", qPrintable(library.errorString()));
    }
    const auto person = library.entities().find(Core::EntityType::Person, QStringLiteral("Maren Holt"));
    if (!person || !library.curation().renameEntity(person->id, QStringLiteral("Maren Holt-Berg"))
        || !library.curation().watch(Core::WatchEntry {
            -1, Core::EntityType::Org, QStringLiteral("Harbour Authority"), { QStringLiteral("Harbour Board") } })
        || !library.watchedFolders().add(m_dir->path()) || !savedSearch(library)) {
        qFatal("%s", qPrintable(library.errorString()));
    }
    while (Core::Retagger(library).retagPending(64).value_or(0) > 0) { }
    return path;
}

void RecoveryTest::undamagedLibraryIsRecoveredWhole()
{
    const QString path = makeLibrary();
    const Snapshot before = snapshot(path);
    const QString recovered = m_dir->filePath(QStringLiteral("recovered.dossier"));
    const Core::RecoveryReport report = Core::LibraryRecovery::recover(path, recovered);
    QVERIFY2(report.ok(), qPrintable(describe(report)));
    QCOMPARE(report.articles, 200);
    QCOMPARE(report.annotations, 400);
    QCOMPARE(report.orphaned, 0);
    QCOMPARE(report.tags, 4);
    QCOMPARE(report.rules, 1);
    QCOMPARE(report.watchlist, 1);
    QCOMPARE(report.folders, 1);
    QCOMPARE(report.searches, 1);
    QCOMPARE(report.retagged, 0);

    const Snapshot after = snapshot(recovered);
    QCOMPARE(after.articles, before.articles);
    QCOMPARE(after.annotations, before.annotations);
    QCOMPARE(after.tags, before.tags);
    QCOMPARE(after.articleTags, before.articleTags);
    QCOMPARE(after.rules, before.rules);
    QCOMPARE(after.watchlist, before.watchlist);
    QCOMPARE(after.folders, before.folders);
    QCOMPARE(after.searches, before.searches);
    QCOMPARE(after.facts, before.facts);
    const Core::IntegrityReport check = Core::LibraryCheck::run(recovered);
    QVERIFY(check.ok());

    // The search index was rebuilt: every article is found by the word only it has.
    Core::Library library(recovered);
    QVERIFY(library.open());
    for (const int n : { 0, 57, 199 }) {
        const auto found = library.documents().search(articleMarker(n));
        QVERIFY(found);
        QCOMPARE(found->size(), 1);
    }
}

void RecoveryTest::damagedLibraryKeepsEveryReadablePassage()
{
    const QString path = makeLibrary();
    const Snapshot before = snapshot(path);
    const QList<qint64> lostTexts = damageMiddleLeaf(path, QStringLiteral("article_texts"));
    const QList<qint64> lostPassages = damageMiddleLeaf(path, QStringLiteral("annotations"));
    QVERIFY(!lostTexts.isEmpty());
    QVERIFY(!lostPassages.isEmpty());
    QVERIFY(!Core::LibraryCheck::run(path).ok());
    const QByteArray damagedBytes = digest(path);

    const QString recovered = m_dir->filePath(QStringLiteral("recovered.dossier"));
    const Core::RecoveryReport report = Core::LibraryRecovery::recover(path, recovered);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(digest(path), damagedBytes); // only read

    // It says exactly what it lost: the articles whose texts were on the damaged page, and the passages.
    QCOMPARE(lostIds(report, QStringLiteral("article")), QSet<qint64>(lostTexts.cbegin(), lostTexts.cend()));
    QCOMPARE(lostIds(report, QStringLiteral("annotation")), QSet<qint64>(lostPassages.cbegin(), lostPassages.cend()));
    QCOMPARE(report.lost.size(), lostTexts.size() + lostPassages.size());
    QCOMPARE(report.articles, 200 - lostTexts.size());
    QCOMPARE(report.annotations, 400 - lostPassages.size());

    const Snapshot after = snapshot(recovered);
    for (auto it = before.articles.cbegin(); it != before.articles.cend(); ++it) {
        QCOMPARE(after.articles.value(it.key()), lostTexts.contains(it.key()) ? QString() : it.value());
    }
    // Every passage on a readable page is kept; those of lost articles orphaned, as a removal leaves them.
    int orphaned = 0;
    for (auto it = before.annotations.cbegin(); it != before.annotations.cend(); ++it) {
        if (lostPassages.contains(it.key())) {
            QVERIFY(!after.annotations.contains(it.key()));
            continue;
        }
        QStringList expected = it.value().split(u'|');
        if (lostTexts.contains(expected[0].toLongLong())) {
            expected[0] = QStringLiteral("<null>");
            expected[9] = QStringLiteral("orphaned");
            ++orphaned;
        }
        QCOMPARE(after.annotations.value(it.key()), expected.join(u'|'));
    }
    QCOMPARE(report.orphaned, orphaned);
    QCOMPARE(after.tags, before.tags);
    QCOMPARE(after.rules, before.rules);
    QCOMPARE(after.watchlist, before.watchlist);
    for (auto it = before.facts.cbegin(); it != before.facts.cend(); ++it) {
        if (!lostTexts.contains(it->id)) {
            QCOMPARE(after.facts.value(it.key()), it.value());
        }
    }
    const Core::IntegrityReport check = Core::LibraryCheck::run(recovered);
    QVERIFY(check.ok());
}

void RecoveryTest::unreadableMentionsAreRebuiltFromTheText()
{
    const QString path = makeLibrary();
    const Snapshot before = snapshot(path);
    damageMiddleLeaf(path, QStringLiteral("mentions"));
    QVERIFY(!Core::LibraryCheck::run(path).ok());

    const QString recovered = m_dir->filePath(QStringLiteral("recovered.dossier"));
    const Core::RecoveryReport report = Core::LibraryRecovery::recover(path, recovered);
    QVERIFY2(report.ok(), qPrintable(describe(report)));
    QVERIFY(report.retagged > 0);
    const Snapshot after = snapshot(recovered);
    QCOMPARE(after.articles, before.articles);
    QCOMPARE(after.annotations, before.annotations);
    QCOMPARE(after.facts, before.facts);
    QVERIFY(Core::LibraryCheck::run(recovered).ok());
}

void RecoveryTest::cliRecoverReportsWhatWasLost()
{
    const QString path = makeLibrary();
    const QList<qint64> lostTexts = damageMiddleLeaf(path, QStringLiteral("article_texts"));
    const QString recovered = m_dir->filePath(QStringLiteral("recovered.dossier"));
    CliRun run
        = runCli({ QStringLiteral("recover"), QStringLiteral("--from"), path, QStringLiteral("--library"), recovered });
    QCOMPARE(run.exitCode, 1);
    const QJsonObject result = run.lastLine();
    QCOMPARE(result.value(QLatin1String("from")).toString(), path);
    QCOMPARE(result.value(QLatin1String("library")).toString(), recovered);
    QCOMPARE(result.value(QLatin1String("articles")).toInt(), 200 - lostTexts.size());
    QCOMPARE(result.value(QLatin1String("annotations")).toInt(), 400);
    QCOMPARE(result.value(QLatin1String("tags")).toInt(), 4);
    QCOMPARE(result.value(QLatin1String("rules")).toInt(), 1);
    const QJsonArray lost = result.value(QLatin1String("lost")).toArray();
    QCOMPARE(lost.size(), lostTexts.size());
    for (const QJsonValue &item : lost) {
        QCOMPARE(item[QLatin1String("kind")].toString(), QStringLiteral("article"));
        QVERIFY(lostTexts.contains(item[QLatin1String("id")].toInteger()));
        QVERIFY(item[QLatin1String("detail")].toString().contains(QLatin1String("texts cannot be read")));
    }

    // The recovered library is whole, and recovers without loss.
    run = runCli({ QStringLiteral("check"), QStringLiteral("--library"), recovered });
    QCOMPARE(run.exitCode, 0);
    const QString again = m_dir->filePath(QStringLiteral("again.dossier"));
    run = runCli(
        { QStringLiteral("recover"), QStringLiteral("--from"), recovered, QStringLiteral("--library"), again });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(run.lastLine().value(QLatin1String("lost")).toArray().size(), 0);

    // It never writes over a library.
    const QByteArray existing = digest(again);
    run = runCli({ QStringLiteral("recover"), QStringLiteral("--from"), path, QStringLiteral("--library"), again });
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.err.contains("already exists"));
    QCOMPARE(digest(again), existing);
    run = runCli({ QStringLiteral("recover"), QStringLiteral("--from"), path });
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(RecoveryTest)
#include "recovery_test.moc"
