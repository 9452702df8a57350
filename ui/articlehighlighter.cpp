#include "articlehighlighter.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/Theme>
#include <QTextBlock>
#include <QTextDocument>

#include <algorithm>
#include <cmath>

namespace Dossier::Ui
{

using KSyntaxHighlighting::Theme;

KSyntaxHighlighting::Repository &syntaxRepository()
{
    static KSyntaxHighlighting::Repository repository;
    // The definitions we ship live in the ui library's resources under :/dossier/syntax.
    static const bool registered = [] {
        repository.addCustomSearchPath(QStringLiteral(":/dossier"));
        return true;
    }();
    Q_UNUSED(registered);
    return repository;
}

QString newsTextDefinitionName()
{
    return QStringLiteral("News Text");
}

namespace
{

constexpr int TypeCount = 5;

// Linear blend of \a over into \a base; keeps the result opaque so it does not depend on what lies below.
QColor blend(const QColor &base, const QColor &over, qreal amount)
{
    return QColor::fromRgbF(float(base.redF() + (over.redF() - base.redF()) * amount),
        float(base.greenF() + (over.greenF() - base.greenF()) * amount),
        float(base.blueF() + (over.blueF() - base.blueF()) * amount));
}

// WCAG contrast ratio of two colours.
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

// The strongest blend of \a shade into \a background, up to \a amount, over which every text colour keeps a
// contrast of \a minimum at least (or nearly as much as the theme itself gives it).
QColor readableTint(
    const QColor &background, const QColor &shade, qreal amount, const QList<QColor> &textColours, double minimum)
{
    for (; amount > 0.1; amount -= 0.03) {
        const QColor tint = blend(background, shade, amount);
        const bool readable = std::all_of(textColours.cbegin(), textColours.cend(), [&](const QColor &text) {
            return contrast(text, tint) >= std::min(minimum, contrast(text, background) * 0.9);
        });
        if (readable) {
            return tint;
        }
    }
    return blend(background, shade, 0.1);
}

} // namespace

ArticleHighlighter::ArticleHighlighter(QObject *parent)
    : KSyntaxHighlighting::SyntaxHighlighter(parent)
{
    // QSyntaxHighlighter(QObject *) attaches only to a QTextEdit parent, not to a document.
    if (auto *doc = qobject_cast<QTextDocument *>(parent)) {
        setDocument(doc);
    }
    setDefinition(syntaxRepository().definitionForName(newsTextDefinitionName()));
    updateFormats(theme());
}

ArticleHighlighter::~ArticleHighlighter() = default;

QColor ArticleHighlighter::typeColor(Core::EntityType type)
{
    switch (type) {
    case Core::EntityType::Person:
        return QColor(0x33, 0x7a, 0xf0); // blue
    case Core::EntityType::Org:
        return QColor(0xf0, 0x8c, 0x00); // orange
    case Core::EntityType::Location:
        return QColor(0x2b, 0xa8, 0x4a); // green
    case Core::EntityType::Date:
        return QColor(0xa0, 0x4e, 0xd0); // purple
    case Core::EntityType::Money:
        return QColor(0xe0, 0x3a, 0x7a); // pink
    }
    return QColor(Qt::gray);
}

void ArticleHighlighter::updateFormats(const KSyntaxHighlighting::Theme &current)
{
    QColor background
        = current.isValid() ? QColor::fromRgb(current.editorColor(Theme::BackgroundColor)) : QColor(Qt::white);
    if (!background.isValid()) {
        background = Qt::white;
    }
    // The text colours the news-text definition uses: a tint must keep all of them readable.
    QList<QColor> textColours;
    for (const auto style : { Theme::Normal, Theme::Keyword, Theme::Function, Theme::String, Theme::Constant,
             Theme::Float, Theme::BaseN, Theme::DecVal, Theme::Import, Theme::Annotation, Theme::Comment }) {
        textColours.append(current.isValid() ? QColor::fromRgb(current.textColor(style)) : QColor(Qt::black));
    }
    const bool dark = background.lightnessF() < 0.5;
    m_background = background;
    m_text = textColours.constFirst();
    m_plainFormats.clear();
    m_emphasisFormats.clear();
    for (int i = 0; i < TypeCount; ++i) {
        const auto type = Core::EntityType(i);
        const QColor hue = typeColor(type);
        // Tint with a shade near the background's own lightness, so the tint changes hue more than brightness.
        const QColor shade = QColor::fromHslF(hue.hslHueF(), hue.hslSaturationF(), dark ? 0.38f : 0.62f);
        QTextCharFormat plain;
        plain.setBackground(readableTint(background, shade, dark ? 0.45 : 0.35, textColours, 3.0));
        plain.setProperty(EntityTypeProperty, i);
        plain.setProperty(EmphasisedProperty, false);
        m_plainFormats.append(plain);

        QTextCharFormat strong = plain;
        // Emphasis draws in the normal text colour, so the tint only has to keep that one readable and can be stronger.
        strong.setForeground(textColours.constFirst());
        strong.setBackground(readableTint(background, shade, dark ? 0.75 : 0.6, { textColours.constFirst() }, 4.5));
        strong.setFontWeight(QFont::Bold);
        strong.setFontUnderline(true);
        strong.setUnderlineColor(dark ? hue.lighter(130) : hue.darker(130));
        strong.setProperty(EmphasisedProperty, true);
        m_emphasisFormats.append(strong);
    }
}

QTextCharFormat ArticleHighlighter::mentionFormat(Core::EntityType type, bool emphasised) const
{
    const int i = std::clamp(int(type), 0, TypeCount - 1);
    return emphasised ? m_emphasisFormats.at(i) : m_plainFormats.at(i);
}

void ArticleHighlighter::setTheme(const KSyntaxHighlighting::Theme &theme)
{
    // Before the base class, which rehighlights when the theme changes.
    updateFormats(theme);
    KSyntaxHighlighting::SyntaxHighlighter::setTheme(theme);
}

void ArticleHighlighter::setMentions(QList<MentionSpan> mentions)
{
    std::sort(
        mentions.begin(), mentions.end(), [](const MentionSpan &a, const MentionSpan &b) { return a.start < b.start; });
    m_longestMention = 0;
    for (const MentionSpan &m : std::as_const(mentions)) {
        m_longestMention = std::max(m_longestMention, m.end - m.start);
    }
    m_mentions = std::move(mentions);
    rehighlight();
}

QSet<qint64> ArticleHighlighter::emphasised() const
{
    return m_emphasised;
}

void ArticleHighlighter::setEmphasised(const QSet<qint64> &entityIds)
{
    QSet<qint64> changed = entityIds;
    changed.unite(m_emphasised);
    changed.subtract(QSet<qint64>(entityIds).intersect(m_emphasised));
    m_emphasised = entityIds;
    if (changed.isEmpty() || !document()) {
        return;
    }
    int lastBlock = -1;
    for (const MentionSpan &m : std::as_const(m_mentions)) {
        if (!changed.contains(m.entityId)) {
            continue;
        }
        for (QTextBlock block = document()->findBlock(m.start); block.isValid() && block.position() < m.end;
            block = block.next()) {
            if (block.blockNumber() > lastBlock) {
                rehighlightBlock(block);
                lastBlock = block.blockNumber();
            }
        }
    }
}

void ArticleHighlighter::setLargeHeadline(bool large)
{
    if (m_largeHeadline == large) {
        return;
    }
    m_largeHeadline = large;
    if (document()) {
        rehighlightBlock(document()->firstBlock());
    }
}

void ArticleHighlighter::setHighlights(QList<HighlightSpan> highlights)
{
    std::sort(highlights.begin(), highlights.end(), [](const HighlightSpan &a, const HighlightSpan &b) {
        return a.start < b.start || (a.start == b.start && a.end > b.end);
    });
    m_highlights = std::move(highlights);
    rehighlight();
}

QList<HighlightSpan> ArticleHighlighter::highlights() const
{
    return m_highlights;
}

void ArticleHighlighter::paintHighlights(int blockStart, int blockEnd)
{
    // The pieces of this block between highlight boundaries, each painted by what covers it.
    QList<const HighlightSpan *> here;
    QList<int> edges { blockStart, blockEnd };
    for (const HighlightSpan &h : std::as_const(m_highlights)) {
        if (h.start >= blockEnd) {
            break;
        }
        if (h.end <= blockStart || h.end <= h.start) {
            continue;
        }
        here.append(&h);
        edges.append(std::max(h.start, blockStart));
        edges.append(std::min(h.end, blockEnd));
    }
    if (here.isEmpty()) {
        return;
    }
    std::sort(edges.begin(), edges.end());
    edges.erase(std::unique(edges.begin(), edges.end()), edges.end());
    const bool dark = m_background.lightnessF() < 0.5;
    for (int e = 0; e + 1 < edges.size(); ++e) {
        const int from = edges.at(e);
        const int to = edges.at(e + 1);
        const HighlightSpan *inner = nullptr;
        const HighlightSpan *outer = nullptr;
        for (const HighlightSpan *h : std::as_const(here)) {
            if (h->start > from || h->end < to) {
                continue;
            }
            if (!inner || h->start > inner->start || (h->start == inner->start && h->end < inner->end)) {
                outer = inner ? inner : outer;
                inner = h;
            } else if (!outer || h->start < outer->start) {
                outer = h;
            }
        }
        if (!inner) {
            continue;
        }
        const QColor tint = readableTint(m_background, inner->color, dark ? 0.55 : 0.6, { m_text }, 4.5);
        for (int i = from - blockStart; i < to - blockStart;) {
            const QTextCharFormat base = format(i);
            int runEnd = i + 1;
            while (runEnd < to - blockStart && format(runEnd) == base) {
                ++runEnd;
            }
            QTextCharFormat merged = base;
            merged.setBackground(tint);
            merged.setProperty(AnnotationIdProperty, inner->annotationId);
            merged.setProperty(AnnotationColorProperty, inner->color);
            merged.setProperty(OverlapProperty, outer != nullptr);
            if (outer) {
                merged.setUnderlineStyle(QTextCharFormat::DashUnderline);
                merged.setUnderlineColor(outer->color);
            } else if (base.hasProperty(EntityTypeProperty) && !base.fontUnderline()) {
                // The highlight hides the mention's tint: a dotted underline in its type's colour keeps it visible.
                merged.setUnderlineStyle(QTextCharFormat::DotLine);
                merged.setUnderlineColor(typeColor(Core::EntityType(base.property(EntityTypeProperty).toInt())));
            }
            setFormat(i, runEnd - i, merged);
            i = runEnd;
        }
    }
}

void ArticleHighlighter::highlightBlock(const QString &text)
{
    KSyntaxHighlighting::SyntaxHighlighter::highlightBlock(text);

    const QTextBlock block = currentBlock();
    if (m_largeHeadline && block.blockNumber() == 0 && !text.isEmpty()) {
        const qreal size = document()->defaultFont().pointSizeF();
        if (size > 0) {
            for (int i = 0; i < text.size(); ++i) {
                QTextCharFormat f = format(i);
                f.setFontPointSize(size * 1.4);
                f.setFontWeight(QFont::Bold);
                setFormat(i, 1, f);
            }
        }
    }

    const int blockStart = block.position();
    const int blockEnd = blockStart + int(text.size());
    if (m_mentions.isEmpty()) {
        paintHighlights(blockStart, blockEnd);
        return;
    }
    // Mentions may overlap, so search from the earliest start that could still reach into this block.
    auto it = std::lower_bound(m_mentions.cbegin(), m_mentions.cend(), blockStart - m_longestMention,
        [](const MentionSpan &m, int pos) { return m.start < pos; });
    for (; it != m_mentions.cend() && it->start < blockEnd; ++it) {
        const int from = std::max(it->start, blockStart) - blockStart;
        const int to = std::min(it->end, blockEnd) - blockStart;
        if (from >= to) {
            continue;
        }
        QTextCharFormat overlay = mentionFormat(it->type, m_emphasised.contains(it->entityId));
        overlay.setProperty(EntityIdProperty, it->entityId);
        // Merge run by run so the syntax colours (foreground, italics) stay under the tint.
        int runStart = from;
        while (runStart < to) {
            const QTextCharFormat base = format(runStart);
            int runEnd = runStart + 1;
            while (runEnd < to && format(runEnd) == base) {
                ++runEnd;
            }
            QTextCharFormat merged = base;
            merged.merge(overlay);
            setFormat(runStart, runEnd - runStart, merged);
            runStart = runEnd;
        }
    }
    paintHighlights(blockStart, blockEnd);
}

} // namespace Dossier::Ui
