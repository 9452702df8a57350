#include "translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace Dossier::Core
{

QTranslator *installTranslator(const QLocale &locale)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    const QString folder = QStringLiteral(":/i18n");
    const QString name = QStringLiteral("dossier");
    if (translator->load(locale, name, QStringLiteral("_"), folder)
        || translator->load(name + QStringLiteral("_en"), folder)) {
        QCoreApplication::installTranslator(translator);
        return translator;
    }
    delete translator;
    return nullptr;
}

} // namespace Dossier::Core
