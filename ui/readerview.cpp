#include "readerview.h"

#include "articlehighlighter.h"
#include "entityfacetmodel.h"
#include "findbar.h"

#include <KSyntaxHighlighting/Definition>
#include <KSyntaxHighlighting/Repository>
#include <KSyntaxHighlighting/SyntaxHighlighter>
#include <KSyntaxHighlighting/Theme>
#include <QAction>
#include <QDateTime>
#include <QEvent>
#include <QFileInfo>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QPlainTextDocumentLayout>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>
#include <QToolTip>
#include <QVBoxLayout>

#include <algorithm>

namespace Dossier::Ui
{

using KSyntaxHighlighting::Theme;

namespace
{

constexpr int MinZoom = -8;
constexpr int MaxZoom = 24;

// The reader lays out plain text, but should anything put rich text in its documents (an image, a
// style sheet), they load local resources only: never from the network, whatever an application-wide
// resource provider would do.
class LocalResourceDocument final : public QTextDocument
{
public:
    using QTextDocument::QTextDocument;

protected:
    QVariant loadResource(int type, const QUrl &name) override
    {
        // No host either: "file://server/x" and "//server/x" may reach a network share.
        const QString scheme = name.scheme().toLower();
        const bool local
            = name.host().isEmpty() && (scheme.isEmpty() || scheme == u"file" || scheme == u"qrc" || scheme == u"data");
        return local ? QTextDocument::loadResource(type, name) : QVariant();
    }
};

QTextDocument *makeDocument(QObject *parent)
{
    auto *doc = new LocalResourceDocument(parent);
    doc->setResourceProvider([](const QUrl &) { return QVariant(); }); // bypasses the default provider
    doc->setDocumentLayout(new QPlainTextDocumentLayout(doc));
    doc->setUndoRedoEnabled(false);
    doc->setDocumentMargin(12);
    return doc;
}

// Title and metadata each take one line of the layout, so fold any line breaks in them.
QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c == u'\n' || c == u'\r' || c == QChar::ParagraphSeparator || c == QChar::LineSeparator) {
            c = u' ';
        }
    }
    return line.trimmed();
}

KSyntaxHighlighting::Definition sourceDefinition(const QString &format, const QString &path)
{
    auto &repository = syntaxRepository();
    if (format == QLatin1String("html")) {
        return repository.definitionForName(QStringLiteral("HTML"));
    }
    if (format == QLatin1String("markdown")) {
        return repository.definitionForName(QStringLiteral("Markdown"));
    }
    // Plain text: whatever the file name says (usually nothing, which leaves the text unhighlighted).
    return path.isEmpty() ? KSyntaxHighlighting::Definition() : repository.definitionForFileName(path);
}

} // namespace

