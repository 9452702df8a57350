#pragma once

#include "cooccurrencegraph.h"
#include "store/cooccurrencequery.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QSortFilterProxyModel;
class QSpinBox;
class QTableView;
class QTimer;
class QToolButton;

namespace Dossier::Core
{
class LibrarySession;
}

namespace Dossier::Ui
{

class CooccurrenceModel;

/*!
    \brief The "Who appears with whom" dock: the pairs of entities named together in the listed
    articles (Library::cooccurrence(), ranked by NPMI) as a sortable table (CooccurrenceModel) beside a
    graph (CooccurrenceGraph, laid out by Graphviz), with the scope (same article or same sentence),
    the minimum count, and *Export Graph…* (GraphML or GEXF).

    It counts over the window's whole filter. The query and the layout run on the session's
    LibraryReader (sentence scope, which reads the articles' texts, on the bulk lane); a newer query
    supersedes an older one; while hidden it only notes that it is stale, and reads when shown.
    Activating a row or clicking an edge emits pairActivated().
*/
class CooccurrencePanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CooccurrencePanel)
public:
    /*! The graph draws at most this many pairs (the best ranked); the table lists them all. */
    static constexpr int kMaxGraphPairs = 150;

    explicit CooccurrencePanel(QWidget *parent = nullptr);

    /*! Reads \a session's library, and reads again whenever the session announces a change. */
    void setSession(Core::LibrarySession *session);
    /*! The window's filter: the pairs of the articles it lets through are counted. */
    void setFilter(const Core::DocumentFilter &filter);
    Core::CooccurrenceScope scope() const;
    void setScope(Core::CooccurrenceScope scope);
    int minCount() const;
    void setMinCount(int count);
    /*! Reads again (at once when shown, else when next shown). */
    void refresh();
    /*! True while a query is running or waiting to run. */
    bool isLoading() const;

    /*! Writes the shown pairs to \a path: GraphML (.graphml) or GEXF (.gexf). False, with
        errorString(), when it cannot. */
    bool exportTo(const QString &path);
    QString errorString() const { return m_error; }
    /*! Asks where to export (a file dialog), then exportTo(). */
    void chooseExport();

    CooccurrenceModel *model() const { return m_model; }
    QSortFilterProxyModel *sortModel() const { return m_sorted; }
    QTableView *table() const { return m_table; }
    CooccurrenceGraph *graph() const { return m_graph; }
    QComboBox *scopeBox() const { return m_scope; }
    QSpinBox *minCountBox() const { return m_minCount; }
    QToolButton *exportButton() const { return m_export; }
    QLabel *summaryLabel() const { return m_summary; }

Q_SIGNALS:
    /*! The analyst chose the pair of \a a and \a b (a table row or a graph edge). */
    void pairActivated(const Dossier::Core::EntitySummary &a, const Dossier::Core::EntitySummary &b);
    /*! A query's answer is shown. */
    void loaded();

protected:
    void showEvent(QShowEvent *event) override;

private:
    void start();
    void showSummary();
    void changedOption();

    Core::LibrarySession *m_session = nullptr;
    Core::DocumentFilter m_filter;
    bool m_stale = true;
    bool m_pending = false;
    quint64 m_generation = 0;
    QString m_error;

    QComboBox *m_scope = nullptr;
    QSpinBox *m_minCount = nullptr;
    QLabel *m_summary = nullptr;
    QToolButton *m_export = nullptr;
    CooccurrenceModel *m_model = nullptr;
    QSortFilterProxyModel *m_sorted = nullptr;
    QTableView *m_table = nullptr;
    CooccurrenceGraph *m_graph = nullptr;
    QTimer *m_changeDelay = nullptr;
};

} // namespace Dossier::Ui
