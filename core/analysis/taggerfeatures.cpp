#include "analysis/featurelexicon.h"
#include "analysis/gazetteer.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenhash_p.h"

#include <QSet>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

// How many other occurrences of a name-like word lend it their contexts.
constexpr int OtherOccurrences = 4;

enum Template : quint64 {
    Bias = 1,
    Word,
    Lower,
    Shape,
    ShortShape,
    Prefix1,
    Prefix2,
    Prefix3,
    Prefix4,
    Suffix1,
    Suffix2,
    Suffix3,
    Suffix4,
    LowerBefore1,
    LowerAfter1,
    LowerBefore2,
    LowerAfter2,
    ShapeBefore1,
    ShapeAfter1,
    ShapeBefore2,
    ShapeAfter2,
    BigramBefore,
    BigramAfter,
    ShapeTrigram,
    Context,
    Gazetteer0,
    GazetteerBefore,
    GazetteerAfter,
    Rule0,
    RuleBefore,
    RuleAfter,
    GazetteerRule,
    Lexicon,
    LineWord,
    SuffixShape,
    WordBeforeShape,
    WordAfterShape,
    TitleCue,
    TitleBefore,
    OtherBefore,
    OtherAfter,
    OtherForm,
    Previous,
    Previous2,
    PreviousWord,
    PreviousShape,
    History,
    LexiconHit,
    LexiconList,
    LexiconBefore,
    LexiconAfter,
    ClassFine,
    ClassMiddle,
    ClassCoarse,
    ClassShape,
    ClassBefore,
    ClassAfter,
    ClassBigram,
};

// Kinds of token (TaggerFeatures::Info::kind).
enum Kind : quint8 { Punctuation, LowerWord, Capitalised, AllCaps, Number, OtherWord };

constexpr quint64 Boundary = 0x5bd1e9955bd1e995ULL; // the value of a neighbour past the line

quint64 mix(quint64 x)
{
    x ^= x >> 33;
    x *= 0xff51afd7ed558ccdULL;
    x ^= x >> 33;
    x *= 0xc4ceb9fe1a85ec53ULL;
    x ^= x >> 33;
    return x;
}

quint64 combine(quint64 a, quint64 b)
{
    return mix(a * 0x9e3779b97f4a7c15ULL + b);
}

char16_t shapeOf(QChar c)
{
    if (c.isUpper() || c.isTitleCase()) {
        return u'X';
    }
    if (c.isLetter() || c.isMark()) {
        return u'x';
    }
    if (c.isDigit()) {
        return u'd';
    }
    return c.unicode();
}

} // namespace

