#include "analysis/entityrecognizer.h"

#include <QHash>

namespace Dossier::Core {

QString entityKey(QStringView name)
{
    QString decomposed = name.toString().normalized(QString::NormalizationForm_KD);
    QString key;
    key.reserve(decomposed.size());
    bool space = false;
    for (const QChar c : std::as_const(decomposed)) {
        if (c.category() == QChar::Mark_NonSpacing || c == u'.' || c == u'\'' || c == u'\u2019') {
            continue;
        }
        if (c.isSpace() || c == u'-') {
            space = !key.isEmpty();
            continue;
        }
        if (space) {
            key.append(u' ');
            space = false;
        }
        key.append(c.toCaseFolded());
    }
    if (key.startsWith(u"the ")) {
        key.remove(0, 4);
    }
    return key;
}

GroupedEntities groupMentions(QStringView body, const QList<RawMention> &bodyMentions, QStringView title,
                              const QList<RawMention> &titleMentions)
{
    GroupedEntities grouped;
    QHash<QString, int> byKey; // type + key -> entity index
    const auto add = [&](QStringView text, const RawMention &raw) {
        const QString surface = text.sliced(raw.start, raw.end - raw.start).toString();
        const QString canonical = raw.canonical.isEmpty() ? surface : raw.canonical;
        const QString key = entityTypeName(raw.type) + QLatin1Char(':') + entityKey(canonical);
        auto it = byKey.constFind(key);
        int index;
        if (it == byKey.constEnd()) {
            index = int(grouped.entities.size());
            byKey.insert(key, index);
            grouped.entities.append(Entity{canonical, raw.type, {}, 0});
        } else {
            index = *it;
        }
        Entity &entity = grouped.entities[index];
        ++entity.count;
        if (surface != entity.name && !entity.aliases.contains(surface)) {
            entity.aliases.append(surface);
        }
        return index;
    };
    for (const RawMention &raw : titleMentions) {
        add(title, raw);
    }
    for (const RawMention &raw : bodyMentions) {
        const int index = add(body, raw);
        grouped.mentions.append(Mention{raw.start, raw.end, raw.type, index});
    }
    std::sort(grouped.mentions.begin(), grouped.mentions.end(),
              [](const Mention &a, const Mention &b) { return a.start < b.start; });
    return grouped;
}

} // namespace Dossier::Core
