#include "clirun.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

// Drives the real dossier-cli binary: the contract documented in README.md.
class CliTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void analyzePrintsTheContractFields();
    void analyzeRawKeepsTheWholeText();
    void analyzeOffsetsAreCodePoints();
    void analyzeGoesOnAfterAnUnreadableFile();
    void usageErrorsExitTwo_data();
    void usageErrorsExitTwo();
    void importListEntitiesSearch();
    void badSearchQueryExitsOneWithMessage();
    void savedSearchesCountWhatIsNew();
    void anotherProgramsDatabaseIsRefusedUntouched_data();
    void anotherProgramsDatabaseIsRefusedUntouched();
    void annotateTagListAndExport();
    void reimportReattachesOrOrphans();
    void entityCurationPersistsAndSurvivesReimport();
    void annotateErrorsExitOne_data();
    void annotateErrorsExitOne();
    void copyWritesANewLibraryAndChecksIt();

private:
    using Run = Dossier::Test::CliRun;
    Run cli(const QStringList &arguments);
    QString write(const QString &name, const QByteArray &bytes);
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{
const QByteArray story = QByteArrayLiteral(
    "Pacific Wire Service live feed\n\n"
    "Manila and Tokyo agree to share cyber threat data\n\n"
    "Mar. 4, 2026 - 08:12AM\n\n"
    "MANILA — Foreign Minister Aiko Tanabe of Japan and Defence Secretary Rafael Dizon agreed on Tuesday to share "
    "threat data between Manila and Tokyo, officials said.\n\n"
    "Tanabe said the deal, worth $1.2 billion over five years, would start next month.\n\n"
    "More Headlines\n\nLogin to leave a comment\n");
} // namespace

void CliTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

CliTest::Run CliTest::cli(const QStringList &arguments)
{
    return Dossier::Test::runCli(arguments);
}

QString CliTest::write(const QString &name, const QByteArray &bytes)
{
    const QString path = m_dir->filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        qFatal("cannot write");
    }
    file.write(bytes);
    return path;
}

void CliTest::analyzePrintsTheContractFields()
{
    const QString path = write(QStringLiteral("story.txt"), story);
    const Run run = cli({ QStringLiteral("analyze"), path });
    QCOMPARE(run.exitCode, 0);
    const auto lines = run.lines();
    QCOMPARE(lines.size(), 1);
    const QJsonObject object = lines.front();
    for (const char *key :
        { "path", "format", "encoding", "title", "date", "source", "dateline", "body", "entities", "mentions" }) {
        QVERIFY2(object.contains(QLatin1String(key)), key);
    }
    QCOMPARE(object.value(QLatin1String("path")).toString(), path);
    QCOMPARE(object.value(QLatin1String("format")).toString(), QStringLiteral("text"));
    QCOMPARE(object.value(QLatin1String("encoding")).toString(), QStringLiteral("UTF-8"));
    const QString body = object.value(QLatin1String("body")).toString();
    QVERIFY(!body.isEmpty());
    QVERIFY(!body.contains(QLatin1String("Login to leave a comment")));
    const QJsonArray entities = object.value(QLatin1String("entities")).toArray();
    for (const QJsonValue &mention : object.value(QLatin1String("mentions")).toArray()) {
        const QJsonObject m = mention.toObject();
        const int start = m.value(QLatin1String("start")).toInt();
        const int end = m.value(QLatin1String("end")).toInt();
        QCOMPARE(body.mid(start, end - start), m.value(QLatin1String("text")).toString());
        const int entity = m.value(QLatin1String("entity")).toInt();
        QVERIFY(entity >= 0 && entity < entities.size());
    }
    // Dates and amounts come normalised: 'next month' against the article's date (2026-03-04),
    // '$1.2 billion' as amount and currency.
    QCOMPARE(object.value(QLatin1String("date")).toString(), QStringLiteral("2026-03-04"));
    QStringList normalised;
    for (const QJsonValue &value : entities) {
        const QJsonObject e = value.toObject();
        const QString type = e.value(QLatin1String("type")).toString();
        if (type == u"DATE" || type == u"MONEY") {
            normalised.append(type + u':' + e.value(QLatin1String("name")).toString() + u'='
                + e.value(QLatin1String("aliases")).toArray().at(0).toString());
        }
    }
    normalised.sort();
    QCOMPARE(normalised,
        (QStringList { QStringLiteral("DATE:2026-03-03=Tuesday"), QStringLiteral("DATE:2026-04=next month"),
            QStringLiteral("MONEY:1200000000 USD=$1.2 billion") }));
}

