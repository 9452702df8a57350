#include "analysis/textcleaning.h"

#include "analysis/dates.h"

#include <QRegularExpression>

#include <algorithm>
#include <functional>

namespace Dossier::Core::TextCleaning
{

namespace
{

constexpr auto unicode = QRegularExpression::UseUnicodePropertiesOption;
constexpr auto caseless = QRegularExpression::CaseInsensitiveOption;

// Hard-wrapped text (lynx -dump without -width, fold, e-mail): widths we recognise.
constexpr qsizetype minWrapWidth = 60;
constexpr qsizetype maxWrapWidth = 100;
constexpr qsizetype wrapSlack = 20;
constexpr qsizetype minWrappedLines = 10;
constexpr qsizetype maxOutliers = 3; // lines longer than the width of a wrapped text
constexpr qsizetype outlierShare = 50; // … and no more than one in this many, but one always

bool isCjk(char16_t c)
{
    return (c >= 0x3040 && c <= 0x30FF) // kana
        || (c >= 0x3400 && c <= 0x9FFF) // CJK ideographs
        || (c >= 0xAC00 && c <= 0xD7AF) // Hangul syllables
        || (c >= 0xF900 && c <= 0xFAFF);
}

bool hasLowercase(QStringView text)
{
    for (const QChar c : text) {
        if (c.isLower()) {
            return true;
        }
    }
    return false;
}

bool containsWord(QStringView context, const QString &word)
{
    qsizetype from = 0;
    while (true) {
        const qsizetype at = context.indexOf(word, from);
        if (at < 0) {
            return false;
        }
        const qsizetype end = at + word.size();
        const bool startOk = at == 0 || !context.at(at - 1).isLetter();
        const bool endOk = end >= context.size() || !context.at(end).isLetter();
        if (startOk && endOk) {
            return true;
        }
        from = at + 1;
    }
}

// What may follow the place of a dateline before the dash: ", Region", ", Nov. 5, 2024" (capitalised
// words and numbers), then "(Agency)": "…, Maharashtra, India (NewsVoir) – ", " (Reuters) - ", " — ".
bool datelineTail(QStringView rest)
{
    static const QRegularExpression tail(
        QStringLiteral(R"(^((?:,[^—–()]{1,60}?)?)\s*(?:\([^)]{1,40}\)\s*)?(?:[—–]|--?)\s)"), unicode);
    static const QRegularExpression lowerWord(QStringLiteral(R"((?:^|[\s,])\p{Ll})"), unicode);
    const auto m = tail.matchView(rest);
    return m.hasMatch() && !lowerWord.matchView(m.capturedView(1)).hasMatch();
}

} // namespace

bool isWeekdayOrMonth(QStringView word)
{
    static const QRegularExpression names(
        QStringLiteral("^(?:mon|tues|wednes|thurs|fri|satur|sun)day$|^(?:january|february|march|april|may|june|july|"
                       "august|september|october|november|december|today|yesterday|updated|published|posted)$"),
        caseless);
    return names.matchView(word).hasMatch();
}

int wordCount(QStringView line)
{
    int words = 0;
    int cjk = 0;
    bool inWord = false;
    for (const QChar c : line) {
        if (isCjk(c.unicode())) {
            ++cjk;
            inWord = false;
        } else if (c.isSpace()) {
            inWord = false;
        } else if (!inWord) {
            ++words;
            inWord = true;
        }
    }
    return words + (cjk + 1) / 2;
}

bool isBullet(QStringView line)
{
    static const QRegularExpression bullet(QStringLiteral(u"^(?:[*+•·▪■►‣◦o–—-]|\\d{1,3}[.)])\\s+\\S"), unicode);
    return bullet.matchView(line).hasMatch();
}

bool endsSentence(QStringView line)
{
    static const QString closers = QStringLiteral(u")]}»”’\"'」』）*");
    static const QString enders = QStringLiteral(u".!?…。！？");
    qsizetype end = line.size();
    while (end > 0 && (closers.contains(line.at(end - 1)) || line.at(end - 1).isSpace())) {
        --end;
    }
    return end > 0 && enders.contains(line.at(end - 1));
}

QStringList boilerplateTerms(QStringView line)
{
    // Words that mark site furniture rather than article prose; only strong ones, since a short
    // subhead inside an article that matched would cut the article in two.
    static const QRegularExpression vocabulary(
        QStringLiteral(
            u"©|\\b(?:log(?:ged)?[ -]?(?:in|out)|sign[ -]?(?:in|up|out)|register|registration|subscribe|"
            u"subscriptions?|subscribers?|newsletters?|cookies?|privacy|terms (?:of|and) (?:use|service|conditions)|"
            u"rights reserved|copyright|share|shares|sharing|copy "
            u"link|tweet|facebook|twitter|whatsapp|linkedin|pinterest|"
            u"e-?mail (?:this|us|updates)|print|comments?|reply|advertisement|advertising|sponsored|"
            u"related (?:stories|articles|posts|content|links)|recommended|trending|"
            u"most (?:read|popular|viewed|shared)|read more|more (?:headlines|stories|news|articles)|more in|see "
            u"also|follow us|skip to|back to top|"
            u"next (?:article|story|post)|previous (?:article|story|post)|load more|password|username|filed under|"
            u"click here|download (?:the|our) app|redirected|javascript|explore further|see more|don'?t miss|"
            u"also read|read also|inbox|recaptcha|alerts|you might (?:also )?(?:like|enjoy)|"
            u"(?:might|may) (?:also )?be interested in|view this post on|"
            // An author card's and a live page's chrome: "See full bio", "Why you can trust …", "View all 190
            // images", "Politics latest: Follow live", "Be the first to get breaking news".
            u"(?:see|read|view) full bio|why you can trust|view all \\d+ (?:images|photos|pictures)|follow live|"
            u"be the first to (?:get|know|see|hear)|"
            // Paywalls and disclaimers: "Get unlimited access … Start Free Trial", "The opinions expressed here
            // are the author's", "Find out about our editorial policies".
            u"unlimited access|free trial|opinions expressed|editorial polic(?:y|ies)|"
            // Donation prompts: "Support independent journalism", "… as little as $1 a month".
            u"support (?:our |independent |quality |local )?(?:journalism|newsroom|reporting)|as little as [$€£]\\d|"
            // The same in the other languages our sources use most.
            u"bronnen|quellen|fuentes|fontes|anmelden|abonnieren|inloggen|connexion|abonnez|suscr[ií]bete|compartir|"
            u"partager|teilen|delen|coment[áa]rios?|comentarios?|commentaires?|kommentare|reacties|publicidad|werbung|"
            u"anzeige)\\b"),
        unicode | caseless);
    QStringList terms;
    for (auto it = vocabulary.globalMatchView(line); it.hasNext();) {
        QString term = it.next().captured().toLower();
        if (term.size() > 3 && term.endsWith(u's')) {
            term.chop(1); // "comments" and "comment", "shares" and "share" are one term
        }
        terms.append(std::move(term));
    }
    return terms;
}

int boilerplateHits(QStringView line)
{
    return int(boilerplateTerms(line).size());
}

bool isConsentBanner(QStringView line)
{
    static const QRegularExpression consent(
        QStringLiteral(R"(\b(?:we use cookies|(?:site|website) uses cookies|use of cookies|allow cookies|)"
                       R"(cookies? (?:settings|policy|preferences|notice)|accept(?:ing)? (?:all )?cookies)\b)"),
        caseless);
    return wordCount(line) <= 100 && consent.matchView(line).hasMatch();
}

bool isDisclosure(QStringView line)
{
    static const QRegularExpression disclosure(
        QStringLiteral(
            R"(\b(?:we|site) (?:may|might|could|can) (?:earn|receive|get|make) (?:an? )?(?:small |affiliate )?)"
            R"((?:commissions?|compensation|money|fees?|share of (?:the )?(?:sales?|revenue))|)"
            R"(\bwe (?:earn|receive) (?:an? )?(?:small |affiliate )?(?:commissions?|compensation)|)"
            R"(\baffiliate (?:links?|commissions?|partnerships?)\b|)"
            // The small print of a sign-up form: "By submitting your information you agree to …".
            R"(\bby (?:submitting|signing up|subscribing|registering|clicking)\b[^.]{0,60}\byou (?:agree|accept|consent)\b)"),
        caseless);
    constexpr int maxWords = 60;
    return wordCount(line) <= maxWords && disclosure.matchView(line).hasMatch();
}

bool isHardStop(QStringView line)
{
    static const QRegularExpression stop(
        QStringLiteral(u"©|\\b(?:comments?|reply|replies|copyright|rights reserved|newsletters?|subscribe|sign up|"
                       u"trending|most (?:read|popular|viewed|shared)|recommended|you may also like|more from|related|"
                       u"about the author|more for you|editor['’]?s picks|read next|up next|you might also like|"
                       u"more stories|latest news|tags?:|leave a|"
                       // "Share this video" belongs to a player or a gallery inside the article.
                       u"share "
                       u"this(?!\\s+(?:video|gallery|image|photo|picture|clip|chart|graphic|map|slideshow))|kommentare|"
                       u"commentaires|comentarios|"
                       u"support (?:our |independent |quality |local )?(?:journalism|newsroom|reporting))\\b|"
                       // "Tags:" ends with no word after the colon when the tags are on the next line.
                       u"^tags?:|"
                       // A donation box's label: "Support Example News".
                       u"^support (?:us|\\p{Lu}[\\w.'’-]*(?: \\p{Lu}[\\w.'’-]*)?)$"),
        unicode | caseless);
    return wordCount(line) <= 12 && stop.matchView(line).hasMatch();
}

bool isMarkupDebris(QStringView line)
{
    static const QRegularExpression debris(
        QStringLiteral(R"(^\[[^\]]*\]$|\(BUTTON\)|_{4,}|^IFRAME:|^#\S|^(?:https?://|www\.)\S+$|)"
                       R"(\[[^\[\]\s]{1,300}\.(?:jpe?g|png|gif|svg|webp)\])"),
        caseless);
    // A shop's button under a product: "$2,499 at Example Store", "[DEL: Was $679 :DEL] Now $579 on
    // Example.", "£40 from Example" (a price, then where to buy it, and nothing else).
    static const QRegularExpression buy(
        QStringLiteral(R"(^(?:\[DEL:[^\]]*:DEL\]\s*)?(?:(?:was|now|only|from)\s+)?[$£€]\s?\d[\d,.]*\s+)"
                       R"((?:at|on|from|@)\s+[^\s.]\S*(?:\s+\S+){0,3}?\.?(?:\s*\([^)]{1,20}\))?$)"),
        caseless);
    if (buy.matchView(line).hasMatch()) {
        return true;
    }
    bool hasText = false;
    for (const QChar c : line) {
        if (c.isLetterOrNumber()) {
            hasText = true;
            break;
        }
    }
    return !hasText || debris.matchView(line).hasMatch();
}

bool isByline(QStringView line)
{
    static const QRegularExpression byline(
        QStringLiteral(R"(^(?:by|written by|words by|text by|reporting by|von|por|par|door|di)(?:\s+\p{Lu}|$)|)"
                       R"(^(?:author|posted by|auteur|autor)\b)"),
        unicode | caseless);
    // The alt text of the author's photo, then the byline: "Headshot of Jane Doe By Jane DoePublished: …".
    static const QRegularExpression headshot(
        QStringLiteral(R"(^(?:author(?:'s|’s)? )?(?:headshot|avatar|author photo|author image) of\s+\S)"),
        unicode | caseless);
    // A byline glued to its label, or a name to its role: "ByJane Doe", "Jane DoeWriter" (case-sensitive:
    // "ByteDance said …" and "The Ghost Writer" are none).
    static const QRegularExpression glued(
        QStringLiteral(
            R"(^By\p{Lu}\p{Ll}|^(?:\p{Lu}[\p{L}.'’-]*\s+){1,3}\p{Lu}\p{Ll}+(?:Staff |Senior |Contributing )?)"
            R"((?:Writer|Reporter|Editor|Author|Contributor|Correspondent|Columnist)$)"),
        unicode);
    return (wordCount(line) <= 10 && (byline.matchView(line).hasMatch() || glued.matchView(line).hasMatch()))
        || (wordCount(line) <= 24 && headshot.matchView(line).hasMatch());
}

bool isShootCredit(QStringView line)
{
    // Two roles at least, each opening the line or a sentence (glued on or not): one alone may be a fact
    // in a list ("Production: 40,000 barrels a day").
    static const QRegularExpression role(
        QStringLiteral(R"((?:^|[.;,|]\s*)(?:styling|stylist|fashion(?: editor| director)?|hair(?: and make-?up)?|)"
                       R"(make-?up|grooming|photographer|photography|creative direction|creative director|)"
                       R"(art direction|art director|set design(?:er)?|prop styling|props|production|producer|casting|)"
                       R"(manicure|nails|tailoring)(?: assistan(?:ce|t))?\s*:\s*\S)"),
        unicode | caseless);
    int roles = 0;
    for (auto it = role.globalMatchView(line); it.hasNext() && roles < 2; it.next()) {
        ++roles;
    }
    return roles >= 2;
}

bool isCredit(QStringView line)
{
    static const QRegularExpression credit(
        QStringLiteral(
            R"(^(?:©|\(c\)\s|copyright\b)|)"
            R"(^\(?(?:with )?(?:additional )?(?:reporting|editing|writing|compiled|translated|produced) by\b|)"
            R"(^(?:(?:lead|main|top|cover|hero|header|featured|opening) )?(?:photo|image|picture|illustration|video)s?)"
            R"((?: credit)?\s*:|^(?:source|credit|citation)s?\s*:|)"
            // A numbered note under the article: "[2] Jane Doe to the Board, May 8, 1980, Box 4, …".
            R"(^\[\d{1,3}\]\s+\S|)"
            R"(^(?:photo|photograph|image|picture|illustration|video)s?\s+(?:provided |supplied )?by\s+\S|)"
            R"(contributed (?:to )?this report|)"
            R"(\bis (?:an?|the|\w+['’]s) (?:[\w-]+ ){0,4}(?:reporter|writer|editor|correspondent|journalist|)"
            R"(columnist|contributor)\b)"),
        unicode | caseless);
    // An author's bio under the article: "Jane Doe (@jdoe) is a senior writer at …", "Jane Doe writes
    // about …", "Editor: Jane Doe has been writing about games since 2010 …", however long.
    static const QRegularExpression bio(
        QStringLiteral(R"(^(?:[\p{L} ]{1,40}: |• ?)?(?:\p{Lu}[\p{L}.'’-]*\s+){1,4}(?:\(@\w+\)\s+)?(?:)"
                       // (The job may be capitalised: "is the Senior Entertainment Editor at …".)
                       R"(is (?:an?|the|\w+['’]s) (?:[\w-]+ ){0,5}(?i:reporter|writer|editor|correspondent|)"
                       R"(journalist|columnist|contributor|freelancer)s?\b|)"
                       R"(writes (?:about|for) |has been writing (?:about|on|for) |)"
                       R"(has written (?:about|for) ))"),
        unicode);
    return (wordCount(line) <= 40 && credit.matchView(line).hasMatch()) || bio.matchView(line).hasMatch()
        || isShootCredit(line);
}

bool isCaption(QStringView line)
{
    static const QRegularExpression caption(
        QStringLiteral(
            R"(\((?:image|photo|picture|pic|credit|source|foto)s?(?: credits?)?\s*:[^)]*\)\s*$|^in this (?:\w+ )?photo\b|)"
            // A caption after its label: "Media caption Mr Obama told …", "Image copyright EPA Image caption …".
            R"(^(?:image|media|video) ?caption|^image copyright\b|)"
            R"(\b(?:getty images|ap photo|afp photo|reuters/|shutterstock|file photo|photo credit)\b|)"
            R"(^\d+\s*of\s*\d+\S|\([^()]{2,60}/[^()]{2,60}\)$|\bvia (?:AP|Reuters|AFP|Getty(?: Images)?)\)?$|)"
            // A caption with its credit at the end: "… in July 2023. Credit: Jane Doe", "…
            // Photograph: Jane Doe/AFP/Getty", "… Credit...Jane Doe/The Times".
            R"((?:^|[\s.])(?:(?:image |photo )?credit|photograph|photo|image|picture)s?\s*(?::|\.{2,}|…)\s*[^\s.:][^.:]{1,80}$)"),
        unicode | caseless);
    // A credit glued to the caption it ends, or set after its last sentence: "… colder than the depths
    // of space.Jane Doe/Google Research", "… cacio e pepe. Jane Doe/Insider".
    static const QRegularExpression gluedCredit(
        QStringLiteral(
            R"([\p{Ll}\d)”"’][.!?][”"’]? ?\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}.'’-]*){1,3} ?/ ?\p{Lu}[^/.]{0,40}(?:/[^/.]{1,40}){0,3}$)"),
        unicode);
    // A name glued to the caption's last sentence without a space or a slash: "… may hold Majorana
    // quasiparticles.Jane Doe", "… with errors.Google". Not a button glued on the same way ("….Click To
    // Tweet", "….Download PDF"): those are the page's, the sentence before them the article's.
    static const QRegularExpression gluedName(
        QStringLiteral(R"([\p{Ll}\d)][.!?][”"’]?(\p{Lu}[\p{L}'’-]+(?: \p{Lu}[\p{L}.'’-]*){0,3})$)"), unicode);
    static const QRegularExpression button(
        QStringLiteral(R"(^(?:click|tweet|share|download|log|sign|subscribe|read|ok|continue|more)\b)"),
        unicode | caseless);
    constexpr int minGluedCaptionWords = 5;
    // A photo credit on its own line: "Jane Doe/AP", "NASA / Dave Ryan", "Jane Doe/Invision/AP", "Courtesy of the
    // museum", "Image 2 of 5".
    static const QRegularExpression photo(
        QStringLiteral(
            R"(^\p{Lu}[\p{L}.'’&-]*(?: [\p{L}.'’&-]+){0,3}(?: ?/ ?\p{Lu}[\p{L}.'’&-]*(?: [\p{L}.'’&-]+){0,3}){1,3}$|)"
            R"(^(?:photo |image )?courtesy (?:of )?\S|^(?:image|photo|picture|slide) \d+ of \d+$|)"
            // The button that shows or hides a caption.
            R"(^(?:toggle|hide|show|expand|collapse|close) (?:image )?caption$|^enlarge (?:this )?image$)"),
        unicode | caseless);
    constexpr int maxPhotoCreditWords = 8;
    if (wordCount(line) <= maxPhotoCreditWords && !endsSentence(line) && photo.matchView(line).hasMatch()) {
        return true;
    }
    // An image's alt text: what the picture shows, "An image of a smiling man in a suit", "Close up of a
    // chip", or a clause without a full stop on what someone in it does: "Bnxn looks straight at the camera".
    static const QRegularExpression shows(
        QStringLiteral(R"(^(?:an? )?(?:image|photo|photograph|picture|portrait|illustration|screenshot|still|)"
                       R"(close[- ]up|aerial view)s? (?:of|from) \S)"),
        unicode | caseless);
    static const QRegularExpression does(
        QStringLiteral(R"(^\p{Lu}\S*(?: \S+){0,6}? (?:sits|stands|looks|poses|smiles|holds|wears|walks|leans|touches|)"
                       R"(gestures|waves|laughs|sitting|standing|posing|smiling|holding|wearing|leaning|gesturing|)"
                       R"(waving|laughing|pictured) \S)"),
        unicode);
    static const QRegularExpression prose(QStringLiteral(R"([.!?] |^(?:And|But|So|Then|When|As|If) )"), unicode);
    constexpr int maxAltTextWords = 30;
    const int words = wordCount(line);
    if (words <= maxAltTextWords
        && (shows.matchView(line).hasMatch()
            || (words >= 5 && !endsSentence(line) && !prose.matchView(line).hasMatch()
                && does.matchView(line).hasMatch()))) {
        return true;
    }
    // A fashion caption with its shoot's credits: "Bnxn wears a … suit.Photographer: Jane Doe. Creative
    // Director: …".
    if (words <= 100 && words >= minGluedCaptionWords) {
        const QRegularExpressionMatch glued = gluedName.matchView(line);
        if (glued.hasMatch() && !button.matchView(glued.capturedView(1)).hasMatch()) {
            return true;
        }
    }
    return words <= 100
        && (caption.matchView(line).hasMatch() || gluedCredit.matchView(line).hasMatch() || isShootCredit(line));
}

