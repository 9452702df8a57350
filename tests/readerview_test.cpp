#include "articlehighlighter.h"
#include "connectioncounter.h"
#include "findbar.h"
#include "readerview.h"
#include "windowhelpers.h"

#include <KSyntaxHighlighting/AbstractHighlighter>
#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Format>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/State>
#include <KSyntaxHighlighting/Theme>
#include <QAbstractButton>
#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QScopeGuard>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>

using namespace Dossier;
using Dossier::Test::formatAt;
using Dossier::Ui::ArticleHighlighter;
using KSyntaxHighlighting::Theme;

namespace
{

constexpr qint64 AliceId = 101;
constexpr qint64 AcmeId = 202;
constexpr qint64 ParisId = 303;
constexpr qint64 DateId = 404;
constexpr qint64 MoneyId = 505;

// Adds a mention for every occurrence of \a surface in the body.
void mentionAll(Core::Article &article, const QString &surface, int entity)
{
    for (qsizetype at = article.body.indexOf(surface); at >= 0; at = article.body.indexOf(surface, at + 1)) {
        article.mentions.append({ at, at + surface.size(), article.entities.at(entity).type, entity });
    }
}

Core::Article sampleArticle(const QString &separator = QStringLiteral("\n\n"))
{
    Core::Article article;
    article.path = QStringLiteral("/tmp/news/acme-deal.txt");
    article.format = QStringLiteral("text");
    article.meta.title = QStringLiteral("Acme agrees to buy rival");
    article.meta.source = QStringLiteral("The Daily Test");
    article.meta.date = QStringLiteral("2026-03-12");
    article.meta.dateline = QStringLiteral("London");
    article.body = QStringLiteral("LONDON — Alice Smith met officials from Acme Corp in Paris on 12 March 2026.")
        + separator
        + QStringLiteral("The deal, worth $2.8 billion, was signed by Alice Smith. \"We are pleased,\" she said.")
        + separator + QStringLiteral("Acme Corp shares rose 12% in early trading, see https://example.org/acme [1].");
    article.rawText = article.meta.title + QStringLiteral("\n\n") + article.body + u'\n';
    article.entities = {
        { QStringLiteral("Alice Smith"), Core::EntityType::Person, {}, 2, AliceId },
        { QStringLiteral("Acme Corp"), Core::EntityType::Org, {}, 2, AcmeId },
        { QStringLiteral("Paris"), Core::EntityType::Location, {}, 1, ParisId },
        { QStringLiteral("2026-03-12"), Core::EntityType::Date, {}, 1, DateId },
        { QStringLiteral("2800000000 USD"), Core::EntityType::Money, {}, 1, MoneyId },
    };
    mentionAll(article, QStringLiteral("Alice Smith"), 0);
    mentionAll(article, QStringLiteral("Acme Corp"), 1);
    mentionAll(article, QStringLiteral("Paris"), 2);
    mentionAll(article, QStringLiteral("12 March 2026"), 3);
    mentionAll(article, QStringLiteral("$2.8 billion"), 4);
    return article;
}

int docPosition(const Ui::ReaderView &view, const Core::Article &article, const QString &surface, int nth = 0)
{
    qsizetype at = article.body.indexOf(surface);
    for (int i = 0; i < nth && at >= 0; ++i) {
        at = article.body.indexOf(surface, at + 1);
    }
    return at < 0 ? -1 : view.bodyPosition(at);
}

// Runs the news-text definition over \a text and records the attribute (itemData) name of every character.
class AttributeRecorder final : public KSyntaxHighlighting::AbstractHighlighter
{
public:
    AttributeRecorder() { setDefinition(Ui::syntaxRepository().definitionForName(Ui::newsTextDefinitionName())); }
    QStringList run(const QString &text)
    {
        m_names.clear();
        KSyntaxHighlighting::State state;
        for (const QString &line : text.split(u'\n')) {
            m_lineStart = int(m_names.size());
            m_names.resize(m_names.size() + line.size());
            state = highlightLine(line, state);
            m_names.append(QString()); // the line break
        }
        m_names.removeLast();
        return m_names;
    }

protected:
    void applyFormat(int offset, int length, const KSyntaxHighlighting::Format &format) override
    {
        for (int i = offset; i < offset + length; ++i) {
            m_names[m_lineStart + i] = format.name();
        }
    }

private:
    QStringList m_names;
    int m_lineStart = 0;
};

// WCAG relative luminance contrast ratio.
double contrast(const QColor &a, const QColor &b)
{
    const auto luminance = [](const QColor &c) {
        const auto channel = [](double v) { return v <= 0.03928 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
    };
    const double la = luminance(a);
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

} // namespace

class ReaderViewTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newsTextDefinitionIsFound();
    void newsTextSyntax_data();
    void newsTextSyntax();
    void layoutMapsBodyOffsets();
    void crlfBodyMapsOffsets();
    void mentionsCarryEntityHighlight_data();
    void mentionsCarryEntityHighlight();
    void syntaxFormatsStayUnderMentions();
    void emphasisedEntities();
    void jumpToNextMentionWraps();
    void findCountsAndMoves();
    void findBarKeys();
    void themesKeepEntityHighlights();
    void sourceViewShowsRawText_data();
    void sourceViewShowsRawText();
    void zoomChangesFontSize();
    void clearEmptiesTheView();
    void neverLoadsRemoteResources();
};

void ReaderViewTest::newsTextDefinitionIsFound()
{
    const auto def = Ui::syntaxRepository().definitionForName(Ui::newsTextDefinitionName());
    QVERIFY(def.isValid());
    QVERIFY2(def.filePath().startsWith(QLatin1String(":/dossier/syntax/")), qPrintable(def.filePath()));
    QVERIFY(Ui::syntaxRepository().definitionForName(QStringLiteral("HTML")).isValid());
    QVERIFY(Ui::syntaxRepository().definitionForName(QStringLiteral("Markdown")).isValid());
}

void ReaderViewTest::newsTextSyntax_data()
{
    QTest::addColumn<QString>("body"); // follows "Headline\nmeta line\n\n"
    QTest::addColumn<QString>("span");
    QTest::addColumn<QString>("attribute");
    QTest::newRow("dateline dash") << QStringLiteral("LONDON — The talks went on.") << QStringLiteral("LONDON —")
                                   << QStringLiteral("Dateline");
    QTest::newRow("dateline comma") << QStringLiteral("NEW YORK, March 4 (AP) - Shares fell.")
                                    << QStringLiteral("NEW YORK,") << QStringLiteral("Dateline");
    QTest::newRow("dateline agency") << QStringLiteral("PARIS (Reuters) — Talks resumed.")
                                     << QStringLiteral("PARIS (Reuters) —") << QStringLiteral("Dateline");
    QTest::newRow("no dateline in later paragraphs")
        << QStringLiteral("It rained.\n\nLONDON — again.") << QStringLiteral("LONDON") << QStringLiteral("Normal Text");
    QTest::newRow("straight quote") << QStringLiteral("He said \"we will win\" twice.")
                                    << QStringLiteral("\"we will win\"") << QStringLiteral("Quotation");
    QTest::newRow("curly quote") << QStringLiteral("She said “no comment” today.") << QStringLiteral("“no comment”")
                                 << QStringLiteral("Quotation");
    QTest::newRow("after quote") << QStringLiteral("She said “no” today.") << QStringLiteral("today")
                                 << QStringLiteral("Normal Text");
    QTest::newRow("dollars") << QStringLiteral("a $2.8 billion deal") << QStringLiteral("$2.8 billion")
                             << QStringLiteral("Money");
    QTest::newRow("euros") << QStringLiteral("raised €40 million from") << QStringLiteral("€40 million")
                           << QStringLiteral("Money");
    QTest::newRow("pounds") << QStringLiteral("cost £300,000 each") << QStringLiteral("£300,000")
                            << QStringLiteral("Money");
    QTest::newRow("currency word") << QStringLiteral("paid 500 million euros in fines")
                                   << QStringLiteral("500 million euros") << QStringLiteral("Money");
    QTest::newRow("percent sign") << QStringLiteral("fell to 4.5% in May") << QStringLiteral("4.5%")
                                  << QStringLiteral("Percentage");
    QTest::newRow("per cent") << QStringLiteral("rose 12 per cent") << QStringLiteral("12 per cent")
                              << QStringLiteral("Percentage");
    QTest::newRow("date dmy") << QStringLiteral("on 12 March 2026 the") << QStringLiteral("12 March 2026")
                              << QStringLiteral("Date");
    QTest::newRow("date mdy abbreviated")
        << QStringLiteral("on Mar. 4, 2026, officials") << QStringLiteral("Mar. 4, 2026") << QStringLiteral("Date");
    QTest::newRow("date iso") << QStringLiteral("dated 2026-03-04 in") << QStringLiteral("2026-03-04")
                              << QStringLiteral("Date");
    QTest::newRow("month as word") << QStringLiteral("it may be that May is late") << QStringLiteral("May")
                                   << QStringLiteral("Normal Text");
    QTest::newRow("number") << QStringLiteral("some 1,200 people") << QStringLiteral("1,200")
                            << QStringLiteral("Number");
    QTest::newRow("digits inside a word")
        << QStringLiteral("the A320neo jet") << QStringLiteral("A320neo") << QStringLiteral("Normal Text");
    QTest::newRow("url") << QStringLiteral("see https://example.com/a?b=1. Then")
                         << QStringLiteral("https://example.com/a?b=1") << QStringLiteral("URL");
    QTest::newRow("citation") << QStringLiteral("as claimed[2] before") << QStringLiteral("[2]")
                              << QStringLiteral("Citation");
}

void ReaderViewTest::newsTextSyntax()
{
    QFETCH(QString, body);
    QFETCH(QString, span);
    QFETCH(QString, attribute);
    const QString head = QStringLiteral("A headline\nThe Source · 2026-03-04\n\n");
    const QStringList names = AttributeRecorder().run(head + body);
    QCOMPARE(names.at(0), QStringLiteral("Headline"));
    QCOMPARE(names.at(int(head.indexOf(u'·'))), QStringLiteral("Front Matter"));
    const qsizetype at = body.lastIndexOf(span);
    QVERIFY(at >= 0);
    for (qsizetype i = at; i < at + span.size(); ++i) {
        QVERIFY2(names.at(head.size() + i) == attribute,
            qPrintable(QStringLiteral("%1 at %2: %3").arg(body.at(i)).arg(i).arg(names.at(head.size() + i))));
    }
    // The span ends where the rule says: the next character has another attribute (or is a space in the text).
    if (at + span.size() < body.size() && attribute != QLatin1String("Normal Text")
        && attribute != QLatin1String("Quotation")) {
        QVERIFY(names.at(head.size() + at + span.size()) != attribute);
    }
}

void ReaderViewTest::layoutMapsBodyOffsets()
{
    Ui::ReaderView view;
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    const QString text = view.document()->toPlainText();
    QVERIFY(text.startsWith(QStringLiteral("Acme agrees to buy rival\nThe Daily Test · 2026-03-12 · London · "
                                           "/tmp/news/acme-deal.txt\n\n")));
    QVERIFY(text.endsWith(article.body));
    for (const Core::Mention &m : article.mentions) {
        const int start = view.bodyPosition(m.start);
        QCOMPARE(text.mid(start, m.end - m.start), article.body.mid(m.start, m.end - m.start));
    }
}

void ReaderViewTest::crlfBodyMapsOffsets()
{
    Ui::ReaderView view;
    const Core::Article article = sampleArticle(QStringLiteral("\r\n\r\n"));
    view.showArticle(article);
    const QString text = view.document()->toPlainText();
    const Core::Mention last = article.mentions.constLast();
    for (const Core::Mention &m : article.mentions) {
        QCOMPARE(text.mid(view.bodyPosition(m.start), m.end - m.start), article.body.mid(m.start, m.end - m.start));
    }
    const QTextCharFormat f = formatAt(view.document(), view.bodyPosition(last.start));
    QCOMPARE(f.property(ArticleHighlighter::EntityTypeProperty).toInt(), int(last.type));
}

void ReaderViewTest::mentionsCarryEntityHighlight_data()
{
    QTest::addColumn<QString>("surface");
    QTest::addColumn<int>("nth");
    QTest::addColumn<int>("type");
    QTest::addColumn<qint64>("id");
    QTest::newRow("person") << QStringLiteral("Alice Smith") << 0 << int(Core::EntityType::Person) << AliceId;
    QTest::newRow("person again") << QStringLiteral("Alice Smith") << 1 << int(Core::EntityType::Person) << AliceId;
    QTest::newRow("org") << QStringLiteral("Acme Corp") << 0 << int(Core::EntityType::Org) << AcmeId;
    QTest::newRow("location") << QStringLiteral("Paris") << 0 << int(Core::EntityType::Location) << ParisId;
    QTest::newRow("date") << QStringLiteral("12 March 2026") << 0 << int(Core::EntityType::Date) << DateId;
    QTest::newRow("money") << QStringLiteral("$2.8 billion") << 0 << int(Core::EntityType::Money) << MoneyId;
}

void ReaderViewTest::mentionsCarryEntityHighlight()
{
    QFETCH(QString, surface);
    QFETCH(int, nth);
    QFETCH(int, type);
    QFETCH(qint64, id);
    Ui::ReaderView view;
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    QCoreApplication::processEvents();
    const int start = docPosition(view, article, surface, nth);
    QVERIFY(start > 0);
    const QColor themeBackground = view.textEdit()->palette().color(QPalette::Base);
    QColor first;
    for (int pos = start; pos < start + surface.size(); ++pos) {
        const QTextCharFormat f = formatAt(view.document(), pos);
        QCOMPARE(f.property(ArticleHighlighter::EntityTypeProperty).toInt(), type);
        QCOMPARE(f.property(ArticleHighlighter::EntityIdProperty).toLongLong(), id);
        QCOMPARE(f.property(ArticleHighlighter::EmphasisedProperty).toBool(), false);
        QVERIFY(f.background().style() != Qt::NoBrush);
        QVERIFY(f.background().color() != themeBackground);
        if (!first.isValid()) {
            first = f.background().color();
        }
        QCOMPARE(f.background().color(), first);
    }
    // Outside the mention there is no entity format.
    QVERIFY(!formatAt(view.document(), start - 1).hasProperty(ArticleHighlighter::EntityTypeProperty));
    QVERIFY(
        !formatAt(view.document(), start + int(surface.size())).hasProperty(ArticleHighlighter::EntityTypeProperty));
}

void ReaderViewTest::syntaxFormatsStayUnderMentions()
{
    Ui::ReaderView view;
    view.setTheme(QStringLiteral("Breeze Light"));
    QCOMPARE(view.theme(), QStringLiteral("Breeze Light"));
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    const Theme theme = Ui::syntaxRepository().theme(QStringLiteral("Breeze Light"));
    const QTextDocument *doc = view.document();

    // Headline: bold and larger than the body.
    const QTextCharFormat headline = formatAt(doc, 0);
    QCOMPARE(headline.fontWeight(), int(QFont::Bold));
    QVERIFY(headline.fontPointSize() > doc->defaultFont().pointSizeF());
    // Dateline opening the body.
    const QTextCharFormat dateline = formatAt(doc, view.bodyPosition(0));
    QCOMPARE(dateline.fontWeight(), int(QFont::Bold));
    QCOMPARE(dateline.foreground().color(), QColor::fromRgb(theme.textColor(Theme::Function)));
    // A quotation.
    const QTextCharFormat quote = formatAt(doc, docPosition(view, article, QStringLiteral("We are")));
    QCOMPARE(quote.foreground().color(), QColor::fromRgb(theme.textColor(Theme::String)));
    // A percentage, a URL and a citation marker that are not mentions.
    QCOMPARE(formatAt(doc, docPosition(view, article, QStringLiteral("12%"))).foreground().color(),
        QColor::fromRgb(theme.textColor(Theme::BaseN)));
    QVERIFY(formatAt(doc, docPosition(view, article, QStringLiteral("example.org"))).fontUnderline());
    QCOMPARE(formatAt(doc, docPosition(view, article, QStringLiteral("[1]"))).foreground().color(),
        QColor::fromRgb(theme.textColor(Theme::Annotation)));
    // The date mention keeps the date colour of the syntax under its entity tint.
    const QTextCharFormat date = formatAt(doc, docPosition(view, article, QStringLiteral("March")));
    QCOMPARE(date.foreground().color(), QColor::fromRgb(theme.textColor(Theme::Constant)));
    QCOMPARE(date.property(ArticleHighlighter::EntityTypeProperty).toInt(), int(Core::EntityType::Date));
    // So does the money mention.
    const QTextCharFormat money = formatAt(doc, docPosition(view, article, QStringLiteral("2.8")));
    QCOMPARE(money.foreground().color(), QColor::fromRgb(theme.textColor(Theme::Float)));
    QCOMPARE(money.property(ArticleHighlighter::EntityTypeProperty).toInt(), int(Core::EntityType::Money));
}

void ReaderViewTest::emphasisedEntities()
{
    Ui::ReaderView view;
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    const int alice = docPosition(view, article, QStringLiteral("Alice Smith"), 1);
    const int acme = docPosition(view, article, QStringLiteral("Acme Corp"));
    const QColor plainBackground = formatAt(view.document(), alice).background().color();

    view.setEmphasisedEntities({ AliceId });
    QCOMPARE(view.emphasisedEntities(), QSet<qint64>({ AliceId }));
    QCoreApplication::processEvents();
    for (int nth = 0; nth < 2; ++nth) {
        const QTextCharFormat f = formatAt(view.document(), docPosition(view, article, QStringLiteral("Alice"), nth));
        QVERIFY(f.property(ArticleHighlighter::EmphasisedProperty).toBool());
        QCOMPARE(f.fontWeight(), int(QFont::Bold));
        QVERIFY(f.fontUnderline());
        QVERIFY(f.background().color() != plainBackground);
    }
    const QTextCharFormat other = formatAt(view.document(), acme);
    QVERIFY(!other.property(ArticleHighlighter::EmphasisedProperty).toBool());
    QVERIFY(!other.fontUnderline());

    view.setEmphasisedEntities({ AcmeId });
    QVERIFY(!formatAt(view.document(), alice).property(ArticleHighlighter::EmphasisedProperty).toBool());
    QCOMPARE(formatAt(view.document(), alice).background().color(), plainBackground);
    QVERIFY(formatAt(view.document(), acme).property(ArticleHighlighter::EmphasisedProperty).toBool());
}

void ReaderViewTest::jumpToNextMentionWraps()
{
    Ui::ReaderView view;
    view.resize(400, 200);
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    const int first = docPosition(view, article, QStringLiteral("Alice Smith"), 0);
    const int second = docPosition(view, article, QStringLiteral("Alice Smith"), 1);

    QVERIFY(view.jumpToNextMention(AliceId));
    QCOMPARE(view.textEdit()->textCursor().selectionStart(), first);
    QCOMPARE(view.textEdit()->textCursor().selectedText(), QStringLiteral("Alice Smith"));
    QVERIFY(view.jumpToNextMention(AliceId));
    QCOMPARE(view.textEdit()->textCursor().selectionStart(), second);
    QVERIFY(view.jumpToNextMention(AliceId));
    QCOMPARE(view.textEdit()->textCursor().selectionStart(), first);

    // From a cursor placed after the first Acme mention, the next one is the second.
    QTextCursor cursor(view.document());
    cursor.setPosition(docPosition(view, article, QStringLiteral("Acme Corp"), 0) + 2);
    view.textEdit()->setTextCursor(cursor);
    QVERIFY(view.jumpToNextMention(AcmeId));
    QCOMPARE(
        view.textEdit()->textCursor().selectionStart(), docPosition(view, article, QStringLiteral("Acme Corp"), 1));

    QVERIFY(!view.jumpToNextMention(999));
}

void ReaderViewTest::findCountsAndMoves()
{
    Ui::ReaderView view;
    view.show();
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    view.showFindBar();
    auto *bar = view.findChild<Ui::FindBar *>(QStringLiteral("findBar"));
    auto *field = view.findChild<QLineEdit *>(QStringLiteral("findText"));
    auto *status = view.findChild<QLabel *>(QStringLiteral("findStatus"));
    QVERIFY(bar && field && status);
    QVERIFY(bar->isVisible());

    // "Acme" occurs in the title, the path, twice in the body and in a URL, case-insensitively.
    field->setText(QStringLiteral("Acme"));
    QCOMPARE(status->text(), QStringLiteral("1 of 5"));
    QCOMPARE(view.textEdit()->textCursor().selectionStart(), 0);
    view.findNext();
    QCOMPARE(status->text(), QStringLiteral("2 of 5"));
    QCOMPARE(view.textEdit()->textCursor().selectedText(), QStringLiteral("acme")); // in the path
    view.findNext();
    QCOMPARE(status->text(), QStringLiteral("3 of 5"));
    QCOMPARE(view.textEdit()->textCursor().selectionStart(), docPosition(view, article, QStringLiteral("Acme"), 0));
    view.findPrevious();
    view.findPrevious();
    view.findPrevious();
    QCOMPARE(status->text(), QStringLiteral("5 of 5"));
    QCOMPARE(view.textEdit()->textCursor().selectedText(), QStringLiteral("acme")); // in the URL
    QCOMPARE(view.textEdit()->extraSelections().size(), 5);
    view.findNext();
    QCOMPARE(status->text(), QStringLiteral("1 of 5"));

    auto *matchCase = view.findChild<QAbstractButton *>(QStringLiteral("findMatchCase"));
    QVERIFY(matchCase);
    matchCase->setChecked(true);
    QCOMPARE(status->text(), QStringLiteral("1 of 3"));

    field->setText(QStringLiteral("zebra"));
    QCOMPARE(status->text(), QStringLiteral("No matches"));
    QVERIFY(view.textEdit()->extraSelections().isEmpty());
}

void ReaderViewTest::findBarKeys()
{
    Ui::ReaderView view;
    view.show();
    view.showArticle(sampleArticle());
    QVERIFY(view.findAction()->shortcut().matches(QKeySequence(QKeySequence::Find)) == QKeySequence::ExactMatch);
    view.findAction()->trigger();
    auto *bar = view.findChild<Ui::FindBar *>(QStringLiteral("findBar"));
    auto *field = view.findChild<QLineEdit *>(QStringLiteral("findText"));
    auto *status = view.findChild<QLabel *>(QStringLiteral("findStatus"));
    QVERIFY(bar->isVisible());
    QTest::keyClicks(field, QStringLiteral("Smith"));
    QCOMPARE(status->text(), QStringLiteral("1 of 2"));
    QCOMPARE(view.textEdit()->extraSelections().size(), 2);
    QTest::keyClick(field, Qt::Key_Return);
    QCOMPARE(status->text(), QStringLiteral("2 of 2"));
    QTest::keyClick(field, Qt::Key_Return, Qt::ShiftModifier);
    QCOMPARE(status->text(), QStringLiteral("1 of 2"));
    QTest::keyClick(field, Qt::Key_Escape);
    QVERIFY(!bar->isVisible());
    QVERIFY(view.textEdit()->extraSelections().isEmpty());
}

void ReaderViewTest::themesKeepEntityHighlights()
{
    Ui::ReaderView view;
    const Core::Article article = sampleArticle();
    view.showArticle(article);
    const QStringList names = view.themeNames();
    QVERIFY(names.size() > 2);
    QVERIFY(names.contains(QStringLiteral("Breeze Dark")));
    QVERIFY(!view.theme().isEmpty());

    const QList<std::pair<QString, int>> probes = {
        { QStringLiteral("Alice"), int(Core::EntityType::Person) },
        { QStringLiteral("Acme Corp"), int(Core::EntityType::Org) },
        { QStringLiteral("Paris"), int(Core::EntityType::Location) },
        { QStringLiteral("March"), int(Core::EntityType::Date) },
        { QStringLiteral("billion"), int(Core::EntityType::Money) },
    };
    view.setEmphasisedEntities({ ParisId });
    for (const QString &name : names) {
        view.setTheme(name);
        QCOMPARE(view.theme(), name);
        QCoreApplication::processEvents();
        const Theme theme = Ui::syntaxRepository().theme(name);
        const QColor background = QColor::fromRgb(theme.editorColor(Theme::BackgroundColor));
        QCOMPARE(view.textEdit()->palette().color(QPalette::Base), background);
        QSet<QRgb> tints;
        for (const auto &[surface, type] : probes) {
            const QTextCharFormat f = formatAt(view.document(), docPosition(view, article, surface));
            QCOMPARE(f.property(ArticleHighlighter::EntityTypeProperty).toInt(), type);
            const QColor tint = f.background().color();
            QVERIFY2(tint != background, qPrintable(name));
            tints.insert(tint.rgb());
            // Readable: the text over the tint keeps a usable contrast.
            const QColor text = f.foreground().style() != Qt::NoBrush ? f.foreground().color()
                                                                      : QColor::fromRgb(theme.textColor(Theme::Normal));
            QVERIFY2(contrast(text, tint) >= 3.0,
                qPrintable(QStringLiteral("%1: %2 contrast %3").arg(name, surface).arg(contrast(text, tint))));
        }
        QCOMPARE(tints.size(), probes.size()); // one colour per type
    }
    view.setTheme(QString());
    QCOMPARE(view.theme(), Ui::syntaxRepository().themeForPalette(view.palette()).name());
}

void ReaderViewTest::sourceViewShowsRawText_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("rawText");
    QTest::addColumn<bool>("highlighted");
    QTest::newRow("text") << QStringLiteral("text") << QStringLiteral("Headline\n\nBody text.\n") << false;
    QTest::newRow("html") << QStringLiteral(
        "html") << QStringLiteral("<html><head><title>T</title></head>\n<body><p class=\"x\">Body</p></body></html>\n")
                          << true;
    QTest::newRow("markdown") << QStringLiteral("markdown") << QStringLiteral("# Headline\n\n**Body** text.\n") << true;
}

