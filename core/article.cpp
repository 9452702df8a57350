#include "article.h"

#include <algorithm>

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

int Article::pageAt(qsizetype offset) const
{
    if (pageStarts.isEmpty()) {
        return 0;
    }
    // The last page starting at or before the offset.
    const auto after = std::upper_bound(pageStarts.cbegin(), pageStarts.cend(), offset);
    return std::max(1, int(after - pageStarts.cbegin()));
}

QString Article::pageLabel(qsizetype start, qsizetype end) const
{
    const int first = pageAt(start);
    if (first == 0) {
        return {};
    }
    // The range ends before its end offset: a passage ending exactly where a page begins is not on it.
    const int last = std::max(first, pageAt(std::max(start, end - 1)));
    return first == last ? QStringLiteral("p. %1").arg(first) : QStringLiteral("pp. %1–%2").arg(first).arg(last);
}

} // namespace Dossier::Core
