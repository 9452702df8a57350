#pragma once

#include "store/duplicatestore.h"

#include <QFuture>
#include <QWidget>

class QLabel;
class QTableView;
class QTextEdit;
class QTimer;

namespace Dossier::Core
{
class LibrarySession;
}

namespace Dossier::Ui
{

class CopyListModel;

/*!
    \brief The Copies dock: the copies of the open article's story (CopyListModel: title, source,
    date, similarity, the earliest first) and, for the chosen copy, its word diff against the
    earliest (Core::DuplicateStore::diff()): the copy's text with added words, cut words and changed
    words (a cut run followed by an added one) in colours a legend names. Activating a copy (Enter,
    double click) asks the window to open it in the reader.

    Both reads run on the session's LibraryReader, never on the GUI thread; a newer read supersedes
    an older one. While hidden it only notes that it is stale, and reads when shown.
*/
class CopiesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CopiesPanel)
public:
    /*! How a stretch of the diff view is marked (its characters' diffMarkProperty). */
    enum class Mark { Same, Added, Cut, ChangedFrom, ChangedTo };
    /*! The QTextFormat property holding a stretch's Mark (as int). */
    static constexpr int diffMarkProperty = 0x100000 + 1; // QTextFormat::UserProperty + 1

    explicit CopiesPanel(QWidget *parent = nullptr);

    /*! Reads \a session's library, and reads again whenever the session announces a change. */
    void setSession(Core::LibrarySession *session);
    /*! Shows the copies of article \a id (-1: none). */
    void setCurrentArticle(qint64 id);
    /*! Reads again (at once when shown, else when next shown). */
    void refresh();
    /*! Shows the diff of the copy \a id of the listed cluster (the earliest: its own text, unmarked). */
    void chooseCopy(qint64 id);
    /*! True while a read is running or waiting to run. */
    bool isLoading() const;
    /*! The copy whose diff is shown, -1 for none. */
    qint64 shownCopy() const { return m_shownCopy; }
    /*! The text of the diff view's stretches marked \a mark, one stretch a line. */
    QString markedText(Mark mark) const;

    CopyListModel *copyModel() const { return m_model; }
    QTableView *copyView() const { return m_view; }
    QTextEdit *diffView() const { return m_diff; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    /*! The analyst activated the copy \a articleId: open it. */
    void copyActivated(qint64 articleId);
    /*! The cluster of the current article is shown. */
    void clusterLoaded();
    /*! The diff of shownCopy() is shown. */
    void diffLoaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void startCluster();
    void startDiff(qint64 copy);
    void showDiff(const Core::CopyDiff &diff);
    void selectRow(int row);

    Core::LibrarySession *m_session = nullptr;
    qint64 m_current = -1;
    qint64 m_shownCopy = -1;
    bool m_stale = true;
    quint64 m_clusterGeneration = 0;
    quint64 m_diffGeneration = 0;
    bool m_clusterPending = false;
    bool m_diffPending = false;
    QFuture<void> m_clusterRead; //!< the reads on their way, canceled by newer ones
    QFuture<void> m_diffRead;

    CopyListModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QLabel *m_diffTitle = nullptr;
    QTextEdit *m_diff = nullptr;
    QTimer *m_changeDelay = nullptr;
};

} // namespace Dossier::Ui
