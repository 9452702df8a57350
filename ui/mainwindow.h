#pragma once

#include "store/library.h"

#include <QMainWindow>

#include <memory>

class QTableView;
class QTextBrowser;

namespace Dossier::Core
{
class ImportJob;
}

namespace Dossier::Ui
{

class DocumentListModel;

/*! \brief The main window: the document list and a reader pane. */
class MainWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MainWindow)
public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    /*! Opens the library at \a path (the default library when empty). */
    bool openLibrary(const QString &path);
    /*! Imports \a paths into the open library in the background. */
    void importPaths(const QStringList &paths);

private:
    void showArticle(qint64 id);
    void chooseImport();

    std::unique_ptr<Core::Library> m_library;
    DocumentListModel *m_model = nullptr;
    QTableView *m_list = nullptr;
    QTextBrowser *m_reader = nullptr;
    Core::ImportJob *m_import = nullptr;
};

} // namespace Dossier::Ui