void CliTest::analyzeRawKeepsTheWholeText()
{
    const QString path = write(QStringLiteral("story.txt"), story);
    const Run run = cli({ QStringLiteral("analyze"), QStringLiteral("--raw"), path });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject object = run.lines().front();
    QCOMPARE(object.value(QLatin1String("body")).toString(), QString::fromUtf8(story));
    QVERIFY(object.value(QLatin1String("title")).isNull());
    QVERIFY(object.value(QLatin1String("date")).isNull());
}

void CliTest::analyzeOffsetsAreCodePoints()
{
    // An astral character (two UTF-16 units, one code point) before the names.
    const QByteArray text
        = QStringLiteral("\U0001F4F0 Foreign Minister Aiko Tanabe met officials in Manila on Monday.\n").toUtf8();
    const QString path = write(QStringLiteral("emoji.txt"), text);
    const Run run = cli({ QStringLiteral("analyze"), QStringLiteral("--raw"), path });
    QCOMPARE(run.exitCode, 0);
    const QJsonObject object = run.lines().front();
    const QList<uint> points = object.value(QLatin1String("body")).toString().toUcs4();
    const QJsonArray mentions = object.value(QLatin1String("mentions")).toArray();
    QVERIFY(!mentions.isEmpty());
    for (const QJsonValue &value : mentions) {
        const QJsonObject m = value.toObject();
        const int start = m.value(QLatin1String("start")).toInt();
        const int end = m.value(QLatin1String("end")).toInt();
        const QList<uint> slice = points.mid(start, end - start);
        QCOMPARE(QString::fromUcs4(slice.constData(), slice.size()), m.value(QLatin1String("text")).toString());
    }
}

void CliTest::analyzeGoesOnAfterAnUnreadableFile()
{
    const QString good = write(QStringLiteral("good.txt"), story);
    const QString missing = m_dir->filePath(QStringLiteral("missing.txt"));
    QByteArray binary(64, '\0');
    const QString bad = write(QStringLiteral("bad.txt"), binary);
    const Run run = cli({ QStringLiteral("analyze"), missing, good, bad });
    QCOMPARE(run.exitCode, 1);
    const auto lines = run.lines();
    QCOMPARE(lines.size(), 3);
    QCOMPARE(lines[0].value(QLatin1String("path")).toString(), missing);
    QVERIFY(!lines[0].value(QLatin1String("error")).toString().isEmpty());
    QVERIFY(lines[1].contains(QLatin1String("body")));
    QVERIFY(lines[2].value(QLatin1String("error")).toString().contains(QLatin1String("binary")));
}

void CliTest::usageErrorsExitTwo_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("no command") << QStringList {};
    QTest::newRow("unknown command") << QStringList { QStringLiteral("frobnicate") };
    QTest::newRow("analyze without files") << QStringList { QStringLiteral("analyze") };
    QTest::newRow("unknown option") << QStringList { QStringLiteral("analyze"), QStringLiteral("--bogus"),
        QStringLiteral("x") };
    QTest::newRow("bad entity filter") << QStringList { QStringLiteral("list"), QStringLiteral("--entity"),
        QStringLiteral("nope") };
    QTest::newRow("search without query") << QStringList { QStringLiteral("search") };
    QTest::newRow("annotate without a passage")
        << QStringList { QStringLiteral("annotate"), QStringLiteral("--doc"), QStringLiteral("1") };
    QTest::newRow("annotate with half a range") << QStringList { QStringLiteral("annotate"), QStringLiteral("--doc"),
        QStringLiteral("1"), QStringLiteral("--start"), QStringLiteral("3") };
    QTest::newRow("annotate with a bad offset")
        << QStringList { QStringLiteral("annotate"), QStringLiteral("--doc"), QStringLiteral("1"),
               QStringLiteral("--start"), QStringLiteral("x"), QStringLiteral("--end"), QStringLiteral("4") };
    QTest::newRow("tag without tags") << QStringList { QStringLiteral("tag"), QStringLiteral("--doc"),
        QStringLiteral("1") };
    QTest::newRow("export to an unknown format") << QStringList { QStringLiteral("export"), QStringLiteral("--format"),
        QStringLiteral("docx"), QStringLiteral("--out"), QStringLiteral("x.docx") };
    QTest::newRow("export without --out")
        << QStringList { QStringLiteral("export"), QStringLiteral("--format"), QStringLiteral("pdf") };
    QTest::newRow("search save without a name") << QStringList { QStringLiteral("search"), QStringLiteral("save") };
    QTest::newRow("search save with a bad --exclude") << QStringList { QStringLiteral("search"), QStringLiteral("save"),
        QStringLiteral("Name"), QStringLiteral("--exclude"), QStringLiteral("nope") };
    QTest::newRow("search rename without a new name")
        << QStringList { QStringLiteral("search"), QStringLiteral("rename"), QStringLiteral("Name") };
    QTest::newRow("entity without an action") << QStringList { QStringLiteral("entity") };
    QTest::newRow("copy without --to") << QStringList { QStringLiteral("copy"), QStringLiteral("--from"),
        QStringLiteral("a.dossier") };
    QTest::newRow("copy with an argument") << QStringList { QStringLiteral("copy"), QStringLiteral("--from"),
        QStringLiteral("a.dossier"), QStringLiteral("--to"), QStringLiteral("b.dossier"), QStringLiteral("c") };
    QTest::newRow("entity rename without a new name")
        << QStringList { QStringLiteral("entity"), QStringLiteral("rename"), QStringLiteral("PERSON:Aiko Tanabe") };
    QTest::newRow("entity type to an unknown type") << QStringList { QStringLiteral("entity"), QStringLiteral("type"),
        QStringLiteral("PERSON:Aiko Tanabe"), QStringLiteral("BOAT") };
    QTest::newRow("entity watch without --type")
        << QStringList { QStringLiteral("entity"), QStringLiteral("watch"), QStringLiteral("Blue Lantern") };
}

