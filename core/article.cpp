#include "article.h"

namespace Dossier::Core
{

namespace
{
constexpr std::pair<EntityType, const char *> typeNames[] = {
    { EntityType::Person, "PERSON" },
    { EntityType::Org, "ORG" },
    { EntityType::Location, "LOCATION" },
    { EntityType::Date, "DATE" },
    { EntityType::Money, "MONEY" },
};
} // namespace

QString entityTypeName(EntityType type)
{
    for (const auto &[t, name] : typeNames) {
        if (t == type) {
            return QLatin1String(name);
        }
    }
    return {};
}

bool entityTypeFromName(QStringView name, EntityType *type)
{
    for (const auto &[t, n] : typeNames) {
        if (name.compare(QLatin1String(n), Qt::CaseInsensitive) == 0) {
            *type = t;
            return true;
        }
    }
    // Accept the common spellings too.
    if (name.compare(u"PER", Qt::CaseInsensitive) == 0) {
        *type = EntityType::Person;
        return true;
    }
    if (name.compare(u"LOC", Qt::CaseInsensitive) == 0 || name.compare(u"PLACE", Qt::CaseInsensitive) == 0) {
        *type = EntityType::Location;
        return true;
    }
    if (name.compare(u"ORGANIZATION", Qt::CaseInsensitive) == 0
        || name.compare(u"ORGANISATION", Qt::CaseInsensitive) == 0) {
        *type = EntityType::Org;
        return true;
    }
    return false;
}

} // namespace Dossier::Core
