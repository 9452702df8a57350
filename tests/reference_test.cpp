// Golden files for analysis: every article of tests/data/<set> (HTML, raw text, Markdown, Word and
// OpenDocument, PDF, e-mail and web archives), as `dossier-cli analyze` prints it (metadata, the whole body, entities,
// mentions), against tests/reference/<set>.jsonl. A change to cleaning or entities fails here until
// scripts/update-references writes the new output and the diff is reviewed.
#include <QDir>
#include <QFile>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

namespace
{

// A folder of tests/data and the names of its articles. The office, pdf and mail files are written by
// tests/data/make-formats.py.
const char *const sets[][2] = { { "html", "*.html" }, { "text", "*.txt" }, { "markdown", "*.md" },
    { "office", "*.docx *.odt" }, { "pdf", "*.pdf *.html" }, { "mail", "*.eml *.mbox *.mhtml" } };

QString testsDir()
{
    return QFileInfo(QStringLiteral(DOSSIER_TEST_DATA)).absolutePath();
}

// "data/<set>/<file>" → the line analyze printed for it.
QHash<QString, QByteArray> readLines(const QByteArray &jsonl)
{
    QHash<QString, QByteArray> lines;
    for (const QByteArray &line : jsonl.split('\n')) {
        if (!line.trimmed().isEmpty()) {
            lines.insert(QJsonDocument::fromJson(line).object().value(u"path").toString(), line);
        }
    }
    return lines;
}

// The first difference between two bodies, line by line, with the lines on either side.
QString bodyDifference(const QString &expected, const QString &actual)
{
    const QStringList a = expected.split(u'\n');
    const QStringList b = actual.split(u'\n');
    qsizetype i = 0;
    while (i < a.size() && i < b.size() && a[i] == b[i]) {
        ++i;
    }
    const auto at = [](const QStringList &lines, qsizetype n) {
        return n < lines.size() ? QLatin1Char('"') + lines[n].left(160) + QLatin1Char('"') : QStringLiteral("(end)");
    };
    return QStringLiteral(
        "body: %1 lines expected, %2 now; first difference at line %3:\n  expected: %4\n  now:      %5")
        .arg(a.size())
        .arg(b.size())
        .arg(i + 1)
        .arg(at(a, i), at(b, i));
}

// The items of one array that the other lacks, compactly.
QStringList missingFrom(const QJsonArray &from, const QJsonArray &other)
{
    QStringList out;
    for (const QJsonValue &value : from) {
        if (!other.contains(value)) {
            out.append(QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact)));
        }
    }
    return out;
}

QString describeDifference(const QByteArray &expectedLine, const QByteArray &actualLine)
{
    const QJsonObject expected = QJsonDocument::fromJson(expectedLine).object();
    const QJsonObject actual = QJsonDocument::fromJson(actualLine).object();
    QStringList out;
    QStringList keys = expected.keys() + actual.keys();
    keys.removeDuplicates();
    for (const QString &key : std::as_const(keys)) {
        const QJsonValue a = expected.value(key);
        const QJsonValue b = actual.value(key);
        if (a == b) {
            continue;
        }
        if (key == u"body") {
            out.append(bodyDifference(a.toString(), b.toString()));
        } else if (a.isArray() && b.isArray()) {
            for (const QString &item : missingFrom(a.toArray(), b.toArray())) {
                out.append(key + QStringLiteral(" lost: ") + item);
            }
            for (const QString &item : missingFrom(b.toArray(), a.toArray())) {
                out.append(key + QStringLiteral(" gained: ") + item);
            }
        } else {
            out.append(key + QStringLiteral(": expected ")
                + QString::fromUtf8(QJsonDocument(QJsonArray { a }).toJson(QJsonDocument::Compact))
                + QStringLiteral(", now ")
                + QString::fromUtf8(QJsonDocument(QJsonArray { b }).toJson(QJsonDocument::Compact)));
        }
    }
    constexpr qsizetype shown = 20;
    if (out.size() > shown) {
        const qsizetype more = out.size() - shown;
        out.resize(shown);
        out.append(QStringLiteral("… and %1 more").arg(more));
    }
    return out.join(u'\n');
}

} // namespace

class ReferenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void matchesReference_data();
    void matchesReference();
    void noStaleReference();

private:
    QHash<QString, QByteArray> m_now; // path → the line analyze prints now
    QHash<QString, QByteArray> m_reference; // path → the line in tests/reference
};

void ReferenceTest::initTestCase()
{
    const QDir tests(testsDir());
    for (const auto &set : sets) {
        const QString name = QString::fromLatin1(set[0]);
        QStringList files;
        const QDir dir(tests.filePath(QStringLiteral("data/") + name));
        const QStringList patterns = QString::fromLatin1(set[1]).split(u' ');
        for (const QString &file : dir.entryList(patterns, QDir::Files, QDir::Name)) {
            files.append(QStringLiteral("data/") + name + u'/' + file);
        }
        QVERIFY2(!files.isEmpty(), qPrintable(name));
        QProcess process;
        process.setWorkingDirectory(tests.path());
        process.start(QStringLiteral(DOSSIER_CLI), QStringList { QStringLiteral("analyze") } + files);
        QVERIFY(process.waitForFinished(600000));
        QCOMPARE(process.exitCode(), 0);
        m_now.insert(readLines(process.readAllStandardOutput()));
        QFile reference(tests.filePath(QStringLiteral("reference/") + name + QStringLiteral(".jsonl")));
        QVERIFY2(reference.open(QIODevice::ReadOnly), qPrintable(reference.fileName()));
        m_reference.insert(readLines(reference.readAll()));
    }
}

void ReferenceTest::matchesReference_data()
{
    QTest::addColumn<QString>("path");
    QStringList paths = m_now.keys();
    paths.sort();
    for (const QString &path : std::as_const(paths)) {
        QTest::newRow(qPrintable(path)) << path;
    }
}

void ReferenceTest::matchesReference()
{
    QFETCH(QString, path);
    const QByteArray now = m_now.value(path);
    QVERIFY2(m_reference.contains(path), "no reference: run scripts/update-references and review the diff");
    const QByteArray expected = m_reference.value(path);
    if (now != expected) {
        QFAIL(qPrintable(QStringLiteral("analysis changed (scripts/update-references writes it after review):\n")
            + describeDifference(expected, now)));
    }
}

void ReferenceTest::noStaleReference()
{
    for (auto it = m_reference.cbegin(); it != m_reference.cend(); ++it) {
        QVERIFY2(m_now.contains(it.key()), qPrintable(it.key() + QStringLiteral(": no such article any more")));
    }
}

QTEST_GUILESS_MAIN(ReferenceTest)
#include "reference_test.moc"