void ReaderViewTest::sourceViewShowsRawText()
{
    QFETCH(QString, format);
    QFETCH(QString, rawText);
    QFETCH(bool, highlighted);
    Ui::ReaderView view;
    Core::Article article = sampleArticle();
    article.format = format;
    article.rawText = rawText;
    view.showArticle(article);
    const QString articleText = view.document()->toPlainText();

    view.setShowSource(true);
    QVERIFY(view.showsSource());
    QCOMPARE(view.document()->toPlainText(), rawText);
    QCoreApplication::processEvents();
    bool anyFormat = false;
    for (QTextBlock block = view.document()->firstBlock(); block.isValid(); block = block.next()) {
        for (const auto &range : block.layout()->formats()) {
            anyFormat = anyFormat || range.format.foreground().style() != Qt::NoBrush
                || range.format.fontWeight() > QFont::Normal;
            QVERIFY(!range.format.hasProperty(ArticleHighlighter::EntityTypeProperty));
        }
    }
    if (highlighted) {
        QVERIFY(anyFormat);
    }

    view.setShowSource(false);
    QCOMPARE(view.document()->toPlainText(), articleText);
    // A new article while the source is shown shows that article's source.
    view.setShowSource(true);
    article.rawText = QStringLiteral("other file");
    view.showArticle(article);
    QCOMPARE(view.document()->toPlainText(), QStringLiteral("other file"));
    // Jumping to a mention goes back to the article.
    QVERIFY(view.jumpToNextMention(AliceId));
    QVERIFY(!view.showsSource());
    QCOMPARE(view.textEdit()->textCursor().selectedText(), QStringLiteral("Alice Smith"));
}