void CliTest::usageErrorsExitTwo()
{
    QFETCH(QStringList, arguments);
    arguments << QStringLiteral("--library") << m_dir->filePath(QStringLiteral("lib.dossier"));
    if (arguments.size() == 2) {
        arguments.clear();
    }
    const Run run = cli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(!run.err.isEmpty());
}

void CliTest::importListEntitiesSearch()
{
    write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    const Run imported = cli({ QStringLiteral("import"), QStringLiteral("--library"), library, m_dir->path() });
    QCOMPARE(imported.exitCode, 0);
    const QJsonObject summary = QJsonDocument::fromJson(imported.out).object();
    QCOMPARE(summary.value(QLatin1String("imported")).toInt(), 1);
    QCOMPARE(summary.value(QLatin1String("updated")).toInt(), 0);
    QCOMPARE(summary.value(QLatin1String("unchanged")).toInt(), 0);
    QVERIFY(summary.value(QLatin1String("failed")).isArray());

    const Run again = cli({ QStringLiteral("import"), QStringLiteral("--library"), library, m_dir->path() });
    QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QLatin1String("unchanged")).toInt(), 1);

    const Run listed = cli({ QStringLiteral("list"), QStringLiteral("--library"), library });
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.lines().size(), 1);
    for (const char *key : { "id", "title", "date", "source", "path" }) {
        QVERIFY2(listed.lines().front().contains(QLatin1String(key)), key);
    }

    const Run entities = cli({ QStringLiteral("entities"), QStringLiteral("--library"), library });
    QCOMPARE(entities.exitCode, 0);
    QVERIFY(!entities.lines().isEmpty());
    int previous = INT_MAX;
    for (const QJsonObject &entity : entities.lines()) {
        const int documents = entity.value(QLatin1String("documents")).toInt();
        QVERIFY(documents <= previous);
        previous = documents;
        QVERIFY(entity.value(QLatin1String("aliases")).isArray());
    }
    const QJsonObject first = entities.lines().front();
    const Run filtered = cli({ QStringLiteral("list"), QStringLiteral("--library"), library, QStringLiteral("--entity"),
        first.value(QLatin1String("type")).toString() + u':' + first.value(QLatin1String("name")).toString() });
    QCOMPARE(filtered.lines().size(), 1);

    const Run found
        = cli({ QStringLiteral("search"), QStringLiteral("--library"), library, QStringLiteral("threat data") });
    QCOMPARE(found.exitCode, 0);
    QCOMPARE(found.lines().size(), 1);
    QVERIFY(found.lines().front().value(QLatin1String("snippet")).toString().contains(QLatin1String("[threat]")));
}

void CliTest::badSearchQueryExitsOneWithMessage()
{
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    const Run run
        = cli({ QStringLiteral("search"), QStringLiteral("--library"), library, QStringLiteral("\"unbalanced") });
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.contains("bad search query"));
}