TaggerFeatures::TaggerFeatures(
    QStringView text, const QList<Token> &tokens, const RuleEvidence &evidence, const WordClusters &clusters)
    : m_clusters(clusters)
    , m_info(tokens.size())
    , m_labels(tokens.size(), TaggerLabel::Outside)
{
    const Gazetteer &gazetteer = Gazetteer::instance();
    struct Uses {
        int lower = 0; // written in lower case
        int capital = 0; // capitalised inside a prose sentence
        qint32 first = -1; // name-like occurrences: the first and the last so far
        qint32 last = -1;
    };
    std::vector<quint64> lexiconKeys(size_t(tokens.size())); // FeatureLexicon::tokenHash() of each token
    QHash<quint64, Uses> uses; // by case-folded word
    uses.reserve(tokens.size() / 2);
    QVarLengthArray<char16_t, 64> lower;
    QVarLengthArray<char16_t, 64> shape;
    QVarLengthArray<char16_t, 16> shortShape;
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        const Token &token = tokens[t];
        Info &info = m_info[t];
        const QStringView word = text.sliced(token.start, token.size());
        lower.clear();
        shape.clear();
        shortShape.clear();
        int repeat = 0;
        bool digits = false; // other than '0': the lexicon's key differs from the lower-case word's
        for (const QChar c : word) {
            const char16_t folded = foldForHash(c);
            digits = digits || (folded == u'0' && c != u'0');
            lower.append(folded);
            const char16_t s = shapeOf(c);
            repeat = !shape.isEmpty() && shape.last() == s ? repeat + 1 : 0;
            if (repeat < 3 && shape.size() < 24) {
                shape.append(s);
            }
            if ((shortShape.isEmpty() || shortShape.last() != s) && shortShape.size() < 12) {
                shortShape.append(s);
            }
        }
        info.word = hashUnits(reinterpret_cast<const char16_t *>(word.utf16()), word.size());
        info.lower = hashUnits(lower.constData(), lower.size());
        lexiconKeys[size_t(t)] = digits ? FeatureLexicon::tokenHash(word) : info.lower;
        info.shape = hashUnits(shape.constData(), shape.size());
        info.shortShape = hashUnits(shortShape.constData(), shortShape.size());
        for (int k = 0; k < 4 && k < lower.size(); ++k) {
            info.prefix[k] = hashUnits(lower.constData(), k + 1);
            info.suffix[k] = hashUnits(lower.constData() + lower.size() - k - 1, k + 1);
        }
        if (token.is(Token::Number)) {
            info.kind = Number;
        } else if (!token.is(Token::Word)) {
            info.kind = Punctuation;
        } else if (token.is(Token::AllCaps)) {
            info.kind = AllCaps;
        } else if (token.is(Token::Cap)) {
            info.kind = Capitalised;
        } else {
            info.kind
                = std::any_of(word.begin(), word.end(), [](QChar c) { return c.isUpper(); }) ? OtherWord : LowerWord;
        }
        info.position = (token.is(Token::SentenceStart) ? 1 : 0) | (token.is(Token::LineStart) ? 2 : 0)
            | (token.is(Token::Possessive) ? 4 : 0);
        info.lineStart = token.is(Token::LineStart);
        info.columnGap = token.is(Token::ColumnGap);
        info.spaced = token.start > 0 && text[token.start - 1].isSpace();
        info.gazetteer = t < evidence.gazetteer.size() ? evidence.gazetteer[t] : 0;
        info.rule = t < evidence.rule.size() ? evidence.rule[t] : 0;
        info.line = t < evidence.line.size() ? evidence.line[t] : 0;
        info.title = t < evidence.title.size() ? evidence.title[t] : 0;
        const bool nameLike = info.kind == Capitalised || info.kind == AllCaps || info.kind == OtherWord;
        if (nameLike) {
            info.lexicon = gazetteer.wordFlags(info.lower);
        }
        if (info.kind == LowerWord) {
            ++uses[info.lower].lower;
        } else if (nameLike) {
            // Chains of the same name-like word, so that each occurrence sees the contexts of the others:
            // 'ATALANTA' in a headline learns from 'the club Atalanta' in the body.
            Uses &u = uses[info.lower];
            if (info.kind == Capitalised && info.line == 0 && !token.is(Token::SentenceStart)) {
                ++u.capital;
            }
            if (u.last >= 0) {
                m_info[size_t(u.last)].nextSame = qint32(t);
            } else {
                u.first = qint32(t);
            }
            u.last = qint32(t);
            info.firstSame = u.first;
        }
    }
    const std::vector<FeatureLexicon::Hit> lexicon = FeatureLexicon::instance().match(tokens, lexiconKeys);
    for (qsizetype t = 0; t < tokens.size(); ++t) {
        Info &info = m_info[t];
        info.lexiconUnit = lexicon[size_t(t)].unit;
        info.lexiconMulti = lexicon[size_t(t)].multi;
        if (info.kind != Capitalised && info.kind != AllCaps && info.kind != OtherWord) {
            continue;
        }
        const bool self = info.kind == Capitalised && info.line == 0 && !tokens[t].is(Token::SentenceStart);
        const Uses u = uses.value(info.lower);
        info.document = (u.lower > 0 ? 1 : 0) | (u.capital > (self ? 1 : 0) ? 2 : 0);
    }
}

const WordClusters::Classes &TaggerFeatures::classesOf(const Info &info) const
{
    if (!info.classesKnown) {
        info.classesKnown = true;
        if (info.kind != Punctuation) {
            info.classes = m_clusters.classOf(info.lower);
        }
    }
    return info.classes;
}

const TaggerFeatures::Info *TaggerFeatures::at(qsizetype i, int offset) const
{
    if (offset < 0) {
        for (int k = 0; k > offset; --k) {
            if (i + k <= 0 || m_info[i + k].lineStart) {
                return nullptr;
            }
        }
    } else {
        for (int k = 1; k <= offset; ++k) {
            if (i + k >= size() || m_info[i + k].lineStart) {
                return nullptr;
            }
        }
    }
    return &m_info[i + offset];
}