ReaderView::ReaderView(QWidget *parent)
    : QWidget(parent)
    , m_text(new QPlainTextEdit(this))
    , m_legend(new QLabel(this))
    , m_missing(new QLabel(this))
    , m_findBar(new FindBar(this))
    , m_findAction(new QAction(tr("&Find in Article…"), this))
    , m_nextHit(new QAction(tr("Next Search &Hit"), this))
    , m_previousHit(new QAction(tr("Previous Search Hi&t"), this))
    , m_articleDoc(makeDocument(this))
    , m_sourceDoc(makeDocument(this))
{
    setAccessibleName(tr("Reader"));
    m_text->setObjectName(QStringLiteral("readerText"));
    m_text->setAccessibleName(tr("Article text"));
    m_text->setReadOnly(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_text->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_text->setWordWrapMode(QTextOption::WrapAtWordBoundaryOrAnywhere);
    m_text->setPlaceholderText(tr("Select an article to read it here."));
    m_text->setFrameShape(QFrame::NoFrame);
    m_text->setDocument(m_articleDoc);
    m_text->setContextMenuPolicy(Qt::CustomContextMenu);
    m_text->viewport()->installEventFilter(this); // the copies' highlights' tooltips
    connect(m_text, &QWidget::customContextMenuRequested, this, [this](const QPoint &pos) {
        std::unique_ptr<QMenu> menu(m_text->createStandardContextMenu(pos));
        m_contextPosition = m_text->cursorForPosition(pos).position();
        // A right-click inside the selection acts on the selection, elsewhere on what is under the pointer.
        const QTextCursor cursor = m_text->textCursor();
        if (cursor.hasSelection() && m_contextPosition >= cursor.selectionStart()
            && m_contextPosition <= cursor.selectionEnd()) {
            m_contextPosition = -1;
        }
        Q_EMIT annotationContextChanged(annotationAtCursor());
        if (!m_contextActions.isEmpty() && !m_showSource) {
            QAction *first = menu->actions().value(0);
            menu->insertActions(first, m_contextActions);
            menu->insertSeparator(first);
        }
        menu->exec(m_text->viewport()->mapToGlobal(pos));
        m_contextPosition = -1;
        Q_EMIT annotationContextChanged(annotationAtCursor());
    });
    connect(m_text, &QPlainTextEdit::cursorPositionChanged, this,
        [this] { Q_EMIT annotationContextChanged(annotationAtCursor()); });
    connect(m_text, &QPlainTextEdit::selectionChanged, this,
        [this] { Q_EMIT annotationContextChanged(annotationAtCursor()); });

    m_articleHighlighter = new ArticleHighlighter(m_articleDoc);
    m_articleHighlighter->setLargeHeadline(true);
    m_sourceHighlighter = new KSyntaxHighlighting::SyntaxHighlighter(m_sourceDoc);

    m_legend->setObjectName(QStringLiteral("entityLegend"));
    m_legend->setAccessibleName(tr("Entity colours"));
    m_legend->setToolTip(tr("The colour each type of entity's mentions is tinted in"));
    m_legend->setTextFormat(Qt::RichText);
    m_legend->setWordWrap(true);
    m_legend->setAutoFillBackground(true);
    m_legend->setContentsMargins(6, 3, 6, 3);
    m_legend->hide();

    m_missing->setObjectName(QStringLiteral("missingBanner"));
    m_missing->setAccessibleName(tr("File missing"));
    m_missing->setWordWrap(true);
    m_missing->setAutoFillBackground(true);
    m_missing->setBackgroundRole(QPalette::ToolTipBase);
    m_missing->setForegroundRole(QPalette::ToolTipText);
    m_missing->setContentsMargins(6, 3, 6, 3);
    m_missing->hide();

    m_findBar->setObjectName(QStringLiteral("findBar"));
    m_findBar->hide();

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_missing);
    layout->addWidget(m_legend);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_findBar);
    setFocusProxy(m_text);

    m_findAction->setShortcut(QKeySequence::Find);
    m_findAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    addAction(m_findAction);
    connect(m_findAction, &QAction::triggered, this, &ReaderView::showFindBar);

    m_nextHit->setShortcut(QKeySequence(Qt::Key_F3));
    m_previousHit->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_F3));
    for (QAction *action : { m_nextHit, m_previousHit }) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        addAction(action);
    }
    connect(m_nextHit, &QAction::triggered, this, [this] { m_findBar->isVisible() ? findNext() : nextSearchHit(); });
    connect(m_previousHit, &QAction::triggered, this,
        [this] { m_findBar->isVisible() ? findPrevious() : previousSearchHit(); });

    connect(m_findBar, &FindBar::searchChanged, this, [this] { updateFind(); });
    connect(m_findBar, &FindBar::nextRequested, this, &ReaderView::findNext);
    connect(m_findBar, &FindBar::previousRequested, this, &ReaderView::findPrevious);
    connect(m_findBar, &FindBar::closeRequested, this, &ReaderView::hideFindBar);

    m_baseFont = m_text->font();
    applyTheme(syntaxRepository().themeForPalette(palette()));
}

ReaderView::~ReaderView() = default;

