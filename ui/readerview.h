#pragma once

#include "annotations/annotation.h"
#include "article.h"
#include "store/duplicatestore.h"

#include <QFont>
#include <QList>
#include <QSet>
#include <QWidget>

#include <utility>

class QAction;
class QLabel;
class QPlainTextEdit;
class QTextDocument;

namespace KSyntaxHighlighting
{
class SyntaxHighlighter;
class Theme;
} // namespace KSyntaxHighlighting

namespace Dossier::Ui
{

class ArticleHighlighter;
class FindBar;

/*! \brief The reader pane: one article as plain, read-only text with syntax and entity highlighting.

    The article view lays out the title, a metadata line and the body as plain text; body mentions are
    painted over the news-text syntax colours. The source view shows the original file text highlighted
    with KSyntaxHighlighting's definition for its format. Nothing is ever rendered as HTML, so no remote
    resource is ever loaded. */
class ReaderView final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ReaderView)
public:
    explicit ReaderView(QWidget *parent = nullptr);
    ~ReaderView() override;

    /*! Shows \a article: title, "source · date · dateline · path", then the body. */
    void showArticle(const Dossier::Core::Article &article);
    void clear();

    /*! Mentions of these entities (Entity::id) are emphasised. */
    void setEmphasisedEntities(const QSet<qint64> &entityIds);
    QSet<qint64> emphasisedEntities() const;
    /*! Selects the next mention of \a entityId after the cursor, wrapping, and scrolls to it.
        Returns false when the article has no mention of it. */
    bool jumpToNextMention(qint64 entityId);

    /*! The names of the KSyntaxHighlighting themes. */
    QStringList themeNames() const;
    /*! Uses the theme \a name; an empty or unknown name goes back to the default for the palette. */
    void setTheme(const QString &name);
    QString theme() const;

    /*! Shows the original file text (Article::rawText) instead of the laid-out article. */
    void setShowSource(bool source);
    bool showsSource() const;

    /*! Document position of body offset \a bodyOffset in the article view (-1 when out of range). */
    int bodyPosition(qsizetype bodyOffset) const;
    /*! Body offset of document position \a position in the article view (-1 outside the body). */
    qsizetype bodyOffsetAt(int position) const;

    /*! Paints the article's annotations (orphaned ones are not in the text and are skipped). */
    void setAnnotations(const QList<Dossier::Core::Annotation> &annotations, const QList<Dossier::Core::Tag> &codebook);
    QList<Dossier::Core::Annotation> annotations() const;
    /*! Shows the highlights made on the article's other copies where their passages are in this
        text (Core::DuplicateStore::annotationsFromCopies()): read-only, as a dashed underline in
        their colour, with "from copy: TITLE" as the tooltip. Cleared when another article is shown. */
    void setCopyAnnotations(
        const QList<Dossier::Core::CopyAnnotation> &annotations, const QList<Dossier::Core::Tag> &codebook);
    QList<Dossier::Core::CopyAnnotation> copyAnnotations() const;
    /*! The tooltip of the copies' highlights at body offset \a bodyOffset, one line each
        ("from copy: TITLE", and the note); empty where there is none. */
    QString copyAnnotationToolTip(qsizetype bodyOffset) const;
    /*! The selected part of the body as [start, end) body offsets, trimmed of surrounding white space;
        empty (start == end) when nothing of the body is selected or the source view is shown. */
    std::pair<qsizetype, qsizetype> selectedBodyRange() const;
    /*! The annotation under the text cursor (or the context menu's position), -1 for none. */
    qint64 annotationAtCursor() const;
    /*! Selects body range [start, end) and scrolls it into view (switching to the article view). */
    void revealBodyRange(qsizetype start, qsizetype end);
    /*! Actions put at the top of the reader's context menu (highlight, edit, remove, …). */
    void setContextActions(const QList<QAction *> &actions);

    /*! The "Find…" action (Ctrl+F while the reader has focus); the window may add it to a menu. */
    QAction *findAction() const;

    /*! Marks where the list's search query matches the body ([start, end) body offsets, from
        Core::DocumentQuery::hits()); empty to mark nothing. Cleared when another article is shown. */
    void setSearchHits(const QList<std::pair<qsizetype, qsizetype>> &bodyRanges);
    int searchHitCount() const;
    /*! The hit selected last by next/previousSearchHit(), 0-based; -1 for none. */
    int currentSearchHit() const;
    /*! "Next Search Hit" (F3) and "Previous Search Hit" (Shift+F3): the search hits, or the find
        bar's matches while it is open. */
    QAction *nextHitAction() const;
    QAction *previousHitAction() const;

    /*! The document shown now (the article or the source one). */
    QTextDocument *document() const;
    /*! The text widget, for focus handling and tests. */
    QPlainTextEdit *textEdit() const;
    /*! The legend above an article: each entity type's name on the tint its mentions get under
        the current theme. Shown with an article, not with its source. */
    QLabel *entityLegend() const { return m_legend; }
    /*! Says above the article that its file is gone since \a since (ms since the epoch; found
        by a watched folder's check), or hides the banner when \a since is 0. */
    void setMissingSince(qint64 since);
    QLabel *missingBanner() const { return m_missing; }

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void resetZoom();
    void showFindBar();
    void hideFindBar();
    void findNext();
    void findPrevious();
    void nextSearchHit();
    void previousSearchHit();