void CliTest::savedSearchesCountWhatIsNew()
{
    write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                     m_dir->filePath(QStringLiteral("story.txt")) })
                 .exitCode,
        0);
    // Saved with the entity's name as the library knows it (an alias given), and the query.
    const Run saved = cli({ QStringLiteral("search"), QStringLiteral("save"), QStringLiteral("Threats"),
        QStringLiteral("--library"), library, QStringLiteral("--entity"), QStringLiteral("PERSON:Tanabe"),
        QStringLiteral("--query"), QStringLiteral("threat") });
    QVERIFY2(saved.exitCode == 0, saved.err.constData());
    QCOMPARE(saved.lines().size(), 1);
    const QJsonObject first = saved.lines().front();
    QCOMPARE(first.value(QLatin1String("name")).toString(), QStringLiteral("Threats"));
    QCOMPARE(first.value(QLatin1String("query")).toString(), QStringLiteral("threat"));
    QCOMPARE(first.value(QLatin1String("count")).toInt(), 1);
    QCOMPARE(first.value(QLatin1String("new")).toInt(), 0);
    const QJsonObject filters = first.value(QLatin1String("filters")).toObject();
    const QJsonObject entity = filters.value(QLatin1String("entities")).toArray().first().toObject();
    QCOMPARE(entity.value(QLatin1String("type")).toString(), QStringLiteral("PERSON"));
    QCOMPARE(entity.value(QLatin1String("name")).toString(), QStringLiteral("Aiko Tanabe"));
    QCOMPARE(filters.value(QLatin1String("any")).toBool(), false);
    QVERIFY(filters.value(QLatin1String("tags")).isArray());
    QVERIFY(filters.value(QLatin1String("from")).isNull());

    // A matching article and one that does not match arrive after it was saved.
    const qint64 openedAt = first.value(QLatin1String("last_opened")).toInteger();
    QTRY_VERIFY(QDateTime::currentMSecsSinceEpoch() > openedAt);
    QByteArray follow = story;
    follow.replace("agree to share", "extend their pact on");
    follow.replace("Tuesday", "Friday");
    write(QStringLiteral("follow.txt"), follow);
    write(QStringLiteral("other.txt"), QByteArrayLiteral("Port report\n\nThe port of Lima reopened on Monday.\n"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library,
                     m_dir->filePath(QStringLiteral("follow.txt")), m_dir->filePath(QStringLiteral("other.txt")) })
                 .exitCode,
        0);
    const Run listed = cli({ QStringLiteral("search"), QStringLiteral("list"), QStringLiteral("--library"), library });
    QCOMPARE(listed.exitCode, 0);
    QCOMPARE(listed.lines().size(), 1);
    QCOMPARE(listed.lines().front().value(QLatin1String("count")).toInt(), 2);
    QCOMPARE(listed.lines().front().value(QLatin1String("new")).toInt(), 1);
    QCOMPARE(listed.lines().front().value(QLatin1String("last_count")).toInt(), 1);

    // Running it prints its articles as list does, and opens it: nothing is new afterwards.
    const Run ran = cli({ QStringLiteral("search"), QStringLiteral("run"), QStringLiteral("threats"),
        QStringLiteral("--library"), library });
    QCOMPARE(ran.exitCode, 0);
    QCOMPARE(ran.lines().size(), 2);
    for (const QJsonObject &line : ran.lines()) {
        for (const char *key : { "id", "title", "date", "source", "path" }) {
            QVERIFY2(line.contains(QLatin1String(key)), key);
        }
    }
    const Run after = cli({ QStringLiteral("search"), QStringLiteral("list"), QStringLiteral("--library"), library });
    QCOMPARE(after.lines().front().value(QLatin1String("new")).toInt(), 0);
    QCOMPARE(after.lines().front().value(QLatin1String("last_count")).toInt(), 2);

    // A query of one of the actions' words, after the options, is a full-text search.
    const Run word = cli({ QStringLiteral("search"), QStringLiteral("--library"), library, QStringLiteral("list") });
    QCOMPARE(word.exitCode, 0);
    QVERIFY(word.lines().isEmpty());

    QCOMPARE(cli({ QStringLiteral("search"), QStringLiteral("rename"), QStringLiteral("Threats"),
                     QStringLiteral("Cyber threats"), QStringLiteral("--library"), library })
                 .exitCode,
        0);
    QCOMPARE(cli({ QStringLiteral("search"), QStringLiteral("remove"), QStringLiteral("cyber threats"),
                     QStringLiteral("--library"), library })
                 .exitCode,
        0);
    QVERIFY(
        cli({ QStringLiteral("search"), QStringLiteral("list"), QStringLiteral("--library"), library }).out.isEmpty());
    const Run missing = cli({ QStringLiteral("search"), QStringLiteral("run"), QStringLiteral("Threats"),
        QStringLiteral("--library"), library });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("no saved search is called 'Threats'"));
}