void ReaderView::showArticle(const Dossier::Core::Article &article)
{
    QString title = oneLine(article.meta.title);
    if (title.isEmpty()) {
        title = article.path.isEmpty() ? tr("Untitled article") : QFileInfo(article.path).fileName();
    }
    QStringList meta;
    for (const QString &part : { article.meta.source, article.meta.date, article.meta.dateline, article.path }) {
        const QString line = oneLine(part);
        if (!line.isEmpty()) {
            meta.append(line);
        }
    }
    // The news-text definition treats the line after the headline as front matter up to the first empty line.
    const QString head = title + u'\n' + meta.join(QStringLiteral(" · ")) + u"\n\n";
    m_bodyOffset = int(head.size());
    m_bodyLength = int(article.body.size());

    // QTextDocument folds "\r\n" into one block break: drop those '\r' and remember where, to map offsets.
    QString body = article.body;
    m_removedCr.clear();
    if (body.contains(u'\r')) {
        QString folded;
        folded.reserve(body.size());
        for (qsizetype i = 0; i < body.size(); ++i) {
            if (body.at(i) == u'\r' && i + 1 < body.size() && body.at(i + 1) == u'\n') {
                m_removedCr.append(i);
            } else {
                folded.append(body.at(i));
            }
        }
        body = std::move(folded);
    }

    QList<MentionSpan> spans;
    m_mentionRanges.clear();
    m_mentionIds.clear();
    for (const Core::Mention &mention : article.mentions) {
        const int start = bodyPosition(mention.start);
        const int end = bodyPosition(mention.end);
        if (start < 0 || end <= start) {
            continue;
        }
        const qint64 id = mention.entity >= 0 && mention.entity < article.entities.size()
            ? article.entities.at(mention.entity).id
            : -1;
        spans.append({ start, end, mention.type, id });
    }
    std::sort(spans.begin(), spans.end(), [](const MentionSpan &a, const MentionSpan &b) { return a.start < b.start; });
    for (const MentionSpan &span : std::as_const(spans)) {
        m_mentionRanges.append({ span.start, span.end });
        m_mentionIds.append(span.entityId);
    }

    m_rawText = article.rawText;
    m_format = article.format;
    m_path = article.path;
    m_sourceLoaded = false;

    // Mentions first, so the text is highlighted once, as it is set. The window sets the
    // article's annotations after this.
    m_annotations.clear();
    m_articleHighlighter->setHighlights({});
    m_articleHighlighter->setMentions(spans);
    m_articleDoc->setPlainText(head + body);
    if (m_showSource) {
        loadSource();
    }
    m_legend->setVisible(!m_showSource);
    m_text->setTextCursor(QTextCursor(document()));
    m_text->verticalScrollBar()->setValue(0);
    m_copyAnnotations.clear();
    m_copyColors.clear();
    setSearchHits({});
    if (m_findBar->isVisible()) {
        updateFind();
    }
}

void ReaderView::setMissingSince(qint64 since)
{
    if (since == 0) {
        m_missing->hide();
        m_missing->clear();
        return;
    }
    m_missing->setText(tr("Missing since %1: this article's file is gone from its watched folder. Its text, "
                          "entities and annotations are kept; the article is its file's again when the file "
                          "comes back (or turns up elsewhere in a watched folder).")
            .arg(QLocale().toString(QDateTime::fromMSecsSinceEpoch(since), QLocale::ShortFormat)));
    m_missing->show();
}

void ReaderView::clear()
{
    setMissingSince(0);
    m_annotations.clear();
    m_articleHighlighter->setHighlights({});
    m_articleHighlighter->setMentions({});
    m_articleDoc->clear();
    m_sourceDoc->clear();
    m_rawText.clear();
    m_format.clear();
    m_path.clear();
    m_sourceLoaded = false;
    m_bodyOffset = 0;
    m_bodyLength = 0;
    m_removedCr.clear();
    m_mentionRanges.clear();
    m_mentionIds.clear();
    m_legend->hide();
    m_text->setTextCursor(QTextCursor(document()));
    m_copyAnnotations.clear();
    m_copyColors.clear();
    setSearchHits({});
    if (m_findBar->isVisible()) {
        updateFind();
    }
}

int ReaderView::bodyPosition(qsizetype bodyOffset) const
{
    if (bodyOffset < 0 || bodyOffset > m_bodyLength) {
        return -1;
    }
    const auto removedBefore
        = std::lower_bound(m_removedCr.cbegin(), m_removedCr.cend(), bodyOffset) - m_removedCr.cbegin();
    return m_bodyOffset + int(bodyOffset - removedBefore);
}