void TaggerFeatures::features(qsizetype i, TaggerFeatureList *out) const
{
    const Info &c = m_info[i];
    const Info *before1 = at(i, -1);
    const Info *before2 = before1 ? at(i, -2) : nullptr;
    const Info *after1 = at(i, 1);
    const Info *after2 = after1 ? at(i, 2) : nullptr;
    const auto lowerOf = [](const Info *x) { return x ? x->lower : Boundary; };
    const auto shapeOf = [](const Info *x) { return x ? x->shortShape : Boundary; };
    const auto add = [out](Template t, quint64 value) { out->append(combine(quint64(t), value)); };

    add(Bias, 0);
    add(Word, c.word);
    add(Lower, c.lower);
    add(Shape, c.shape);
    add(ShortShape, c.shortShape);
    for (int k = 0; k < 4; ++k) {
        if (c.prefix[k]) {
            add(Template(Prefix1 + k), c.prefix[k]);
            add(Template(Suffix1 + k), c.suffix[k]);
        }
    }
    add(LowerBefore1, lowerOf(before1));
    add(LowerAfter1, lowerOf(after1));
    add(LowerBefore2, lowerOf(before2));
    add(LowerAfter2, lowerOf(after2));
    add(ShapeBefore1, shapeOf(before1));
    add(ShapeAfter1, shapeOf(after1));
    add(ShapeBefore2, shapeOf(before2));
    add(ShapeAfter2, shapeOf(after2));
    add(BigramBefore, combine(lowerOf(before1), c.lower));
    add(BigramAfter, combine(c.lower, lowerOf(after1)));
    add(ShapeTrigram, combine(combine(shapeOf(before1), c.shortShape), shapeOf(after1)));
    add(Context, quint64(c.kind) | quint64(c.position) << 4 | quint64(c.line) << 8 | quint64(c.document) << 12);
    add(Gazetteer0, c.gazetteer);
    add(GazetteerBefore, before1 ? before1->gazetteer : 255);
    add(GazetteerAfter, after1 ? after1->gazetteer : 255);
    add(Rule0, c.rule);
    add(RuleBefore, before1 ? before1->rule : 255);
    add(RuleAfter, after1 ? after1->rule : 255);
    add(GazetteerRule, quint64(c.gazetteer) << 8 | c.rule);
    add(Lexicon, quint64(c.lexicon) << 4 | c.kind);
    if (c.line != 0) {
        add(LineWord, combine(c.line, c.lower));
    }
    add(SuffixShape, combine(c.suffix[2], c.shortShape));
    add(WordBeforeShape, combine(lowerOf(before1), c.shortShape));
    add(WordAfterShape, combine(lowerOf(after1), c.shortShape));
    const bool nameLike = c.kind == Capitalised || c.kind == AllCaps || c.kind == OtherWord;
    if (nameLike) {
        // The large name lists, as evidence: which lists know the word, alone or inside a longer name.
        add(LexiconHit, quint64(c.lexiconUnit) | quint64(c.lexiconMulti) << 8);
        for (int l = 0; l < FeatureLexicon::ListCount; ++l) {
            const bool unit = c.lexiconUnit & (1u << l);
            const bool multi = c.lexiconMulti & (1u << l);
            if (unit || multi) {
                add(LexiconList, quint64(l) << 2 | (unit ? 1 : 0) | (multi ? 2 : 0));
            }
        }
        const auto lists = [](const Info *x) { return x ? quint64(x->lexiconUnit | x->lexiconMulti) : 256; };
        add(LexiconBefore, lists(before1));
        add(LexiconAfter, lists(after1));
    }
    // Word classes: what the word is used like in unlabelled text, and what its neighbours are.
    const auto middleOf = [this](const Info *x) { return x ? quint64(classesOf(*x).middle) : 0xffff; };
    const WordClusters::Classes &classes = classesOf(c);
    add(ClassFine, classes.fine);
    add(ClassMiddle, classes.middle);
    add(ClassCoarse, classes.coarse);
    add(ClassShape, quint64(classes.fine) << 8 | c.kind);
    add(ClassBefore, middleOf(before1));
    add(ClassAfter, middleOf(after1));
    add(ClassBigram, middleOf(before1) << 32 | quint64(classes.fine) << 16 | middleOf(after1));
    add(TitleCue, c.title);
    add(TitleBefore, before1 ? before1->title : 255);
    int others = 0;
    for (qint32 j = c.firstSame; j >= 0 && others < OtherOccurrences; j = m_info[size_t(j)].nextSame) {
        if (j == i) {
            continue;
        }
        ++others;
        const Info &o = m_info[size_t(j)];
        add(OtherBefore, lowerOf(at(j, -1)));
        add(OtherAfter, lowerOf(at(j, 1)));
        add(OtherForm, quint64(o.kind) << 8 | quint64(o.line) << 4 | quint64(c.kind));
    }

    const quint64 previous = before1 ? m_labels[i - 1] : 255;
    const quint64 previous2 = before2 ? m_labels[i - 2] : 255;
    add(Previous, previous);
    add(Previous2, previous2 << 8 | previous);
    add(PreviousWord, combine(previous, c.lower));
    add(PreviousShape, combine(previous, c.shortShape));
    if (nameLike) {
        add(History, quint64(m_history.value(c.lower)) << 8 | quint64(c.kind) << 4 | c.line);
    }
}