Q_SIGNALS:
    /*! The search hits changed or one was selected: hit \a current (1-based; 0 for none) of \a count. */
    void searchHitChanged(int current, int count);
    void themeChanged(const QString &name);
    void showSourceChanged(bool source);
    void zoomChanged(int steps);
    /*! The context menu is about to show, or the cursor moved: actions may update their state. */
    void annotationContextChanged(qint64 annotationId);

protected:
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void applyTheme(const KSyntaxHighlighting::Theme &theme);
    void updateLegend();
    void applyZoom();
    void loadSource();
    void switchDocument();
    void updateFind();
    void selectMatch(int index);
    void updateMatchHighlights();
    void selectSearchHit(int index);

    QPlainTextEdit *m_text = nullptr;
    QLabel *m_legend = nullptr;
    QLabel *m_missing = nullptr;
    FindBar *m_findBar = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_nextHit = nullptr; // the search query's hits
    QAction *m_previousHit = nullptr;
    QTextDocument *m_articleDoc = nullptr;
    QTextDocument *m_sourceDoc = nullptr;
    ArticleHighlighter *m_articleHighlighter = nullptr;
    KSyntaxHighlighting::SyntaxHighlighter *m_sourceHighlighter = nullptr;

    QString m_themeName; // empty: follow the palette
    bool m_showSource = false;
    bool m_sourceLoaded = false;
    QString m_rawText;
    QString m_format;
    QString m_path;

    int m_bodyOffset = 0;
    int m_bodyLength = 0;
    QList<qsizetype> m_removedCr; // body indices of '\r' dropped from "\r\n" (QTextDocument folds the pair)
    QList<std::pair<int, int>> m_mentionRanges; // document [start, end) of body mentions, sorted by start
    QList<qint64> m_mentionIds; // the entity id of each of m_mentionRanges

    QList<Dossier::Core::Annotation> m_annotations;
    QList<Dossier::Core::CopyAnnotation> m_copyAnnotations;
    QList<QColor> m_copyColors; // the colour of each of m_copyAnnotations
    QList<QAction *> m_contextActions;
    int m_contextPosition = -1; // document position the context menu was opened at, while it shows

    QList<std::pair<int, int>> m_matches; // [start, end) of find matches in the current document
    int m_currentMatch = -1;
    QList<std::pair<int, int>> m_hits; // [start, end) of the search query's hits in the article document
    int m_currentHit = -1;

    QFont m_baseFont;
    int m_zoom = 0;
};

} // namespace Dossier::Ui
