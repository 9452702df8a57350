// ReaderView: the find bar (Ctrl+F over the open text, every match marked) and the hits of the list's
// search query (marked, F3 / Shift+F3 through them).
#include "articlehighlighter.h"
#include "findbar.h"
#include "readerview.h"

#include <KSyntaxHighlighting/Theme>
#include <QAction>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QTextBlock>

#include <algorithm>

namespace Dossier::Ui
{

using KSyntaxHighlighting::Theme;

namespace
{

constexpr int MaxFindMatches = 10000; // counting beyond this is slow and says nothing more

} // namespace

QAction *ReaderView::findAction() const
{
    return m_findAction;
}

void ReaderView::showFindBar()
{
    const QString selected = m_text->textCursor().selectedText();
    // Seed the field with a short single-line selection, as editors do.
    if (!selected.isEmpty() && selected.size() <= 100 && !selected.contains(QChar::ParagraphSeparator)) {
        m_findBar->setText(selected);
    }
    const bool wasVisible = m_findBar->isVisible();
    m_findBar->activate();
    if (!wasVisible) {
        updateFind();
    }
}

void ReaderView::hideFindBar()
{
    m_findBar->hide();
    m_matches.clear();
    m_currentMatch = -1;
    updateMatchHighlights();
    m_text->setFocus(Qt::OtherFocusReason);
}

void ReaderView::updateFind()
{
    m_matches.clear();
    m_currentMatch = -1;
    const QString needle = m_findBar->text();
    QTextDocument *doc = document();
    if (!needle.isEmpty()) {
        const QTextDocument::FindFlags flags = m_findBar->findFlags();
        QTextCursor found(doc);
        while (m_matches.size() < MaxFindMatches) {
            found = doc->find(needle, found, flags);
            if (found.isNull()) {
                break;
            }
            m_matches.append({ found.selectionStart(), found.selectionEnd() });
        }
    }
    if (!m_matches.isEmpty()) {
        // Start from the match at or after the cursor, so typing refines the search in place.
        const QTextCursor cursor = m_text->textCursor();
        const int from = cursor.selectionStart();
        const auto it = std::find_if(
            m_matches.cbegin(), m_matches.cend(), [from](const std::pair<int, int> &m) { return m.first >= from; });
        selectMatch(it == m_matches.cend() ? 0 : int(it - m_matches.cbegin()));
    } else {
        updateMatchHighlights();
        m_findBar->setMatchCount(0, 0);
    }
}

void ReaderView::findNext()
{
    if (m_matches.isEmpty()) {
        return;
    }
    selectMatch(m_currentMatch < 0 ? 0 : (m_currentMatch + 1) % int(m_matches.size()));
}

void ReaderView::findPrevious()
{
    if (m_matches.isEmpty()) {
        return;
    }
    const int count = int(m_matches.size());
    selectMatch(m_currentMatch <= 0 ? count - 1 : m_currentMatch - 1);
}

void ReaderView::selectMatch(int index)
{
    m_currentMatch = index;
    const auto [start, end] = m_matches.at(index);
    QTextCursor cursor(document());
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    updateMatchHighlights();
    m_findBar->setMatchCount(index + 1, int(m_matches.size()));
}

void ReaderView::updateMatchHighlights()
{
    // The search query's hits (article view only) under the find bar's matches, which are what
    // the analyst typed last.
    QList<QTextEdit::ExtraSelection> selections;
    const Theme theme = m_articleHighlighter->theme();
    // The copies' highlights first, under everything: read-only, so only underlined.
    if (document() == m_articleDoc) {
        for (qsizetype i = 0; i < m_copyAnnotations.size(); ++i) {
            const Core::TextAnchor &anchor = m_copyAnnotations.at(i).annotation.anchor;
            const int from = bodyPosition(anchor.start);
            const int to = bodyPosition(anchor.end);
            if (from < 0 || to <= from) {
                continue;
            }
            QTextCharFormat format;
            format.setUnderlineStyle(QTextCharFormat::DashUnderline);
            // Darker than the highlight's own colour: a light one (the default yellow) is lost as a thin line.
            format.setUnderlineColor(m_copyColors.value(i).darker(140));
            QTextCursor cursor(document());
            cursor.setPosition(from);
            cursor.setPosition(to, QTextCursor::KeepAnchor);
            selections.append({ cursor, format });
        }
    }
    if (document() == m_articleDoc && !m_hits.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(QColor::fromRgb(theme.editorColor(Theme::ReplaceHighlight)));
        for (const auto &[start, end] : std::as_const(m_hits)) {
            QTextCursor cursor(document());
            cursor.setPosition(start);
            cursor.setPosition(end, QTextCursor::KeepAnchor);
            selections.append({ cursor, format });
        }
    }
    if (!m_matches.isEmpty()) {
        QTextCharFormat format;
        format.setBackground(QColor::fromRgb(theme.editorColor(Theme::SearchHighlight)));
        for (const auto &[start, end] : std::as_const(m_matches)) {
            QTextCursor cursor(document());
            cursor.setPosition(start);
            cursor.setPosition(end, QTextCursor::KeepAnchor);
            selections.append({ cursor, format });
        }
    }
    m_text->setExtraSelections(selections);
}

void ReaderView::setSearchHits(const QList<std::pair<qsizetype, qsizetype>> &bodyRanges)
{
    m_hits.clear();
    m_currentHit = -1;
    for (const auto &[start, end] : bodyRanges) {
        const int from = bodyPosition(start);
        const int to = bodyPosition(end);
        if (from >= 0 && to > from) {
            m_hits.append({ from, to });
        }
    }
    updateMatchHighlights();
    Q_EMIT searchHitChanged(0, int(m_hits.size()));
}

int ReaderView::searchHitCount() const
{
    return int(m_hits.size());
}

int ReaderView::currentSearchHit() const
{
    return m_currentHit;
}

QAction *ReaderView::nextHitAction() const
{
    return m_nextHit;
}

QAction *ReaderView::previousHitAction() const
{
    return m_previousHit;
}

void ReaderView::nextSearchHit()
{
    if (m_hits.isEmpty()) {
        return;
    }
    if (m_currentHit < 0) {
        // The first hit after the cursor, so F3 goes on from where the analyst reads.
        const int from = m_text->textCursor().selectionEnd();
        const auto it = std::find_if(
            m_hits.cbegin(), m_hits.cend(), [from](const std::pair<int, int> &hit) { return hit.first >= from; });
        selectSearchHit(it == m_hits.cend() ? 0 : int(it - m_hits.cbegin()));
        return;
    }
    selectSearchHit((m_currentHit + 1) % int(m_hits.size()));
}

void ReaderView::previousSearchHit()
{
    if (m_hits.isEmpty()) {
        return;
    }
    const int count = int(m_hits.size());
    selectSearchHit(m_currentHit <= 0 ? count - 1 : m_currentHit - 1);
}

void ReaderView::selectSearchHit(int index)
{
    if (m_showSource) {
        setShowSource(false);
    }
    m_currentHit = index;
    const auto [start, end] = m_hits.at(index);
    QTextCursor cursor(document());
    cursor.setPosition(start);
    cursor.setPosition(end, QTextCursor::KeepAnchor);
    m_text->setTextCursor(cursor);
    m_text->ensureCursorVisible();
    Q_EMIT searchHitChanged(index + 1, int(m_hits.size()));
}

} // namespace Dossier::Ui