bool TaggerFeatures::isCommon(qsizetype i) const
{
    const Info &c = m_info[i];
    if (c.kind != Capitalised && c.kind != AllCaps && c.kind != OtherWord) {
        return true;
    }
    return (c.lexicon & 2) || (c.document & 1);
}

bool TaggerFeatures::isPlain(qsizetype i) const
{
    const Info &c = m_info[i];
    if (c.kind == Punctuation) {
        return true;
    }
    if (c.kind != LowerWord && c.kind != Number) {
        return false;
    }
    const Info *next = at(i, 1);
    return !next || (next->kind != Capitalised && next->kind != AllCaps && next->kind != OtherWord);
}

bool TaggerFeatures::isLowerElsewhere(qsizetype i) const
{
    const Info &c = m_info[i];
    return (c.kind != Capitalised && c.kind != AllCaps && c.kind != OtherWord) || (c.document & 1);
}

namespace
{
quint64 hashOf(const char16_t *word)
{
    return hashUnits(word, qsizetype(std::char_traits<char16_t>::length(word)));
}
} // namespace

TaggerFeatures::NameRole TaggerFeatures::nameRole(qsizetype i) const
{
    const auto hashes = [](std::initializer_list<const char16_t *> words) {
        QSet<quint64> set;
        for (const char16_t *word : words) {
            set.insert(hashOf(word));
        }
        return set;
    };
    // Inside a name in any case ('Bank of England', 'Bank Of America' in a headline).
    static const QSet<quint64> connectors = hashes({ u"of", u"and", u"for", u"on", u"in", u"at", u"upon", u"und" });
    // Parts of names in lower case, at any place ('de Silva', 'Charles de Gaulle', 'Rafael van der Vaart').
    static const QSet<quint64> particles = hashes({ u"de", u"del", u"della", u"degli", u"dei", u"der", u"den", u"des",
        u"van", u"von", u"da", u"di", u"du", u"la", u"le", u"les", u"al", u"el", u"bin", u"ibn", u"bint", u"y", u"e",
        u"zu", u"ter", u"ten", u"et", u"au", u"aux", u"sur", u"the" });
    // Inside a name only ('Procter & Gamble'). Particles ('de Silva'), brackets ('Mladost (L)') and the dot of
    // an abbreviation ('Fla.') are left to the tagger.
    static const QSet<quint64> joiningMarks = hashes({ u"&", u"'", u"\u2019", u"-", u"/" });
    static const QSet<quint64> free = hashes({ u".", u"(", u")" });
    // Words that open sentences and never names: a sentence's 'And Biden' is Biden.
    static const QSet<quint64> openers = hashes({ u"but", u"or", u"nor", u"yet", u"if", u"when", u"whenever", u"as",
        u"while", u"after", u"before", u"because", u"since", u"until", u"unless", u"though", u"although", u"whether",
        u"with", u"without", u"by", u"from", u"to", u"into", u"this", u"that", u"these", u"those", u"then", u"there",
        u"here", u"where", u"why", u"how", u"what", u"who", u"which", u"we", u"you", u"he", u"she", u"they", u"his",
        u"her", u"their", u"our", u"my", u"your", u"its", u"is", u"are", u"was", u"were", u"has", u"have", u"had",
        u"does", u"did", u"not", u"yes", u"however", u"meanwhile", u"also", u"than",
        // Greetings and sign-offs of letters and mails ('Dear Nina', 'Kindest regards').
        u"dear", u"hey", u"hi", u"hello", u"thanks", u"thank", u"regards", u"sincerely", u"cheers", u"kindest" });
    static const QSet<quint64> acronyms = hashes({ u"who", u"or", u"as", u"is", u"us", u"it" });
    const Info &c = m_info[size_t(i)];
    switch (c.kind) {
    case Punctuation:
        return joiningMarks.contains(c.word) ? NameRole::Joiner
            : free.contains(c.word)          ? NameRole::Word
                                             : NameRole::None;
    case LowerWord:
        return connectors.contains(c.lower) ? NameRole::Joiner
            : particles.contains(c.lower)   ? NameRole::Word
                                            : NameRole::None;
    case Capitalised:
        if (connectors.contains(c.lower)) {
            return NameRole::Joiner;
        }
        return (c.position & 1) && openers.contains(c.lower) ? NameRole::None : NameRole::Word;
    case AllCaps:
        // Shouted anywhere ('CLICK HERE TO GET FOX BUSINESS ON THE GO'), save the acronyms among them.
        if (connectors.contains(c.lower)) {
            return NameRole::Joiner;
        }
        return openers.contains(c.lower) && !acronyms.contains(c.lower) ? NameRole::None : NameRole::Word;
    default:
        return NameRole::Word;
    }
}

