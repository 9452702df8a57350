#include "mainwindow.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("dossier"));
    QApplication::setApplicationDisplayName(QStringLiteral("Dossier"));
    QApplication::setOrganizationName(QStringLiteral("dossier"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Dossier: a research browser for news articles."));
    parser.addHelpOption();
    const QCommandLineOption library(
        QStringLiteral("library"), QStringLiteral("Open this library file."), QStringLiteral("PATH"));
    parser.addOption(library);
    parser.addPositionalArgument(
        QStringLiteral("PATH"), QStringLiteral("Files or folders to import."), QStringLiteral("[PATH...]"));
    parser.process(app);

    Dossier::Ui::MainWindow window;
    window.openLibrary(parser.isSet(library) ? parser.value(library) : QString());
    if (!parser.positionalArguments().isEmpty()) {
        window.importPaths(parser.positionalArguments());
    }
    window.show();
    return app.exec();
}