void CliTest::anotherProgramsDatabaseIsRefusedUntouched_data()
{
    QTest::addColumn<QStringList>("command");
    QTest::newRow("list") << QStringList { QStringLiteral("list") };
    QTest::newRow("import") << QStringList { QStringLiteral("import"), QStringLiteral("story.txt") };
    QTest::newRow("annotations") << QStringList { QStringLiteral("annotations") };
}

void CliTest::anotherProgramsDatabaseIsRefusedUntouched()
{
    // A browser's places.sqlite: one table, one row, rollback journal.
    QFETCH(QStringList, command);
    write(QStringLiteral("story.txt"), story);
    const QString places = m_dir->filePath(QStringLiteral("places.sqlite"));
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("places"));
        db.setDatabaseName(places);
        QVERIFY(db.open());
        QSqlQuery query(db);
        QVERIFY(query.exec(QStringLiteral("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")));
        QVERIFY(query.exec(QStringLiteral("INSERT INTO moz_places (url) VALUES ('https://example.org/')")));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("places"));
    const auto hash = [&] {
        QFile file(places);
        return file.open(QIODevice::ReadOnly) ? QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256)
                                              : QByteArray();
    };
    const QByteArray before = hash();
    QStringList arguments = command;
    arguments.insert(1, QStringLiteral("--library"));
    arguments.insert(2, places);
    if (arguments.size() > 3) {
        arguments[3] = m_dir->filePath(arguments[3]);
    }
    const Run run = cli(arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY2(run.err.contains("is not a Dossier library"), run.err.constData());
    QVERIFY2(run.err.contains("moz_places"), run.err.constData());
    QCOMPARE(hash(), before);
    QVERIFY(!QFileInfo::exists(places + QStringLiteral("-wal")));
    QVERIFY(!QFileInfo::exists(places + QStringLiteral("-journal")));
}

void CliTest::annotateTagListAndExport()
{
    write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, m_dir->path() }).exitCode, 0);
    const QString id = QString::number(cli({ QStringLiteral("list"), QStringLiteral("--library"), library })
            .lines()
            .front()
            .value(QLatin1String("id"))
            .toInteger());

    const Run byQuote = cli({ QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"),
        id, QStringLiteral("--quote"), QStringLiteral("worth $1.2 billion over five years"), QStringLiteral("--tag"),
        QStringLiteral("Money"), QStringLiteral("--tag"), QStringLiteral("Deal"), QStringLiteral("--note"),
        QStringLiteral("check the figure"), QStringLiteral("--color"), QStringLiteral("#336699") });
    QCOMPARE(byQuote.exitCode, 0);
    const QJsonObject a = QJsonDocument::fromJson(byQuote.out).object();
    QCOMPARE(a.value(QLatin1String("quote")).toString(), QStringLiteral("worth $1.2 billion over five years"));
    QCOMPARE(a.value(QLatin1String("tags")).toArray().size(), 2);
    QCOMPARE(a.value(QLatin1String("note")).toString(), QStringLiteral("check the figure"));
    QCOMPARE(a.value(QLatin1String("color")).toString(), QStringLiteral("#336699"));
    QCOMPARE(a.value(QLatin1String("state")).toString(), QStringLiteral("anchored"));
    const int start = a.value(QLatin1String("start")).toInt();
    const int end = a.value(QLatin1String("end")).toInt();
    QCOMPARE(end - start, 34);

    // The same passage by offsets (code points, as analyze prints them; the body has an em dash before it).
    const Run byOffsets
        = cli({ QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"), id,
            QStringLiteral("--start"), QString::number(start), QStringLiteral("--end"), QString::number(end) });
    QCOMPARE(byOffsets.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(byOffsets.out).object().value(QLatin1String("quote")).toString(),
        QStringLiteral("worth $1.2 billion over five years"));

    const Run tagged = cli({ QStringLiteral("tag"), QStringLiteral("--library"), library, QStringLiteral("--doc"), id,
        QStringLiteral("Cyber"), QStringLiteral("Follow up") });
    QCOMPARE(tagged.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(tagged.out).object().value(QLatin1String("tags")).toArray().size(), 2);

    const Run all = cli({ QStringLiteral("annotations"), QStringLiteral("--library"), library });
    QCOMPARE(all.exitCode, 0);
    QCOMPARE(all.lines().size(), 2);
    const Run money = cli({ QStringLiteral("annotations"), QStringLiteral("--library"), library,
        QStringLiteral("--tag"), QStringLiteral("money") });
    QCOMPARE(money.lines().size(), 1);

    for (const QString &format : { QStringLiteral("md"), QStringLiteral("jsonld"), QStringLiteral("pdf") }) {
        const QString out = m_dir->filePath(QStringLiteral("pack.") + format);
        const Run exported
            = cli({ QStringLiteral("export"), QStringLiteral("--library"), library, QStringLiteral("--format"), format,
                QStringLiteral("--out"), out, QStringLiteral("--tag"), QStringLiteral("Money") });
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QCOMPARE(QJsonDocument::fromJson(exported.out).object().value(QLatin1String("passages")).toInt(), 1);
        QVERIFY(QFileInfo(out).size() > 0);
    }
    QFile md(m_dir->filePath(QStringLiteral("pack.md")));
    QVERIFY(md.open(QIODevice::ReadOnly));
    QVERIFY(md.readAll().contains("> worth $1.2 billion over five years"));
}

