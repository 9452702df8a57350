#include <QDir>
#include <QFile>
#include <QProcess>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

// The foundation's acceptance check: dossier-cli analyze on the user's seed articles, scored by the
// project's gold scorer (every title/date/source/dateline right, every body check, entity F1 >= 0.85).
// Skips when ../shared (not part of the repository) is absent.
class SeedsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void seedsMeetTheGold();
};

void SeedsTest::seedsMeetTheGold()
{
    const QDir shared(QStringLiteral(DOSSIER_SHARED_DIR));
    const QString scorer = shared.filePath(QStringLiteral("gold/score_seeds.py"));
    if (!QFile::exists(scorer)) {
        QSKIP("../shared is absent: no seeds to score");
    }
    const QString python = QStandardPaths::findExecutable(QStringLiteral("python3"));
    if (python.isEmpty()) {
        QSKIP("python3 is not installed: cannot run the scorer");
    }
    const QStringList seeds = QDir(shared.filePath(QStringLiteral("seeds")))
                                  .entryList({ QStringLiteral("*.txt") }, QDir::Files, QDir::Name);
    QVERIFY(!seeds.isEmpty());
    QStringList arguments { QStringLiteral("analyze") };
    for (const QString &seed : seeds) {
        arguments.append(shared.filePath(QStringLiteral("seeds/") + seed));
    }
    QTemporaryDir dir;
    const QString predictions = dir.filePath(QStringLiteral("seeds.jsonl"));
    QProcess analyze;
    analyze.setStandardOutputFile(predictions);
    analyze.start(QStringLiteral(DOSSIER_CLI), arguments);
    QVERIFY(analyze.waitForFinished(120000));
    QCOMPARE(analyze.exitCode(), 0);

    QProcess score;
    score.start(python, { scorer, shared.filePath(QStringLiteral("gold/seeds.json")), predictions });
    QVERIFY(score.waitForFinished(60000));
    const QByteArray report = score.readAllStandardOutput() + score.readAllStandardError();
    qInfo().noquote() << QString::fromUtf8(report).trimmed().split(u'\n').last();
    QVERIFY2(score.exitCode() == 0, report.constData());
}

QTEST_GUILESS_MAIN(SeedsTest)
#include "seeds_test.moc"
