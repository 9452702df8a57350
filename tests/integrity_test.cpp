#include "damagehelpers.h"
#include "store/integrity.h"
#include "store/library.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using namespace Dossier::Test;
using Kind = Core::IntegrityProblem::Kind;

// LibraryCheck and dossier-cli check on libraries the test damages itself: a page overwritten, the
// search index out of step with the texts, a row whose article is missing.
class IntegrityTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanLibraryPasses();
    void damagedPageIsAnIntegrityProblem();
    void searchIndexOutOfStepIsAnFtsProblem();
    void rowWithoutItsArticleIsAnOrphan();
    void checkChangesNoByte();
    void missingLibraryIsAnError();
    void cliCheckExitsOneAndNamesTheProblem();

private:
    // A library of \a count generated articles, one of them annotated and tagged.
    QString makeLibrary(int count);
    static QString describe(const Core::IntegrityReport &report);
    std::unique_ptr<QTemporaryDir> m_dir;
};

void IntegrityTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
}

void IntegrityTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

QString IntegrityTest::makeLibrary(int count)
{
    const QString path = m_dir->filePath(QStringLiteral("library.dossier"));
    const Core::ImportSummary summary = importGenerated(path, m_dir->filePath(QStringLiteral("articles")), count);
    if (summary.imported != count) {
        qFatal("imported %d of %d articles", summary.imported, count);
    }
    Core::Library library(path);
    if (!library.open()
        || !library.annotations().annotate(1, 0, 6, { QStringLiteral("checked") }, QStringLiteral("a note"))
        || !library.tags().tagArticle(2, { QStringLiteral("lead") })) {
        qFatal("cannot annotate: %s", qPrintable(library.errorString()));
    }
    return path;
}

QString IntegrityTest::describe(const Core::IntegrityReport &report)
{
    QStringList lines { report.error };
    for (const Core::IntegrityProblem &problem : report.problems) {
        lines.append(QStringLiteral("%1 %2: %3 (%4)")
                .arg(Core::problemKindName(problem.kind), problem.table, problem.detail)
                .arg(problem.count));
    }
    return lines.join(u'\n');
}

void IntegrityTest::cleanLibraryPasses()
{
    const QString path = makeLibrary(20);
    const Core::IntegrityReport report = Core::LibraryCheck::run(path);
    QVERIFY2(report.ok(), qPrintable(describe(report)));
    QCOMPARE(report.articles, 20);
    QCOMPARE(report.annotations, 1);
}

void IntegrityTest::damagedPageIsAnIntegrityProblem()
{
    const QString path = makeLibrary(200);
    const QList<qint64> lost = damageMiddleLeaf(path, QStringLiteral("article_texts"));
    QVERIFY(!lost.isEmpty());
    const Core::IntegrityReport report = Core::LibraryCheck::run(path);
    QVERIFY(!report.ok());
    QVERIFY2(report.has(Kind::Integrity), qPrintable(describe(report)));
    const bool named = std::any_of(report.problems.cbegin(), report.problems.cend(),
        [](const auto &problem) { return problem.kind == Kind::Integrity && problem.table == u"article_texts"; });
    QVERIFY2(named, qPrintable(describe(report)));
}

void IntegrityTest::searchIndexOutOfStepIsAnFtsProblem()
{
    const QString path = makeLibrary(20);
    {
        // Change a text behind the trigger's back, then put the trigger back as it was.
        const RawLibrary raw(path);
        const QString trigger
            = raw.value(QStringLiteral("SELECT sql FROM sqlite_master WHERE name = 'article_texts_fts_update'"))
                  .toString();
        QVERIFY(!trigger.isEmpty());
        QSqlQuery query(raw.db());
        QVERIFY(query.exec(QStringLiteral("DROP TRIGGER article_texts_fts_update")));
        QVERIFY(query.exec(QStringLiteral("UPDATE article_texts SET body = 'words the index never saw' WHERE id = 3")));
        QVERIFY(query.exec(trigger));
    }
    const Core::IntegrityReport report = Core::LibraryCheck::run(path);
    QVERIFY2(report.has(Kind::Fts), qPrintable(describe(report)));
    QVERIFY2(!report.has(Kind::Integrity), qPrintable(describe(report)));
    QCOMPARE(report.problems.size(), 1);
    QCOMPARE(report.problems.front().table, QStringLiteral("articles_fts"));
}