bool TaggerFeatures::joinsPersonName(qsizetype i) const
{
    static const quint64 of = hashOf(u"of");
    static const quint64 hyphen = hashOf(u"-");
    const Info &c = m_info[size_t(i)];
    return c.lower == of || c.word == hyphen;
}

bool TaggerFeatures::isSingleLetter(qsizetype i) const
{
    static const quint64 capital = hashOf(u"X");
    static const quint64 small = hashOf(u"x");
    const quint64 shape = m_info[size_t(i)].shape;
    return shape == capital || shape == small;
}

bool TaggerFeatures::isMark(qsizetype i) const
{
    return m_info[size_t(i)].kind == Punctuation;
}

bool TaggerFeatures::isLowerWord(qsizetype i) const
{
    return m_info[size_t(i)].kind == LowerWord;
}

int TaggerFeatures::bracket(qsizetype i) const
{
    static const quint64 opening[] = { hashOf(u"("), hashOf(u"[") };
    static const quint64 closing[] = { hashOf(u")"), hashOf(u"]") };
    const Info &c = m_info[size_t(i)];
    if (c.kind != Punctuation) {
        return 0;
    }
    return std::find(std::begin(opening), std::end(opening), c.word) != std::end(opening) ? 1
        : std::find(std::begin(closing), std::end(closing), c.word) != std::end(closing)  ? -1
                                                                                          : 0;
}

bool TaggerFeatures::endsSentence(qsizetype i) const
{
    static const quint64 stops[] = { hashOf(u"."), hashOf(u"!"), hashOf(u"?") };
    const Info &c = m_info[size_t(i)];
    if (c.kind != Punctuation || std::find(std::begin(stops), std::end(stops), c.word) == std::end(stops)
        || i + 1 >= size() || !startsSentence(i + 1) || m_info[size_t(i + 1)].lineStart || !m_info[size_t(i + 1)].spaced
        || (m_info[size_t(i + 1)].kind != Capitalised && m_info[size_t(i + 1)].kind != AllCaps)) {
        return false;
    }
    // The dot of an abbreviation the tokenizer keeps only as written in title case ('ST. LOUIS', 'MT. HOOD').
    static const QSet<quint64> abbreviations = [] {
        QSet<quint64> set;
        for (const char16_t *word : { u"st", u"mt", u"ft", u"mr", u"mrs", u"ms", u"dr", u"jr", u"sr", u"inc", u"corp",
                 u"co", u"ltd", u"gen", u"gov", u"sen", u"rep", u"lt", u"col", u"capt", u"no", u"vs", u"prof" }) {
            set.insert(hashOf(word));
        }
        return set;
    }();
    if (i == 0) {
        return true;
    }
    const Info &before = m_info[size_t(i - 1)];
    return !(before.kind == Capitalised && isSingleLetter(i - 1)) && !abbreviations.contains(before.lower);
}

bool TaggerFeatures::isInitialBeforeName(qsizetype i) const
{
    static const quint64 capital = hashOf(u"X");
    static const quint64 dot = hashOf(u".");
    if (i + 2 >= size() || m_info[size_t(i)].kind != Capitalised || m_info[size_t(i)].shape != capital) {
        return false;
    }
    const Info &next = m_info[size_t(i + 1)];
    const Info &name = m_info[size_t(i + 2)];
    return next.word == dot && !next.lineStart && !name.lineStart && name.kind == Capitalised;
}

quint8 TaggerFeatures::imposed(qsizetype i) const
{
    const quint8 title = m_info[i].title;
    if (title == 0) {
        return NoLabel;
    }
    return title == 1 ? TaggerLabel::Outside : TaggerLabel::make(TaggerLabel::Person, SpanPosition(title - 5));
}

void TaggerFeatures::assign(qsizetype i, quint8 label)
{
    m_labels[i] = label;
    const Info &c = m_info[i];
    if (c.kind == Capitalised || c.kind == AllCaps || c.kind == OtherWord) {
        m_history.insert(c.lower, label == TaggerLabel::Outside ? 1 : quint8(TaggerLabel::kindOf(label) + 2));
    }
}

void TaggerFeatures::reset()
{
    std::fill(m_labels.begin(), m_labels.end(), TaggerLabel::Outside);
    m_history.clear();
}

} // namespace Dossier::Core