qsizetype ReaderView::bodyOffsetAt(int position) const
{
    qsizetype offset = position - m_bodyOffset;
    if (offset < 0) {
        return -1;
    }
    // Each dropped '\r' before the offset moves it one further into the body.
    for (qsizetype removed : m_removedCr) {
        if (removed < offset) {
            ++offset;
        } else {
            break;
        }
    }
    return offset <= m_bodyLength ? offset : -1;
}

void ReaderView::setAnnotations(const QList<Core::Annotation> &annotations, const QList<Core::Tag> &codebook)
{
    m_annotations = annotations;
    QList<HighlightSpan> spans;
    for (const Core::Annotation &a : annotations) {
        if (a.state == Core::AnnotationState::Orphaned) {
            continue;
        }
        const int start = bodyPosition(a.anchor.start);
        const int end = bodyPosition(a.anchor.end);
        if (start < 0 || end <= start) {
            continue;
        }
        spans.append({ start, end, QColor(Core::effectiveColor(a, codebook)), a.id });
    }
    m_articleHighlighter->setHighlights(spans);
}

QList<Core::Annotation> ReaderView::annotations() const
{
    return m_annotations;
}

void ReaderView::setCopyAnnotations(const QList<Core::CopyAnnotation> &annotations, const QList<Core::Tag> &codebook)
{
    m_copyAnnotations = annotations;
    m_copyColors.clear();
    for (const Core::CopyAnnotation &a : annotations) {
        m_copyColors.append(QColor(Core::effectiveColor(a.annotation, codebook)));
    }
    updateMatchHighlights();
}

QList<Core::CopyAnnotation> ReaderView::copyAnnotations() const
{
    return m_copyAnnotations;
}

QString ReaderView::copyAnnotationToolTip(qsizetype bodyOffset) const
{
    QStringList lines;
    for (const Core::CopyAnnotation &a : m_copyAnnotations) {
        if (a.annotation.anchor.start <= bodyOffset && bodyOffset < a.annotation.anchor.end) {
            const QString title = a.from.title.isEmpty() ? QFileInfo(a.from.path).fileName() : a.from.title;
            lines.append(a.annotation.note.isEmpty() ? tr("from copy: %1").arg(title)
                                                     : tr("from copy: %1 — %2").arg(title, a.annotation.note));
        }
    }
    return lines.join(u'\n');
}