void CliTest::reimportReattachesOrOrphans()
{
    const QString file = write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, file }).exitCode, 0);
    const QString id = QString::number(cli({ QStringLiteral("list"), QStringLiteral("--library"), library })
            .lines()
            .front()
            .value(QLatin1String("id"))
            .toInteger());
    const auto annotate = [&](const QString &quote) {
        return cli({ QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"), id,
                       QStringLiteral("--quote"), quote, QStringLiteral("--tag"), QStringLiteral("Check") })
            .exitCode;
    };
    QCOMPARE(annotate(QStringLiteral("agreed on Tuesday to share threat data")), 0);
    QCOMPARE(annotate(QStringLiteral("worth $1.2 billion over five years")), 0);
    QCOMPARE(annotate(QStringLiteral("would start next month")), 0);

    // The file is edited: a paragraph added before, a figure changed, a sentence cut.
    QByteArray edited = story;
    edited.replace("MANILA", "UPDATED 10:40. Officials gave more detail later.\n\nMANILA");
    edited.replace("$1.2 billion", "$1.5 billion");
    edited.replace(", would start next month.", ".");
    write(QStringLiteral("story.txt"), edited);
    const Run again = cli({ QStringLiteral("import"), QStringLiteral("--library"), library, file });
    QCOMPARE(QJsonDocument::fromJson(again.out).object().value(QLatin1String("updated")).toInt(), 1);

    const QList<QJsonObject> passages
        = cli({ QStringLiteral("annotations"), QStringLiteral("--library"), library }).lines();
    QCOMPARE(passages.size(), 3); // none lost
    QHash<QString, QJsonObject> byQuote;
    for (const QJsonObject &p : passages) {
        byQuote.insert(p.value(QLatin1String("previous_quote")).isNull()
                ? p.value(QLatin1String("quote")).toString()
                : p.value(QLatin1String("previous_quote")).toString(),
            p);
    }
    QCOMPARE(byQuote.value(QStringLiteral("agreed on Tuesday to share threat data"))
                 .value(QLatin1String("state"))
                 .toString(),
        QStringLiteral("anchored"));
    const QJsonObject changed = byQuote.value(QStringLiteral("worth $1.2 billion over five years"));
    QCOMPARE(changed.value(QLatin1String("state")).toString(), QStringLiteral("reattached"));
    QCOMPARE(changed.value(QLatin1String("quote")).toString(), QStringLiteral("worth $1.5 billion over five years"));
    QCOMPARE(byQuote.value(QStringLiteral("would start next month")).value(QLatin1String("state")).toString(),
        QStringLiteral("orphaned"));
    const Run orphans
        = cli({ QStringLiteral("annotations"), QStringLiteral("--library"), library, QStringLiteral("--orphaned") });
    QCOMPARE(orphans.lines().size(), 1);
}

