#include "formats/articlereader.h"
#include "formats/markdownreader.h"

#include <QTest>

using namespace Dossier::Core;

class MarkdownReaderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsFrontMatterAndBody();
    void firstHeadingIsTheTitleWithoutFrontMatter();
    void rawKeepsTheText();
    void registryPicksTheReader_data();
    void registryPicksTheReader();
};

namespace
{

const QByteArray note = QByteArrayLiteral("---\n"
                                          "title: \"Port outage: open questions\"\n"
                                          "date: 2026-03-05\n"
                                          "source: Analyst desk\n"
                                          "url: https://notes.example/port-outage\n"
                                          "author: R. Ocampo\n"
                                          "---\n\n"
                                          "# Port outage: open questions\n\n"
                                          "The outage at **three ports** began on 9 February, according to the\n"
                                          "[harbour authority](https://harbour.example/notice).\n\n"
                                          "## What we know\n\n"
                                          "- Ransomware reached the *booking* system first.\n"
                                          "- Recovery took `six` days.\n\n"
                                          "> \"We were not ready,\" a port official said.\n\n"
                                          "---\n\n"
                                          "```\nraw log line\n```\n");

} // namespace

void MarkdownReaderTest::readsFrontMatterAndBody()
{
    const ReadResult result = MarkdownReader().read(note, {});
    QVERIFY(result.ok());
    QCOMPARE(result.meta.title, QStringLiteral("Port outage: open questions"));
    QCOMPARE(result.meta.date, QStringLiteral("2026-03-05"));
    QCOMPARE(result.meta.source, QStringLiteral("Analyst desk"));
    QCOMPARE(result.meta.url, QStringLiteral("https://notes.example/port-outage"));
    QCOMPARE(result.meta.author, QStringLiteral("R. Ocampo"));
    const QStringList paragraphs = result.body.split(QStringLiteral("\n\n"));
    QCOMPARE(paragraphs.value(0),
        QStringLiteral("The outage at three ports began on 9 February, according to the "
                       "harbour authority."));
    QCOMPARE(paragraphs.value(1), QStringLiteral("What we know"));
    QCOMPARE(paragraphs.value(2), QStringLiteral("• Ransomware reached the booking system first."));
    QCOMPARE(paragraphs.value(3), QStringLiteral("• Recovery took six days."));
    QCOMPARE(paragraphs.value(4), QStringLiteral("\"We were not ready,\" a port official said."));
    QCOMPARE(paragraphs.value(5), QStringLiteral("raw log line"));
    QVERIFY(!result.body.contains(u'#'));
    QVERIFY(!result.body.contains(QLatin1String("https://")));
}

void MarkdownReaderTest::firstHeadingIsTheTitleWithoutFrontMatter()
{
    const ReadResult result = MarkdownReader().read("# Cable repair timeline\n\nThe ship arrived on Monday.\n", {});
    QCOMPARE(result.meta.title, QStringLiteral("Cable repair timeline"));
    QCOMPARE(result.body, QStringLiteral("The ship arrived on Monday."));
}

void MarkdownReaderTest::rawKeepsTheText()
{
    ReadOptions options;
    options.raw = true;
    const ReadResult result = MarkdownReader().read(note, options);
    QCOMPARE(result.body, QString::fromUtf8(note));
    QVERIFY(result.meta.title.isEmpty());
}

void MarkdownReaderTest::registryPicksTheReader_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QString>("format");
    QTest::newRow("txt") << QStringLiteral("a.txt") << QByteArray("Harbor Ledger live feed") << QStringLiteral("text");
    QTest::newRow("html by suffix") << QStringLiteral("a.htm") << QByteArray("<p>x") << QStringLiteral("html");
    QTest::newRow("html by content") << QStringLiteral("saved") << QByteArray("<!DOCTYPE html><html>")
                                     << QStringLiteral("html");
    QTest::newRow("markdown") << QStringLiteral("notes.MD") << QByteArray("# Notes") << QStringLiteral("markdown");
    QTest::newRow("unknown suffix is text") << QStringLiteral("a.log") << QByteArray("plain") << QStringLiteral("text");
}

void MarkdownReaderTest::registryPicksTheReader()
{
    QFETCH(QString, path);
    QFETCH(QByteArray, head);
    QFETCH(QString, format);
    QCOMPARE(ReaderRegistry::instance().readerFor(path, head)->format(), format);
}

QTEST_GUILESS_MAIN(MarkdownReaderTest)
#include "markdownreader_test.moc"
