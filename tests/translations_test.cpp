#include "export/exporters.h"
#include "mainwindow.h"
#include "translations.h"

#include <QDirIterator>
#include <QFile>
#include <QLabel>
#include <QRegularExpression>
#include <QSettings>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace Dossier;

// The catalogues in translations/: loaded for the system locale with English as the fallback, and
// the English one gives every "%n ..." string its singular and plural forms.
class TranslationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void loadsEnglishForEveryLocale_data();
    void loadsEnglishForEveryLocale();
    void everyCountedStringHasEnglishPluralForms();
    void statusBarCountsArticlesInWords();
    void evidencePackCountsInWords_data();
    void evidencePackCountsInWords();

private:
    QTranslator *m_translator = nullptr;
};

namespace
{

struct Message {
    QString context;
    QString source;
};

// The numerus messages of a .ts catalogue.
QList<Message> numerusMessages(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    bool numerus = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement()) {
            continue;
        }
        if (xml.name() == u"name") {
            context = xml.readElementText();
        } else if (xml.name() == u"message") {
            numerus = xml.attributes().value(QLatin1String("numerus")) == u"yes";
        } else if (xml.name() == u"source" && numerus) {
            messages.append({ context, xml.readElementText() });
        }
    }
    return messages;
}

// The string literals of tr("...") calls in the sources of core/, ui/ and app/.
QStringList trStrings()
{
    static const QRegularExpression call(QStringLiteral("\\btr\\(\\s*\"((?:[^\"\\\\]|\\\\.)*)\""));
    QStringList found;
    for (const char *folder : { "core", "ui", "app" }) {
        QDirIterator files(QStringLiteral(DOSSIER_SOURCE_DIR "/") + QLatin1String(folder), { QStringLiteral("*.cpp") },
            QDir::Files, QDirIterator::Subdirectories);
        while (files.hasNext()) {
            QFile file(files.next());
            if (!file.open(QIODevice::ReadOnly)) {
                qWarning("cannot read %s", qPrintable(file.fileName()));
                continue;
            }
            const QString text = QString::fromUtf8(file.readAll());
            for (const QRegularExpressionMatch &match : call.globalMatch(text)) {
                found.append(match.captured(1));
            }
        }
    }
    return found;
}

} // namespace

void TranslationsTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    // Its two articles are one story: one row per article (View › Group Copies off).
    QSettings().setValue(QStringLiteral("list/groupCopies"), false);
}

void TranslationsTest::cleanup()
{
    if (m_translator) {
        QCoreApplication::removeTranslator(m_translator);
        delete m_translator;
        m_translator = nullptr;
    }
}

void TranslationsTest::loadsEnglishForEveryLocale_data()
{
    QTest::addColumn<QLocale>("locale");
    QTest::newRow("English (US)") << QLocale(QLocale::English, QLocale::UnitedStates);
    QTest::newRow("English (UK)") << QLocale(QLocale::English, QLocale::UnitedKingdom);
    QTest::newRow("German, no catalogue yet") << QLocale(QLocale::German, QLocale::Germany);
    QTest::newRow("Japanese, no catalogue yet") << QLocale(QLocale::Japanese, QLocale::Japan);
    QTest::newRow("C") << QLocale::c();
}

void TranslationsTest::loadsEnglishForEveryLocale()
{
    QFETCH(QLocale, locale);
    m_translator = Core::installTranslator(locale);
    QVERIFY(m_translator);
    QCOMPARE(m_translator->language(), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("Dossier::Ui::MainWindow", "%1 of %n article(s)", nullptr, 1),
        QStringLiteral("%1 of 1 article"));
    QCOMPARE(QCoreApplication::translate("Dossier::Ui::MainWindow", "%1 of %n article(s)", nullptr, 2),
        QStringLiteral("%1 of 2 articles"));
}