void CliTest::entityCurationPersistsAndSurvivesReimport()
{
    const QString file = write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, file }).exitCode, 0);
    const auto entity = [&](const QStringList &arguments) {
        return cli(QStringList { QStringLiteral("entity") } + arguments
            + QStringList { QStringLiteral("--library"), library });
    };
    const auto names = [&] {
        QStringList rows;
        for (const QJsonObject &e : cli({ QStringLiteral("entities"), QStringLiteral("--library"), library }).lines()) {
            rows.append(e.value(QLatin1String("type")).toString() + u':' + e.value(QLatin1String("name")).toString());
        }
        return rows;
    };
    QVERIFY(names().contains(QStringLiteral("PERSON:Aiko Tanabe")));
    QVERIFY(names().contains(QStringLiteral("LOCATION:Tokyo")));

    // Each change is one process; the next process (a restart) sees it.
    const Run renamed
        = entity({ QStringLiteral("rename"), QStringLiteral("PERSON:Tanabe"), QStringLiteral("Tanabe Aiko") });
    QCOMPARE(renamed.exitCode, 0);
    const QJsonObject result = QJsonDocument::fromJson(renamed.out).object();
    QCOMPARE(result.value(QLatin1String("entity")).toObject().value(QLatin1String("name")).toString(),
        QStringLiteral("Tanabe Aiko"));
    QCOMPARE(result.value(QLatin1String("retagged")).toInt(), 1);
    QCOMPARE(entity({ QStringLiteral("suppress"), QStringLiteral("LOCATION:Tokyo") }).exitCode, 0);
    const Run watched = entity({ QStringLiteral("watch"), QStringLiteral("--type"), QStringLiteral("ORG"),
        QStringLiteral("Cyber Desk"), QStringLiteral("--alias"), QStringLiteral("threat data") });
    QCOMPARE(watched.exitCode, 0);
    QCOMPARE(QJsonDocument::fromJson(watched.out)
                 .object()
                 .value(QLatin1String("entity"))
                 .toObject()
                 .value(QLatin1String("documents"))
                 .toInt(),
        1);

    const auto check = [&] {
        const QStringList now = names();
        QVERIFY2(now.contains(QStringLiteral("PERSON:Tanabe Aiko")), qPrintable(now.join(u' ')));
        QVERIFY(!now.contains(QStringLiteral("PERSON:Aiko Tanabe")));
        QVERIFY(!now.contains(QStringLiteral("LOCATION:Tokyo")));
        QVERIFY(now.contains(QStringLiteral("ORG:Cyber Desk")));
        const Run rules = entity({ QStringLiteral("rules") });
        QCOMPARE(rules.lines().size(), 2);
        QCOMPARE(rules.lines().at(1).value(QLatin1String("action")).toString(), QStringLiteral("suppress"));
        QCOMPARE(entity({ QStringLiteral("watchlist") }).lines().size(), 1);
        // The list filter follows the curated names.
        QCOMPARE(cli({ QStringLiteral("list"), QStringLiteral("--library"), library, QStringLiteral("--entity"),
                         QStringLiteral("PERSON:Tanabe Aiko") })
                     .lines()
                     .size(),
            1);
    };
    check();
    if (QTest::currentTestFailed()) {
        return;
    }
    // The file changes and is imported again: the curation holds.
    QByteArray edited = story;
    edited.replace("officials said.", "officials said. Tokyo and Manila will meet again in May.");
    write(QStringLiteral("story.txt"), edited);
    QCOMPARE(QJsonDocument::fromJson(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, file }).out)
                 .object()
                 .value(QLatin1String("updated"))
                 .toInt(),
        1);
    check();
    // Errors name the problem and change nothing.
    const Run missing
        = entity({ QStringLiteral("merge"), QStringLiteral("PERSON:Nobody"), QStringLiteral("PERSON:Tanabe Aiko") });
    QCOMPARE(missing.exitCode, 1);
    QVERIFY(missing.err.contains("no PERSON entity called 'Nobody'"));
    QCOMPARE(entity({ QStringLiteral("rules") }).lines().size(), 2);
}

void CliTest::annotateErrorsExitOne_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("quote not in the article")
        << QStringList { QStringLiteral("--quote"), QStringLiteral("not there") } << QStringLiteral("not in article");
    QTest::newRow("ambiguous quote") << QStringList { QStringLiteral("--quote"), QStringLiteral("Tanabe") }
                                     << QStringLiteral("occurs 2 times");
    QTest::newRow("range past the end") << QStringList { QStringLiteral("--start"), QStringLiteral("5"),
        QStringLiteral("--end"), QStringLiteral("99999") }
                                        << QStringLiteral("not within");
    QTest::newRow("quote and range disagree") << QStringList { QStringLiteral("--start"), QStringLiteral("0"),
        QStringLiteral("--end"), QStringLiteral("6"), QStringLiteral("--quote"), QStringLiteral("Tokyo") }
                                              << QStringLiteral("not the quote");
    QTest::newRow("bad colour") << QStringList { QStringLiteral("--start"), QStringLiteral("0"),
        QStringLiteral("--end"), QStringLiteral("6"), QStringLiteral("--color"), QStringLiteral("red") }
                                << QStringLiteral("not a colour");
}

