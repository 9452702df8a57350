#pragma once

#include "article.h"

#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <QList>
#include <QSet>
#include <QTextCharFormat>

namespace KSyntaxHighlighting
{
class Repository;
}

namespace Dossier::Ui
{

/*! \brief The application's one syntax repository; it also finds Dossier's own definitions (news text). */
KSyntaxHighlighting::Repository &syntaxRepository();

/*! \brief The name of the definition we ship in resources/syntax/news-text.xml. */
QString newsTextDefinitionName();

/*! \brief An entity mention in document positions (UTF-16), with the library id of its entity. */
struct MentionSpan {
    int start = 0;
    int end = 0;
    Core::EntityType type = Core::EntityType::Person;
    qint64 entityId = -1;
};

/*! \brief An analyst's highlight in document positions, with its colour and annotation id. */
struct HighlightSpan {
    int start = 0;
    int end = 0;
    QColor color;
    qint64 annotationId = -1;
};

/*! \brief Highlights an article with the news-text definition and paints entity mentions on top of it.

    Mentions get a background tint per entity type, blended with the theme's background so that it
    reads in light and dark themes alike; emphasised entities get a stronger tint, bold and an underline.
    The formats carry the properties below so that tools and tests can tell what was painted. */
class ArticleHighlighter final : public KSyntaxHighlighting::SyntaxHighlighter
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ArticleHighlighter)
public:
    enum Property {
        EntityTypeProperty = QTextFormat::UserProperty + 1, //!< int(Core::EntityType) on mention text
        EntityIdProperty, //!< qint64 library entity id on mention text
        EmphasisedProperty, //!< true on mentions of emphasised entities
        AnnotationIdProperty, //!< qint64 id of the (innermost) annotation over the text
        AnnotationColorProperty, //!< QColor of that annotation (before blending with the theme)
        OverlapProperty, //!< true where two or more highlights overlap
    };

    /*! Attaches to \a parent when it is a QTextDocument. */
    explicit ArticleHighlighter(QObject *parent = nullptr);
    ~ArticleHighlighter() override;

    /*! Sets the mentions (need not be sorted) and rehighlights. */
    void setMentions(QList<MentionSpan> mentions);
    /*! Rehighlights only the blocks holding mentions whose emphasis changed. */
    void setEmphasised(const QSet<qint64> &entityIds);
    QSet<qint64> emphasised() const;
    /*! Sets the analyst's highlights (need not be sorted; may overlap) and rehighlights. They are
        painted over syntax and mentions: the innermost highlight's colour, blended for legibility,
        with a dashed underline in the outer one's colour where two overlap. */
    void setHighlights(QList<HighlightSpan> highlights);
    QList<HighlightSpan> highlights() const;
    /*! Draws the first block (the headline) larger than the document's default font. */
    void setLargeHeadline(bool large);

    void setTheme(const KSyntaxHighlighting::Theme &theme) override;

    /*! The format painted over mentions of \a type under the current theme. */
    QTextCharFormat mentionFormat(Core::EntityType type, bool emphasised) const;
    /*! A distinct hue per entity type, before blending with the theme. */
    static QColor typeColor(Core::EntityType type);

protected:
    void highlightBlock(const QString &text) override;

private:
    void updateFormats(const KSyntaxHighlighting::Theme &theme);

    void paintHighlights(int blockStart, int blockEnd);

    QList<MentionSpan> m_mentions; // sorted by start
    QList<HighlightSpan> m_highlights; // sorted by start
    QColor m_background = Qt::white;
    QColor m_text = Qt::black;
    int m_longestMention = 0;
    QSet<qint64> m_emphasised;
    bool m_largeHeadline = false;
    QList<QTextCharFormat> m_plainFormats; // per entity type
    QList<QTextCharFormat> m_emphasisFormats;
};

} // namespace Dossier::Ui
