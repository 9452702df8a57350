// Fuzzes the date and quantity parsers (core/analysis/dates.*, quantities.*): publication dates in
// metadata, DATE and MONEY mentions in text (absolute and relative), and exact amount scaling.

#include "analysis/dates.h"
#include "analysis/quantities.h"
#include "analysis/tokenizer.h"
#include "fuzzsupport.h"

#include <QRegularExpression>

using namespace Dossier;

namespace
{

// Dates and amounts are short; 4 KB holds many of them and keeps runs fast.
constexpr size_t maxInput = 4 * 1024;

bool isIsoDate(QStringView iso)
{
    return QDate::fromString(iso.first(std::min<qsizetype>(iso.size(), 10)), Qt::ISODate).isValid();
}

void checkTokens(QStringView text, const QList<Core::Token> &tokens)
{
    qsizetype previousEnd = 0;
    for (const Core::Token &token : tokens) {
        Fuzz::check(token.start >= previousEnd && token.start < token.end && token.end <= text.size(),
            "tokens are non-empty, in order and inside the text");
        previousEnd = token.end;
    }
}

void checkQuantities(QStringView text, const QList<Core::Token> &tokens, QDate articleDate)
{
    static const QRegularExpression date(QStringLiteral(R"(^\d{4}(-\d{2}(-\d{2})?)?$)"));
    static const QRegularExpression money(QStringLiteral(R"(^\d+(\.\d+)? [A-Z]{3}$)"));
    QList<Core::RawMention> mentions;
    Core::recognizeQuantities(text, tokens, articleDate, &mentions);
    for (const Core::RawMention &mention : std::as_const(mentions)) {
        Fuzz::check(mention.start >= 0 && mention.start < mention.end && mention.end <= text.size(),
            "a mention is a non-empty span of the text");
        if (mention.type == Core::EntityType::Date) {
            Fuzz::check(date.match(mention.canonical).hasMatch(), "a DATE is YYYY, YYYY-MM or YYYY-MM-DD");
            Fuzz::check(mention.canonical.size() < 10 || isIsoDate(mention.canonical), "a DATE is a real day");
        } else {
            Fuzz::check(mention.type == Core::EntityType::Money, "quantities are DATE or MONEY");
            Fuzz::check(money.match(mention.canonical).hasMatch(), "MONEY is '<amount> <ISO 4217 code>'");
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > maxInput) {
        return Fuzz::reject;
    }
    const QString text = Fuzz::text(data, size);
    const QString iso = Core::Dates::parse(text);
    Fuzz::check(iso.isEmpty() || isIsoDate(iso), "a parsed date is a real ISO 8601 day");
    Fuzz::check(Core::Dates::parseDate(text).isValid() == !iso.isEmpty(), "parseDate agrees with parse");

    const QList<Core::Token> tokens = Core::tokenize(text);
    checkTokens(text, tokens);
    checkQuantities(text, tokens, QDate());
    checkQuantities(text, tokens, QDate(2024, 11, 13));

    static const QRegularExpression amount(QStringLiteral(R"(^(0|[1-9]\d*)(\.\d*[1-9])?$)"));
    for (const Core::Token &token : tokens) {
        if (token.is(Core::Token::Number)) {
            for (int exponent : { 0, 3, 9 }) {
                const QString scaled = Core::scaleAmount(QStringView(text).sliced(token.start, token.size()), exponent);
                Fuzz::check(scaled.isEmpty() || amount.match(scaled).hasMatch(), "a scaled amount is a plain number");
            }
        }
    }
    return 0;
}
