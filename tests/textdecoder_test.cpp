#include "formats/textdecoder.h"

#include <QStringEncoder>
#include <QTest>

using namespace Dossier::Core;

class TextDecoderTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodes_data();
    void decodes();
    void refusesBinary();
    void trustsDeclaredCharsetOnlyWhenBytesAgree();
    void findsHtmlDeclaredCharset_data();
    void findsHtmlDeclaredCharset();
    void validatesUtf8_data();
    void validatesUtf8();
};

namespace
{

QByteArray encode(const char *encoding, const QString &text)
{
    QStringEncoder encoder(encoding);
    return encoder.encode(text);
}

// Text of our own, long enough for detection to be sure.
const QString western
    = QStringLiteral("Le ministre a déclaré à la presse que la réunion à Genève était « très constructive ». "
                     "Les délégués ont discuté des priorités pour l’année prochaine, notamment la sécurité numérique "
                     "et la coopération régionale. Un porte-parole a précisé que les négociations reprendront en été.");
const QString japanese
    = QStringLiteral("東京で開かれた会議では、サイバー攻撃への対策を強化することで各国の代表が合意した。"
                     "政府関係者によると、来月にも新しい枠組みについて協議を始める予定だという。"
                     "会議には外務省と防衛省の担当者が出席し、情報共有の重要性を確認した。");

} // namespace

void TextDecoderTest::decodes_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("encoding");

    const QString plain = QStringLiteral("Tokyo talks — “cyber” ümlaut");
    QTest::newRow("utf-8") << plain.toUtf8() << plain << QStringLiteral("UTF-8");
    QTest::newRow("utf-8 with bom") << QByteArray("\xEF\xBB\xBF") + plain.toUtf8() << plain << QStringLiteral("UTF-8");
    QTest::newRow("utf-16le with bom") << QByteArray("\xFF\xFE") + encode("UTF-16LE", plain) << plain
                                       << QStringLiteral("UTF-16LE");
    QTest::newRow("utf-16be with bom") << QByteArray("\xFE\xFF") + encode("UTF-16BE", plain) << plain
                                       << QStringLiteral("UTF-16BE");
    QTest::newRow("utf-16le without bom") << encode("UTF-16LE", plain) << plain << QStringLiteral("UTF-16LE");
    QTest::newRow("utf-32le with bom") << QByteArray("\xFF\xFE\x00\x00", 4) + encode("UTF-32LE", plain) << plain
                                       << QStringLiteral("UTF-32LE");
    QTest::newRow("utf-32be with bom") << QByteArray("\x00\x00\xFE\xFF", 4) + encode("UTF-32BE", plain) << plain
                                       << QStringLiteral("UTF-32BE");
    QTest::newRow("windows-1252") << encode("windows-1252", western) << western << QStringLiteral("windows-1252");
    const QString latin1 = QString(western).replace(u'’', u'\'');
    QTest::newRow("latin-1") << encode("ISO-8859-1", latin1) << latin1 << QStringLiteral("windows-1252");
    QTest::newRow("shift-jis") << encode("Shift_JIS", japanese) << japanese << QStringLiteral("Shift_JIS");
    QTest::newRow("euc-jp") << encode("EUC-JP", japanese) << japanese << QStringLiteral("EUC-JP");
    QTest::newRow("empty") << QByteArray() << QString() << QStringLiteral("UTF-8");
}

void TextDecoderTest::decodes()
{
    QFETCH(QByteArray, bytes);
    QFETCH(QString, text);
    QFETCH(QString, encoding);
    const DecodeResult result = TextDecoder::decode(bytes);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.encoding, encoding);
    QCOMPARE(result.text, text);
}

void TextDecoderTest::refusesBinary()
{
    QByteArray bytes("\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR", 16);
    bytes += QByteArray(200, '\x01');
    const DecodeResult result = TextDecoder::decode(bytes);
    QVERIFY(!result.ok());
    QVERIFY(result.error.contains(QLatin1String("binary")));
}

void TextDecoderTest::trustsDeclaredCharsetOnlyWhenBytesAgree()
{
    // A page that says UTF-8 but is really windows-1252.
    const DecodeResult lying = TextDecoder::decode(encode("windows-1252", western), "utf-8");
    QCOMPARE(lying.text, western);
    // A page that truthfully declares Shift_JIS.
    const DecodeResult honest = TextDecoder::decode(encode("Shift_JIS", japanese), "shift_jis");
    QCOMPARE(honest.encoding, QStringLiteral("Shift_JIS"));
    QCOMPARE(honest.text, japanese);
}

void TextDecoderTest::findsHtmlDeclaredCharset_data()
{
    QTest::addColumn<QByteArray>("head");
    QTest::addColumn<QByteArray>("charset");
    QTest::newRow("meta charset") << QByteArray("<html><head><meta charset=\"Shift_JIS\">") << QByteArray("Shift_JIS");
    QTest::newRow("http-equiv") << QByteArray(
        "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=euc-jp\">")
                                << QByteArray("euc-jp");
    QTest::newRow("unquoted") << QByteArray("<META CHARSET=windows-1252>") << QByteArray("windows-1252");
    QTest::newRow("none") << QByteArray("<html><head><title>x</title>") << QByteArray();
}

void TextDecoderTest::findsHtmlDeclaredCharset()
{
    QFETCH(QByteArray, head);
    QFETCH(QByteArray, charset);
    QCOMPARE(TextDecoder::htmlDeclaredCharset(head), charset);
}

void TextDecoderTest::validatesUtf8_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("valid");

    QTest::newRow("empty") << QByteArray() << true;
    QTest::newRow("ASCII") << QByteArray("plain text") << true;
    QTest::newRow("multi-byte") << western.toUtf8() + japanese.toUtf8() << true;
    QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x93\xB0 news") << true;
    // Found by fuzz/decoder_fuzz.cpp: KOI8-R text was called valid UTF-8 (any bytes were).
    QTest::newRow("KOI8-R") << encode("KOI8-R", QStringLiteral("Москва, новости дня")) << false;
    QTest::newRow("windows-1252") << encode("windows-1252", western) << false;
    QTest::newRow("truncated sequence") << QByteArray("caf\xC3") << false;
    QTest::newRow("overlong") << QByteArray("\xC0\xAF") << false;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;
    QTest::newRow("past U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << false;
}

void TextDecoderTest::validatesUtf8()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, valid);
    QCOMPARE(TextDecoder::isValidUtf8(bytes), valid);
}

QTEST_GUILESS_MAIN(TextDecoderTest)
#include "textdecoder_test.moc"