void ReaderViewTest::zoomChangesFontSize()
{
    Ui::ReaderView view;
    view.showArticle(sampleArticle());
    const qreal base = view.textEdit()->font().pointSizeF();
    QVERIFY(base > 0);
    view.zoomIn();
    view.zoomIn();
    QCOMPARE(view.textEdit()->font().pointSizeF(), base + 2);
    QCOMPARE(view.document()->defaultFont().pointSizeF(), base + 2);
    QVERIFY(formatAt(view.document(), 0).fontPointSize() > base + 2); // the headline follows
    view.zoomOut();
    view.zoomOut();
    view.zoomOut();
    QCOMPARE(view.textEdit()->font().pointSizeF(), base - 1);
    view.setShowSource(true);
    QCOMPARE(view.document()->defaultFont().pointSizeF(), base - 1);
    view.resetZoom();
    QCOMPARE(view.textEdit()->font().pointSizeF(), base);
    QCOMPARE(view.document()->defaultFont().pointSizeF(), base);
}

void ReaderViewTest::clearEmptiesTheView()
{
    Ui::ReaderView view;
    view.showArticle(sampleArticle());
    view.clear();
    QVERIFY(view.document()->isEmpty());
    QVERIFY(!view.jumpToNextMention(AliceId));
}

void ReaderViewTest::neverLoadsRemoteResources()
{
    Test::ConnectionCounter server;
    QVERIFY(server.isListening());
    QVERIFY(Test::ConnectionCounter::connectTo(server.port())); // the counter does count
    QTRY_COMPARE(server.connections(), 1);
    // An application-wide resource provider that fetches what it is asked for: the reader's documents
    // must not use it, nor load anything remote themselves.
    QTextDocument::setDefaultResourceProvider([](const QUrl &url) {
        Test::ConnectionCounter::connectTo(url.port());
        return QVariant();
    });
    const auto resetProvider = qScopeGuard([] { QTextDocument::setDefaultResourceProvider({}); });
    const QString origin = QString::fromLatin1(server.origin());
    const QString remote = QStringLiteral("<link rel=\"stylesheet\" href=\"%1/style.css\"><script src=\"%1/app.js\">"
                                          "</script><img src=\"%1/photo.png\" srcset=\"%1/photo-2x.png 2x\">"
                                          "<iframe src=\"%1/frame.html\"></iframe>")
                               .arg(origin);

    Core::Article article = sampleArticle();
    article.format = QStringLiteral("html");
    article.path = QStringLiteral("/tmp/news/acme-deal.html");
    article.body += QStringLiteral("\n\n") + remote;
    article.rawText = QStringLiteral("<!DOCTYPE html><html><head>") + remote + QStringLiteral("</head><body><p>")
        + article.body + QStringLiteral("</p></body></html>");
    Ui::ReaderView view;
    view.resize(600, 400);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    view.showArticle(article);
    for (const bool source : { true, false }) {
        view.setShowSource(source);
        QTextDocument *doc = view.document();
        QVERIFY(doc->toPlainText().contains(origin + QStringLiteral("/photo.png")));
        // Rich text put into the document (its linked style sheet is loaded on import), and a direct request.
        QTextCursor cursor(doc);
        cursor.movePosition(QTextCursor::End);
        cursor.insertHtml(remote);
        QVERIFY(doc->resource(QTextDocument::ImageResource, QUrl(origin + QStringLiteral("/direct.png"))).isNull());
        QVERIFY(
            doc->resource(
                   QTextDocument::StyleSheetResource, QUrl(QStringLiteral("//127.0.0.1:%1/s.css").arg(server.port())))
                .isNull());
        view.repaint();
    }
    QTest::qWait(200);
    QCOMPARE(server.connections(), 1);
}

QTEST_MAIN(ReaderViewTest)
#include "readerview_test.moc"
