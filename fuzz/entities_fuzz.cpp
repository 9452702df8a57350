// Fuzzes the entity pipeline (core/analysis): the default recognizer (rules, gazetteers, the
// sequence tagger, dates and amounts) on a headline and a body, then groupMentions().

#include "analysis/entityrecognizer.h"
#include "fuzzsupport.h"

using namespace Dossier;

namespace
{

// 16 KB is a long article; the recognizer is linear, so this bounds each run.
constexpr size_t maxInput = 16 * 1024;

QList<Core::RawMention> recognize(QStringView text, bool headline)
{
    Core::RecognizeContext context;
    context.articleDate = QDate(2024, 11, 13);
    context.headline = headline;
    const QList<Core::RawMention> mentions = Core::defaultRecognizer().recognize(text, context);
    for (const Core::RawMention &mention : mentions) {
        Fuzz::check(mention.start >= 0 && mention.start < mention.end && mention.end <= text.size(),
            "a recognized mention is a non-empty span of the text");
    }
    return mentions;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput) {
        return Fuzz::reject;
    }
    // The first line is the headline, the rest the body (as a reader hands them on).
    const QString input = Fuzz::text(data, size);
    const qsizetype newline = input.indexOf(u'\n');
    const QStringView title = newline < 0 ? QStringView() : QStringView(input).first(newline);
    const QStringView body = newline < 0 ? QStringView(input) : QStringView(input).sliced(newline + 1);

    const QList<Core::RawMention> titleMentions = recognize(title, true);
    const QList<Core::RawMention> bodyMentions = recognize(body, false);
    const Core::GroupedEntities grouped = Core::groupMentions(body, bodyMentions, title, titleMentions);

    QList<int> mentionsOf(grouped.entities.size(), 0);
    qsizetype previousStart = 0;
    for (const Core::Mention &mention : grouped.mentions) {
        Fuzz::check(mention.start >= previousStart, "mentions are sorted by start");
        Fuzz::check(mention.start < mention.end && mention.end <= body.size(), "a mention is a span of the body");
        Fuzz::check(mention.entity >= 0 && mention.entity < grouped.entities.size(), "a mention names an entity");
        Fuzz::check(grouped.entities[mention.entity].type == mention.type, "a mention has its entity's type");
        previousStart = mention.start;
        ++mentionsOf[mention.entity];
    }
    for (qsizetype i = 0; i < grouped.entities.size(); ++i) {
        const Core::Entity &entity = grouped.entities[i];
        Fuzz::check(!entity.name.isEmpty(), "an entity has a name");
        Fuzz::check(!entity.aliases.contains(entity.name), "an entity's aliases leave out its name");
        Fuzz::check(entity.count >= mentionsOf[i] && entity.count > 0, "an entity counts its mentions");
    }
    return 0;
}