QString unwrapParagraphs(const QString &text)
{
    // Measure: a hard-wrapped dump has no line longer than its width, and many lines close to it.
    QList<qsizetype> lengths;
    qsizetype longest = 0;
    for (const QStringView raw : QStringView(text).tokenize(u'\n')) {
        const qsizetype length = raw.trimmed().size();
        if (length > 0) {
            lengths.append(length);
            longest = std::max(longest, length);
            if (longest > maxWrapWidth) {
                return {};
            }
        }
    }
    if (lengths.size() < 10 || longest < minWrapWidth) {
        return {};
    }
    // The width is that of the longest lines but a few (a heading or a table row may stick out).
    QList<qsizetype> sorted = lengths;
    const qsizetype outliers = std::clamp<qsizetype>(sorted.size() / outlierShare, 1, maxOutliers);
    std::nth_element(sorted.begin(), sorted.begin() + outliers, sorted.end(), std::greater<>());
    const qsizetype width = sorted.at(outliers);
    if (width < minWrapWidth) {
        return {};
    }
    const qsizetype nearWidth = std::count_if(lengths.cbegin(), lengths.cend(),
        [&](qsizetype length) { return length >= width - wrapSlack && length <= width; });
    // Menus add many short lines, so a tenth will do when there are enough of them.
    if (nearWidth * 10 < lengths.size() || nearWidth < minWrappedLines) {
        return {};
    }
    // Join each line that reaches the margin with the line after it, unless that one starts a list item.
    QString result;
    result.reserve(text.size());
    bool joinNext = false;
    for (const QStringView raw : QStringView(text).tokenize(u'\n')) {
        const QStringView line = raw.trimmed();
        if (line.isEmpty()) {
            joinNext = false;
            result.append(u'\n');
            continue;
        }
        if (joinNext && !isBullet(line)) {
            result.append(u' ');
        } else if (!result.isEmpty()) {
            result.append(u'\n');
        }
        result.append(line);
        joinNext = line.size() >= width - wrapSlack;
    }
    return result;
}