void TranslationsTest::everyCountedStringHasEnglishPluralForms()
{
    m_translator = Core::installTranslator(QLocale(QLocale::English));
    QVERIFY(m_translator);
    const QList<Message> messages = numerusMessages(QStringLiteral(DOSSIER_SOURCE_DIR "/translations/dossier_en.ts"));
    QVERIFY(!messages.isEmpty());
    QSet<QString> catalogued;
    for (const Message &message : messages) {
        catalogued.insert(message.source);
        const QByteArray context = message.context.toUtf8();
        const QByteArray source = message.source.toUtf8();
        const QString one = QCoreApplication::translate(context.constData(), source.constData(), nullptr, 1);
        const QString two = QCoreApplication::translate(context.constData(), source.constData(), nullptr, 2);
        QVERIFY2(one.contains(u'1') && two.contains(u'2') && one != two, qPrintable(message.source));
        for (const QString &form : { one, two }) {
            QVERIFY2(!form.contains(QLatin1String("(s)")) && !form.contains(QLatin1String("(es)")), qPrintable(form));
        }
    }
    // Every string that counts is in the catalogue, and counts with %n, never "(s)" after a %1.
    const QStringList strings = trStrings();
    QVERIFY(strings.size() > 100);
    for (const QString &string : strings) {
        if (string.contains(QLatin1String("%n"))) {
            QVERIFY2(catalogued.contains(string), qPrintable(string + QStringLiteral(": run dossier_lupdate")));
        } else {
            QVERIFY2(!string.contains(QLatin1String("(s)")) && !string.contains(QLatin1String("(es)")),
                qPrintable(string + QStringLiteral(": use a %n plural")));
        }
    }
}

void TranslationsTest::statusBarCountsArticlesInWords()
{
    m_translator = Core::installTranslator(QLocale(QLocale::English));
    QVERIFY(m_translator);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("count.dossier"));
    const auto store = [&path](const QString &name) {
        Core::Library library(path);
        Core::Article article;
        article.path = QStringLiteral("/corpus/%1.txt").arg(name);
        article.sha256 = name.toUtf8();
        article.format = QStringLiteral("text");
        article.encoding = QStringLiteral("UTF-8");
        article.meta.title = name;
        article.body = QStringLiteral("The ferry ran late.");
        article.rawText = article.body;
        return library.open() && library.articles().store(article).has_value();
    };
    const auto counted = [](const QWidget &window, const QString &text) {
        const auto labels = window.findChildren<QLabel *>();
        return std::any_of(
            labels.cbegin(), labels.cend(), [&text](const QLabel *label) { return label->text() == text; });
    };
    QVERIFY(store(QStringLiteral("first")));
    Ui::MainWindow window;
    QVERIFY(window.openLibrary(path));
    window.show();
    QVERIFY(counted(window, QStringLiteral("1 of 1 article")));
    QVERIFY(store(QStringLiteral("second"))); // another connection: the window sees it by polling
    QTRY_VERIFY_WITH_TIMEOUT(counted(window, QStringLiteral("2 of 2 articles")), 5000);
}

void TranslationsTest::evidencePackCountsInWords_data()
{
    QTest::addColumn<int>("articles");
    QTest::addColumn<int>("passages");
    QTest::addColumn<QString>("line");
    QTest::newRow("one of each") << 1 << 1 << QStringLiteral("- 1 article, 1 passage");
    QTest::newRow("one article, none marked") << 1 << 0 << QStringLiteral("- 1 article, 0 passages");
    QTest::newRow("several") << 2 << 3 << QStringLiteral("- 2 articles, 3 passages");
}

void TranslationsTest::evidencePackCountsInWords()
{
    QFETCH(int, articles);
    QFETCH(int, passages);
    QFETCH(QString, line);
    m_translator = Core::installTranslator(QLocale(QLocale::English));
    QVERIFY(m_translator);
    Core::EvidencePack pack;
    pack.title = QStringLiteral("Harbour");
    for (int i = 0; i < articles; ++i) {
        Core::PackArticle article;
        article.article.meta.title = QStringLiteral("Ferry %1").arg(i);
        article.article.body = QStringLiteral("The ferry ran late.");
        pack.articles.append(article);
    }
    for (int i = 0; i < passages; ++i) {
        Core::Annotation passage;
        passage.anchor
            = Core::TextAnchor { 4, 9, QStringLiteral("ferry"), QStringLiteral("The "), QStringLiteral(" ran") };
        pack.articles[i % articles].annotations.append(passage);
    }
    QCOMPARE(pack.passageCount(), qsizetype(passages));
    const QStringList lines = Core::toMarkdown(pack).split(u'\n');
    QVERIFY2(lines.contains(line), qPrintable(lines.join(u'\n')));
}

QTEST_MAIN(TranslationsTest)
#include "translations_test.moc"
