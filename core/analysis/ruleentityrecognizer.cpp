#include "analysis/entityrecognizer.h"

#include <QRegularExpression>

namespace Dossier::Core {

namespace {

/*! A first engine: runs of capitalised words, typed by nothing better than a guess. */
class RuleEntityRecognizer final : public EntityRecognizer
{
public:
    QList<RawMention> recognize(QStringView text, const RecognizeContext &) const override
    {
        static const QRegularExpression run(QStringLiteral(R"(\b\p{Lu}[\p{L}.'-]+(?:\s+\p{Lu}[\p{L}.'-]+)*)"));
        QList<RawMention> mentions;
        auto it = run.globalMatchView(text);
        while (it.hasNext()) {
            const auto match = it.next();
            mentions.append(RawMention{match.capturedStart(), match.capturedEnd(), EntityType::Org, {}});
        }
        return mentions;
    }
};

} // namespace

const EntityRecognizer &defaultRecognizer()
{
    static const RuleEntityRecognizer recognizer;
    return recognizer;
}

} // namespace Dossier::Core