QString titleCase(QStringView text)
{
    QString result;
    result.reserve(text.size());
    bool previousLetter = false;
    for (const QChar c : text) {
        result.append(previousLetter ? c.toLower() : c.toUpper());
        previousLetter = c.isLetter();
    }
    return result;
}

Dateline leadingDateline(QStringView line, QStringView context)
{
    // All-caps place: TOKYO, NEW YORK, ST. JOSEPH.
    static const QRegularExpression caps(
        QStringLiteral(R"(^(\p{Lu}[\p{Lu}.'’-]+(?:\s+\p{Lu}[\p{Lu}.'’-]+){0,3})(?=[\s,(:]))"), unicode);
    // Capitalised place fused to the text by a comma: "Tokyo,Japan and the EU…"
    static const QRegularExpression fused(
        QStringLiteral(R"(^(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2}),(?=\p{Lu}))"), unicode);
    // Capitalised place: "Tokyo (Kyodo) - …", "Mumbai, Maharashtra, India (NewsVoir) – …"
    static const QRegularExpression mixed(
        QStringLiteral(R"(^(\p{Lu}\p{Ll}+(?:[ -]\p{Lu}\p{Ll}+){0,2})(?=[,(\s]))"), unicode);
    // After a place without a dash, the sentence starts: "TOKYO Japan and…", but not "CHINA has sent…".
    static const QRegularExpression sentenceStart(QStringLiteral(R"(^:?\s+\p{Lu})"), unicode);
    Dateline result;
    if (const auto m = caps.matchView(line); m.hasMatch()) {
        const QStringView place = m.capturedView(1);
        const QStringView rest = line.mid(m.capturedEnd(1));
        int letters = 0;
        for (const QChar c : place) {
            letters += c.isLetter() ? 1 : 0;
        }
        const QString name = titleCase(place);
        // "TOKYO —", "TOKYO, Nov 5 (Reuters) -" are datelines; "TOKYO Japan and…", "NEW DELHI: The…" only
        // when the place is named again ("NASA said…", "BREAKING: …", "FBI, CIA and NSA…" are not).
        // A headline in capitals has no lower case at all.
        if (letters >= 3 && hasLowercase(rest) && !isWeekdayOrMonth(name)
            && (datelineTail(rest)
                || (sentenceStart.matchView(rest).hasMatch()
                    && (containsWord(rest, name) || containsWord(context, name))))) {
            result.place = name;
            result.length = m.capturedEnd(1);
            return result;
        }
    }
    if (const auto m = fused.matchView(line); m.hasMatch() && !isWeekdayOrMonth(m.capturedView(1))) {
        result.place = m.captured(1);
        result.length = m.capturedEnd(1);
        return result;
    }
    // A capitalised word and a dash is too common ("Meanwhile — …"): a region, date or agency must come between.
    if (const auto m = mixed.matchView(line); m.hasMatch() && !isWeekdayOrMonth(m.capturedView(1))) {
        const QStringView rest = line.mid(m.capturedEnd(1));
        if ((rest.startsWith(u',') || rest.trimmed().startsWith(u'(')) && datelineTail(rest)) {
            result.place = m.captured(1);
            result.length = m.capturedEnd(1);
        }
    }
    return result;
}