void IntegrityTest::rowWithoutItsArticleIsAnOrphan()
{
    const QString path = makeLibrary(20);
    {
        const RawLibrary raw(path); // foreign keys are off on a plain connection
        QSqlQuery query(raw.db());
        QVERIFY(query.exec(QStringLiteral("INSERT INTO mentions (article_id, start, end, type, entity_id) "
                                          "SELECT 99999, 0, 4, 'PERSON', min(id) FROM entities")));
    }
    const Core::IntegrityReport report = Core::LibraryCheck::run(path);
    QVERIFY(!report.ok());
    QVERIFY2(report.problems.contains(Core::IntegrityProblem { Kind::Orphan, QStringLiteral("mentions"),
                 QStringLiteral("mentions in articles that are missing"), 1 }),
        qPrintable(describe(report)));
    QVERIFY2(report.problems.contains(Core::IntegrityProblem { Kind::ForeignKey, QStringLiteral("mentions"),
                 QStringLiteral("rows referring to a missing row of articles"), 1 }),
        qPrintable(describe(report)));
    QVERIFY2(!report.has(Kind::Integrity), qPrintable(describe(report)));
}

void IntegrityTest::checkChangesNoByte()
{
    const QString path = makeLibrary(20);
    checkpoint(path);
    const auto digest = [&] {
        QFile file(path);
        return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                              : QByteArray();
    };
    const QByteArray before = digest();
    QVERIFY(!before.isEmpty());
    QVERIFY(Core::LibraryCheck::run(path).ok());
    QCOMPARE(digest(), before);
}

void IntegrityTest::missingLibraryIsAnError()
{
    const QString path = m_dir->filePath(QStringLiteral("none.dossier"));
    const Core::IntegrityReport report = Core::LibraryCheck::run(path);
    QVERIFY(!report.ok());
    QVERIFY(!report.error.isEmpty());
    QVERIFY(!QFile::exists(path));
}

void IntegrityTest::cliCheckExitsOneAndNamesTheProblem()
{
    const QString path = makeLibrary(20);
    CliRun run = runCli({ QStringLiteral("check"), QStringLiteral("--library"), path });
    QCOMPARE(run.exitCode, 0);
    QJsonObject result = run.lastLine();
    QCOMPARE(result.value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(result.value(QLatin1String("library")).toString(), path);
    QCOMPARE(result.value(QLatin1String("articles")).toInt(), 20);
    QCOMPARE(result.value(QLatin1String("annotations")).toInt(), 1);
    QCOMPARE(result.value(QLatin1String("problems")).toArray().size(), 0);
    {
        const RawLibrary raw(path);
        QSqlQuery query(raw.db());
        QVERIFY(
            query.exec(QStringLiteral("INSERT INTO article_tags (article_id, tag_id) SELECT 4242, min(id) FROM tags")));
    }
    run = runCli({ QStringLiteral("check"), QStringLiteral("--library"), path });
    QCOMPARE(run.exitCode, 1);
    result = run.lastLine();
    QCOMPARE(result.value(QLatin1String("ok")).toBool(), false);
    const QJsonArray problems = result.value(QLatin1String("problems")).toArray();
    const QJsonObject orphan { { QLatin1String("kind"), QLatin1String("orphan") },
        { QLatin1String("table"), QLatin1String("article_tags") },
        { QLatin1String("detail"), QLatin1String("tags on articles that are missing") },
        { QLatin1String("count"), 1 } };
    QVERIFY2(problems.contains(orphan), run.out.constData());
    QVERIFY(run.err.contains("failed the check"));

    run = runCli({ QStringLiteral("check"), QStringLiteral("--library"), m_dir->filePath(QStringLiteral("none")) });
    QCOMPARE(run.exitCode, 1);
    run = runCli({ QStringLiteral("check"), QStringLiteral("--library"), path, QStringLiteral("extra") });
    QCOMPARE(run.exitCode, 2);
}

QTEST_GUILESS_MAIN(IntegrityTest)
#include "integrity_test.moc"