void CliTest::annotateErrorsExitOne()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, m_dir->path() }).exitCode, 0);
    const QString id = QString::number(cli({ QStringLiteral("list"), QStringLiteral("--library"), library })
            .lines()
            .front()
            .value(QLatin1String("id"))
            .toInteger());
    const Run run = cli(
        QStringList { QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"), id }
        + arguments);
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
    QCOMPARE(cli({ QStringLiteral("annotations"), QStringLiteral("--library"), library }).lines().size(), 0);
}

void CliTest::copyWritesANewLibraryAndChecksIt()
{
    write(QStringLiteral("story.txt"), story);
    const QString library = m_dir->filePath(QStringLiteral("lib.dossier"));
    QCOMPARE(cli({ QStringLiteral("import"), QStringLiteral("--library"), library, QStringLiteral("--no-backup"),
                     m_dir->filePath(QStringLiteral("story.txt")) })
                 .exitCode,
        0);
    QCOMPARE(cli({ QStringLiteral("annotate"), QStringLiteral("--library"), library, QStringLiteral("--doc"),
                     QStringLiteral("1"), QStringLiteral("--quote"), QStringLiteral("threat data between"),
                     QStringLiteral("--tag"), QStringLiteral("Cyber") })
                 .exitCode,
        0);
    const QString copy = m_dir->filePath(QStringLiteral("copy.dossier"));
    const Run copied = cli({ QStringLiteral("copy"), QStringLiteral("--from"), library, QStringLiteral("--to"), copy });
    QVERIFY2(copied.exitCode == 0, copied.err.constData());
    QCOMPARE(copied.lines().size(), 1);
    const QJsonObject summary = copied.lines().constFirst();
    QCOMPARE(summary.value(QLatin1String("from")).toString(), library);
    QCOMPARE(summary.value(QLatin1String("to")).toString(), copy);
    const QJsonObject tables = summary.value(QLatin1String("tables")).toObject();
    QCOMPARE(tables.value(QLatin1String("articles")).toInt(), 1);
    QCOMPARE(tables.value(QLatin1String("annotations")).toInt(), 1);
    QCOMPARE(tables.value(QLatin1String("tags")).toInt(), 1);
    QVERIFY(tables.value(QLatin1String("entities")).toInt() > 0);
    QVERIFY2(copied.err.contains("copied "), copied.err.constData());
    for (const QString &command : { QStringLiteral("annotations"), QStringLiteral("entities") }) {
        QCOMPARE(cli({ command, QStringLiteral("--library"), copy }).out,
            cli({ command, QStringLiteral("--library"), library }).out);
    }

    const Run checked = cli({ QStringLiteral("copy"), QStringLiteral("--check"), QStringLiteral("--from"), library,
        QStringLiteral("--to"), copy });
    QCOMPARE(checked.exitCode, 0);
    QCOMPARE(checked.lines().constFirst().value(QLatin1String("ok")).toBool(), true);
    QCOMPARE(checked.lines().constFirst().value(QLatin1String("differences")).toArray().size(), 0);

    // Into a library in use: refused, exit 1, the target as it was.
    const QByteArray before = cli({ QStringLiteral("annotations"), QStringLiteral("--library"), copy }).out;
    const Run refused
        = cli({ QStringLiteral("copy"), QStringLiteral("--from"), library, QStringLiteral("--to"), copy });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("is not empty"), refused.err.constData());
    QVERIFY(refused.lines().constFirst().contains(QLatin1String("error")));
    QCOMPARE(cli({ QStringLiteral("annotations"), QStringLiteral("--library"), copy }).out, before);

    // From nothing: exit 1, nothing made.
    const QString missing = m_dir->filePath(QStringLiteral("missing.dossier"));
    const QString other = m_dir->filePath(QStringLiteral("other.dossier"));
    QCOMPARE(
        cli({ QStringLiteral("copy"), QStringLiteral("--from"), missing, QStringLiteral("--to"), other }).exitCode, 1);
    QVERIFY(!QFile::exists(missing));
    QVERIFY(!QFile::exists(other));
}

QTEST_GUILESS_MAIN(CliTest)
#include "cli_test.moc"