QString standaloneDateline(QStringView line)
{
    static const QRegularExpression capsOnly(
        QStringLiteral(R"(^\p{Lu}[\p{Lu}.'’ -]*(?:,\s*\p{Lu}[\p{Lu}.'’ -]*)?$)"), unicode);
    static const QRegularExpression placeAndDate(QStringLiteral(R"(^(\p{Lu}[\p{L}.'’ -]{1,30}?),\s*(.+)$)"), unicode);
    // Credits in capitals under photos ("ITV, ASSOCIATED PRESS") are not places.
    static const QRegularExpression credit(
        QStringLiteral(R"(\b(?:PRESS|NEWS|PHOTOS?|IMAGES?|AP|AFP|REUTERS|GETTY)\b)"));
    if (line.size() <= 30 && wordCount(line) <= 4 && boilerplateHits(line) == 0 && !credit.matchView(line).hasMatch()) {
        if (const auto m = capsOnly.matchView(line); m.hasMatch()) {
            const qsizetype comma = line.indexOf(u',');
            const QString place = titleCase(comma < 0 ? line : line.left(comma)).trimmed();
            if (place.size() >= 3 && !isWeekdayOrMonth(place)) {
                return place;
            }
        }
    }
    if (wordCount(line) <= 8) {
        if (const auto m = placeAndDate.matchView(line); m.hasMatch()) {
            const QStringView place = m.capturedView(1).trimmed();
            if (!isWeekdayOrMonth(place) && !Dates::parse(m.capturedView(2)).isEmpty()) {
                return hasLowercase(place) ? place.toString() : titleCase(place);
            }
        }
    }
    return {};
}

QString leadingAgency(QStringView line)
{
    static const QRegularExpression agency(
        QStringLiteral(R"(^[^()]{0,60}?\((\p{Lu}[\p{L}.&' ]{1,25})\)\s*(?:[—–:]|--?)\s|)"
                       R"(^[^/]{0,80}?/(\p{Lu}[\p{L}.&' ]{1,25})/\s*(?:[—–]|--?)\s)"),
        unicode);
    if (const auto m = agency.matchView(line); m.hasMatch()) {
        return (m.capturedLength(1) ? m.captured(1) : m.captured(2)).trimmed();
    }
    return {};
}

} // namespace Dossier::Core::TextCleaning
