#pragma once

#include <QLocale>

class QTranslator;

namespace Dossier::Core
{

/*! Installs Dossier's catalogue (compiled from translations/dossier_<lang>.ts, under :/i18n) for
    the first of \a locale's UI languages that has one, else the English one, which holds the
    plural forms of the English source strings ("1 article", "2 articles"). Returns the translator,
    owned by the application, or nullptr when no catalogue could be loaded. */
QTranslator *installTranslator(const QLocale &locale = QLocale());

} // namespace Dossier::Core
