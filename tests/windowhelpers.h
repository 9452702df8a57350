#pragma once

// Helpers for the tests that drive the main window (its docks and the reader's highlighting).

#include "documentlistmodel.h"
#include "mainwindow.h"

#include <QAction>
#include <QSize>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTest>
#include <QTextBlock>
#include <QTextCharFormat>
#include <QTextDocument>
#include <QTextLayout>

#include <memory>

namespace Dossier::Test
{

/*! A new main window on the library at \a path, shown (at \a size when given) and exposed; nullptr when the
    library does not open or the window is not exposed. */
inline std::unique_ptr<Ui::MainWindow> shownWindow(const QString &path, QSize size = {})
{
    auto window = std::make_unique<Ui::MainWindow>();
    if (!window->openLibrary(path)) {
        return nullptr;
    }
    if (size.isValid()) {
        window->resize(size);
    }
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get())) {
        return nullptr;
    }
    return window;
}

/*! \brief Another program's write lock on the library at a path (BEGIN IMMEDIATE on a connection
    of its own), held until release() or destruction. */
class WriteLock
{
public:
    explicit WriteLock(const QString &path)
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name);
        db.setDatabaseName(path);
        m_held = db.open() && QSqlQuery(db).exec(QStringLiteral("BEGIN IMMEDIATE"));
    }
    ~WriteLock() { release(); }
    Q_DISABLE_COPY_MOVE(WriteLock)
    bool isHeld() const { return m_held; }
    /*! Lets go of the lock (a rollback); true when it was held and let go. */
    bool release()
    {
        if (!QSqlDatabase::contains(m_name)) {
            return false;
        }
        bool released = false;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            released = m_held && QSqlQuery(db).exec(QStringLiteral("ROLLBACK"));
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
        m_held = false;
        return released;
    }

private:
    QString m_name = QStringLiteral("test write lock");
    bool m_held = false;
};

/*! The titles of the articles \a window's document list shows, sorted. */
inline QStringList listedTitles(const Ui::MainWindow &window)
{
    QStringList titles;
    const auto *model = window.documentModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        titles.append(model->index(row, Ui::DocumentListModel::Title).data().toString());
    }
    titles.sort();
    return titles;
}

/*! Checks the checkable action named \a name of \a window (a dock's View entry) unless it is; false when
    there is no such action. */
inline bool checkAction(const QObject *window, const QString &name)
{
    auto *action = window->findChild<QAction *>(name);
    if (action == nullptr) {
        return false;
    }
    if (!action->isChecked()) {
        action->trigger();
    }
    return true;
}

/*! The character format the layout of \a document has at \a position (what the highlighter left there). */
inline QTextCharFormat formatAt(const QTextDocument *document, int position)
{
    const QTextBlock block = document->findBlock(position);
    const int column = position - block.position();
    QTextCharFormat result;
    const auto ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (column >= range.start && column < range.start + range.length) {
            result = range.format;
        }
    }
    return result;
}

} // namespace Dossier::Test