bool ReaderView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_text->viewport() && event->type() == QEvent::ToolTip && !m_copyAnnotations.isEmpty()
        && document() == m_articleDoc) {
        const auto *help = static_cast<QHelpEvent *>(event);
        const qsizetype offset = bodyOffsetAt(m_text->cursorForPosition(help->pos()).position());
        const QString tip = offset >= 0 ? copyAnnotationToolTip(offset) : QString();
        if (tip.isEmpty()) {
            QToolTip::hideText();
        } else {
            QToolTip::showText(help->globalPos(), tip, m_text->viewport());
        }
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

std::pair<qsizetype, qsizetype> ReaderView::selectedBodyRange() const
{
    const QTextCursor cursor = m_text->textCursor();
    if (m_showSource || !cursor.hasSelection() || m_bodyLength == 0) {
        return { 0, 0 };
    }
    const int bodyEnd = bodyPosition(m_bodyLength);
    int from = std::max(cursor.selectionStart(), m_bodyOffset);
    int to = std::min(cursor.selectionEnd(), bodyEnd);
    // Trim white space (and paragraph separators) at both ends.
    const auto isSpace = [this](int position) {
        const QChar c = m_articleDoc->characterAt(position);
        return c.isSpace() || c == QChar::ParagraphSeparator;
    };
    while (from < to && isSpace(from)) {
        ++from;
    }
    while (to > from && isSpace(to - 1)) {
        --to;
    }
    if (from >= to) {
        return { 0, 0 };
    }
    return { bodyOffsetAt(from), bodyOffsetAt(to) };
}

qint64 ReaderView::annotationAtCursor() const
{
    if (m_showSource) {
        return -1;
    }
    const QTextCursor cursor = m_text->textCursor();
    const int position = m_contextPosition >= 0 ? m_contextPosition
        : cursor.hasSelection()                 ? cursor.selectionStart()
                                                : cursor.position();
    const qsizetype offset = bodyOffsetAt(position);
    if (offset < 0) {
        return -1;
    }
    // The innermost annotation covering the position (the one painted there).
    qint64 found = -1;
    qsizetype foundStart = -1;
    for (const Core::Annotation &a : m_annotations) {
        if (a.state != Core::AnnotationState::Orphaned && a.anchor.start <= offset && offset < a.anchor.end
            && a.anchor.start >= foundStart) {
            found = a.id;
            foundStart = a.anchor.start;
        }
    }
    return found;
}

void ReaderView::revealBodyRange(qsizetype start, qsizetype end)
{
    if (m_showSource) {
        setShowSource(false);
    }
    const int from = bodyPosition(start);
    const int to = bodyPosition(end);
    if (from < 0 || to < from) {
        return;
    }
    QTextCursor selection(m_articleDoc);
    selection.setPosition(from);
    selection.setPosition(to, QTextCursor::KeepAnchor);
    m_text->setTextCursor(selection);
    m_text->centerCursor();
}

void ReaderView::setContextActions(const QList<QAction *> &actions)
{
    m_contextActions = actions;
}

void ReaderView::setEmphasisedEntities(const QSet<qint64> &entityIds)
{
    m_articleHighlighter->setEmphasised(entityIds);
}

QSet<qint64> ReaderView::emphasisedEntities() const
{
    return m_articleHighlighter->emphasised();
}

bool ReaderView::jumpToNextMention(qint64 entityId)
{
    if (m_showSource) {
        setShowSource(false);
    }
    const QTextCursor cursor = m_text->textCursor();
    // After a selected mention, go past it; from a bare cursor, a mention starting right there counts.
    const int from = cursor.hasSelection() ? cursor.selectionEnd() : cursor.position();
    int first = -1;
    int next = -1;
    for (int i = 0; i < m_mentionRanges.size(); ++i) {
        if (m_mentionIds.at(i) != entityId) {
            continue;
        }
        if (first < 0) {
            first = i;
        }
        if (m_mentionRanges.at(i).first >= from) {
            next = i;
            break;
        }
    }
    if (first < 0) {
        return false;
    }
    const auto [start, end] = m_mentionRanges.at(next >= 0 ? next : first);
    QTextCursor selection(m_articleDoc);
    selection.setPosition(start);
    selection.setPosition(end, QTextCursor::KeepAnchor);
    m_text->setTextCursor(selection);
    if (!m_text->viewport()->rect().contains(m_text->cursorRect())) {
        m_text->centerCursor();
    }
    return true;
}

QStringList ReaderView::themeNames() const
{
    QStringList names;
    const auto themes = syntaxRepository().themes();
    for (const Theme &theme : themes) {
        names.append(theme.name());
    }
    return names;
}

void ReaderView::setTheme(const QString &name)
{
    const Theme theme = name.isEmpty() ? Theme() : syntaxRepository().theme(name);
    m_themeName = theme.isValid() ? theme.name() : QString();
    applyTheme(theme.isValid() ? theme : syntaxRepository().themeForPalette(palette()));
}

QString ReaderView::theme() const
{
    return m_articleHighlighter->theme().name();
}

void ReaderView::applyTheme(const KSyntaxHighlighting::Theme &theme)
{
    const QString before = m_articleHighlighter->theme().name();
    QPalette pal = palette();
    const QColor background = QColor::fromRgb(theme.editorColor(Theme::BackgroundColor));
    const QColor text = QColor::fromRgb(theme.textColor(Theme::Normal));
    pal.setColor(QPalette::Base, background);
    pal.setColor(QPalette::Text, text);
    pal.setColor(QPalette::Highlight, QColor::fromRgb(theme.editorColor(Theme::TextSelection)));
    // Theme selection colours are tints meant to be read with the normal text colour over them.
    pal.setColor(QPalette::HighlightedText, text);
    pal.setColor(QPalette::PlaceholderText, QColor::fromRgb(theme.textColor(Theme::Comment)));
    m_text->setPalette(pal);
    m_articleHighlighter->setTheme(theme);
    m_sourceHighlighter->setTheme(theme);
    updateLegend();
    updateMatchHighlights();
    if (theme.name() != before) {
        Q_EMIT themeChanged(theme.name());
    }
}

void ReaderView::updateLegend()
{
    // On the reader's own background, so each tint looks as it does over the article.
    QPalette pal = m_legend->palette();
    pal.setColor(QPalette::Window, m_text->palette().color(QPalette::Base));
    pal.setColor(QPalette::WindowText, m_text->palette().color(QPalette::Text));
    m_legend->setPalette(pal);
    QStringList entries;
    for (const auto type : { Core::EntityType::Person, Core::EntityType::Org, Core::EntityType::Location,
             Core::EntityType::Date, Core::EntityType::Money }) {
        const QColor tint = m_articleHighlighter->mentionFormat(type, false).background().color();
        entries.append(QStringLiteral("<span style=\"background-color:%1\">&nbsp;%2&nbsp;</span>")
                .arg(tint.name(), EntityFacetModel::typeDisplayName(type).toHtmlEscaped()));
    }
    m_legend->setText(entries.join(QStringLiteral(" ")));
}

void ReaderView::changeEvent(QEvent *event)
{
    // Follow a light/dark switch of the desktop unless the user picked a theme.
    if (event->type() == QEvent::PaletteChange && m_themeName.isEmpty()) {
        applyTheme(syntaxRepository().themeForPalette(palette()));
    }
    QWidget::changeEvent(event);
}

void ReaderView::setShowSource(bool source)
{
    if (m_showSource == source) {
        return;
    }
    m_showSource = source;
    if (source) {
        loadSource();
    }
    m_legend->setVisible(!source && !m_articleDoc->isEmpty());
    switchDocument();
    Q_EMIT showSourceChanged(source);
}

bool ReaderView::showsSource() const
{
    return m_showSource;
}

void ReaderView::loadSource()
{
    if (m_sourceLoaded) {
        return;
    }
    m_sourceLoaded = true;
    m_sourceHighlighter->setDefinition(sourceDefinition(m_format, m_path));
    m_sourceDoc->setPlainText(m_rawText);
}

void ReaderView::switchDocument()
{
    QTextDocument *doc = m_showSource ? m_sourceDoc : m_articleDoc;
    if (m_text->document() == doc) {
        return;
    }
    m_text->setDocument(doc);
    doc->setDefaultFont(m_text->font());
    m_text->setTextCursor(QTextCursor(doc));
    m_currentHit = -1;
    if (m_findBar->isVisible()) {
        updateFind();
    } else {
        updateMatchHighlights();
    }
}

void ReaderView::zoomIn()
{
    if (m_zoom < MaxZoom) {
        ++m_zoom;
        applyZoom();
    }
}

void ReaderView::zoomOut()
{
    if (m_zoom > MinZoom) {
        --m_zoom;
        applyZoom();
    }
}

void ReaderView::resetZoom()
{
    if (m_zoom != 0) {
        m_zoom = 0;
        applyZoom();
    }
}

void ReaderView::applyZoom()
{
    QFont font = m_baseFont;
    if (m_baseFont.pointSizeF() > 0) {
        font.setPointSizeF(std::max(4.0, m_baseFont.pointSizeF() + m_zoom));
    } else {
        font.setPixelSize(std::max(5, m_baseFont.pixelSize() + m_zoom * 4 / 3));
    }
    m_text->setFont(font);
    m_articleDoc->setDefaultFont(font);
    m_sourceDoc->setDefaultFont(font);
    // The headline size is relative to the default font.
    m_articleHighlighter->rehighlightBlock(m_articleDoc->firstBlock());
    Q_EMIT zoomChanged(m_zoom);
}

QTextDocument *ReaderView::document() const
{
    return m_text->document();
}

QPlainTextEdit *ReaderView::textEdit() const
{
    return m_text;
}

} // namespace Dossier::Ui
