#include "documentlistmodel.h"
#include "mainwindow.h"
#include "store/datalocations.h"
#include "translations.h"

#include <QAction>
#include <QApplication>
#include <QCommandLineParser>
#include <QDockWidget>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QLatin1StringView(Dossier::Core::DataLocations::applicationName));
    QApplication::setApplicationDisplayName(QStringLiteral("Dossier"));
    QApplication::setOrganizationName(QLatin1StringView(Dossier::Core::DataLocations::organizationName));
    QApplication::setApplicationVersion(QStringLiteral(DOSSIER_VERSION));
    QApplication::setDesktopFileName(QStringLiteral("io.github.dossier.Dossier"));
    Dossier::Core::installTranslator();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Dossier: a research browser for news articles."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption library(QStringLiteral("library"),
        QApplication::translate(
            "main", "Open this library file (created if missing), or a team library's postgresql:// URL."),
        QStringLiteral("PATH"));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
        QApplication::translate("main", "Open the first article, save a picture of the window to FILE and quit."),
        QStringLiteral("FILE"));
    const QCommandLineOption showView(QStringLiteral("show"),
        QApplication::translate("main", "With --screenshot: show this view first (timeline, cooccurrence, copies)."),
        QStringLiteral("VIEW"));
    parser.addOption(library);
    parser.addOption(screenshot);
    parser.addOption(showView);
    parser.addPositionalArgument(QStringLiteral("PATH"),
        QApplication::translate("main", "Files or folders to import; a postgresql:// URL opens that team library."),
        QStringLiteral("[PATH...]"));
    parser.process(app);
    // `dossier postgresql://…` opens the team library, as --library does.
    QString libraryPath = parser.value(library);
    QStringList paths = parser.positionalArguments();
    for (auto it = paths.begin(); it != paths.end();) {
        if (Dossier::Core::Library::isServerLocation(*it)) {
            libraryPath = *it;
            it = paths.erase(it);
        } else {
            ++it;
        }
    }

    // A library an earlier build kept elsewhere moves to the data folder at the first start.
    const Dossier::Core::DataLocations::LegacyMove moved = Dossier::Core::DataLocations::moveLegacyData();
    Dossier::Ui::MainWindow window;
    window.adoptMovedData(moved);
    // A damaged library leaves the window open on the dialog that offers to repair it.
    if (!window.openLibrary(libraryPath) && !window.isOfferingRepair()) {
        return 1;
    }
    if (!paths.isEmpty()) {
        window.importPaths(paths);
    }
    if (parser.isSet(screenshot)) {
        window.resize(1400, 860);
    }
    window.show();
    window.reportMovedData(moved);
    if (parser.isSet(screenshot)) {
        // Grab only once the event loop has laid out and painted the window.
        QTimer::singleShot(300, &window, [&] {
            // The Copies view shows the first listed story that has copies; the others the newest article.
            int row = 0;
            const QAbstractItemModel *list = window.documentView()->model();
            if (parser.value(showView) == QLatin1String("copies")) {
                for (int r = 0; r < list->rowCount(); ++r) {
                    if (list->index(r, 0).data(Dossier::Ui::DocumentListModel::CopyCountRole).toInt() > 0) {
                        row = r;
                        break;
                    }
                }
            }
            window.documentView()->selectRow(row);
            if (parser.isSet(showView)) {
                // The view's toggle in the View menu, as a user would open it.
                auto *action = window.findChild<QAction *>(parser.value(showView) + QStringLiteral("Action"));
                if (action == nullptr) {
                    std::fprintf(stderr, "no view %s\n", qPrintable(parser.value(showView)));
                    QApplication::exit(2);
                    return;
                }
                if (!action->isChecked()) {
                    action->trigger();
                }
                // Room enough to see it: a dock's toggle belongs to the dock.
                if (auto *dock = qobject_cast<QDockWidget *>(action->parent())) {
                    window.resizeDocks({ dock }, { 420 }, Qt::Vertical);
                    window.resizeDocks({ dock }, { 1000 }, Qt::Horizontal);
                }
            }
            QTimer::singleShot(parser.isSet(showView) ? 2000 : 700, &window, [&] {
                const bool saved = window.grab().save(parser.value(screenshot));
                std::fprintf(stderr, "%s %s\n", saved ? "saved" : "cannot save", qPrintable(parser.value(screenshot)));
                QApplication::exit(saved ? 0 : 1);
            });
        });
    }
    return app.exec();
}
