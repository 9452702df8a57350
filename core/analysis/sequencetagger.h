#pragma once

#include "analysis/featurelexicon.h"
#include "analysis/rulerecognizer.h"
#include "analysis/tokenizer.h"
#include "analysis/wordclusters.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QVarLengthArray>

#include <vector>

namespace Dossier::Core
{

/*!
    \brief The tagger's labels (BILOU): 0 is outside any name, then Begin, Inside, Last and Unit for each
    kind. MISC (CoNLL's fourth class: events, nationalities, works) is learned so that such names are not
    mistaken for the others; it is never reported.
*/
namespace TaggerLabel
{
enum Kind : quint8 { Person, Org, Location, Misc };
constexpr int KindCount = 4;
constexpr int Count = 1 + 4 * KindCount;
constexpr quint8 Outside = 0;
constexpr quint8 make(int kind, SpanPosition position)
{
    return quint8(1 + kind * 4 + int(position));
}
constexpr int kindOf(quint8 label)
{
    return (label - 1) / 4;
}
constexpr SpanPosition positionOf(quint8 label)
{
    return SpanPosition((label - 1) % 4);
}
/*! Whether \a next may follow \a previous (Outside at the start); a name never crosses a line break. */
bool allowed(quint8 previous, quint8 next, bool lastOfLine);
} // namespace TaggerLabel

/*! \brief Hashed features of one token; a weight table is indexed by SequenceTagger::bucket(). */
using TaggerFeatureList = QVarLengthArray<quint64, 64>;

/*!
    \brief The features of one text for the tagger: word, case-folded word, shapes, affixes, neighbours
    (±2 on the same line), line mode (prose, Title Case, ALL CAPS), how the document writes the word
    elsewhere and the contexts of its other occurrences, word classes learned from unlabelled text (its own and
    its neighbours'), gazetteer, title and rule evidence, and the labels
    given so far (greedy left-to-right decoding reads them through assign()). Shared by the tagger and its
    training tool, so both see the same.
*/
class TaggerFeatures
{
public:
    TaggerFeatures(QStringView text, const QList<Token> &tokens, const RuleEvidence &evidence,
        const WordClusters &clusters = WordClusters::instance());

    /*! Bumped whenever the features change: a model trained on other features is refused, not misread. */
    static constexpr quint32 Version = 5;

    qsizetype size() const { return qsizetype(m_info.size()); }
    /*! Features of token \a i, which may read the labels of tokens before it. */
    void features(qsizetype i, TaggerFeatureList *out) const;
    void assign(qsizetype i, quint8 label);
    /*! Forgets the labels given (to decode the same text again). */
    void reset();
    /*! Whether no name runs on from token \a i: the last of its line, or of its column of a table or form
        laid out with spaces ("Alabama      SEC  127"). */
    bool lastOfLine(qsizetype i) const { return i + 1 >= size() || m_info[i + 1].lineStart || m_info[i + 1].columnGap; }
    /*! The label the rules impose on token \a i, or NoLabel: a title's words are outside any name and the
        name after a title is a person ('European Council President Herman Van Rompuy'). */
    quint8 imposed(qsizetype i) const;
    static constexpr quint8 NoLabel = 255;
    /*! Whether token \a i is an ordinary word: not capitalised, or a common word (a list of them, or the
        text writes it in lower case elsewhere): 'Peace', 'Policy'. */
    bool isCommon(qsizetype i) const;
    /*! Whether token \a i is punctuation, or a lower-case word or a number before no capitalised word: outside
        any name unless one is open (the tagger does not score it then). */
    bool isPlain(qsizetype i) const;
    /*! Whether token \a i could be someone's name by the lists (a given name or a surname) or by the
        document (it is capitalised elsewhere, not at a sentence start). */
    bool isNameElsewhere(qsizetype i) const
    {
        const Info &c = m_info[i];
        constexpr quint8 people = 1u << FeatureLexicon::FirstName | 1u << FeatureLexicon::Surname;
        return (c.lexicon & 1) || ((c.lexiconUnit | c.lexiconMulti) & people) || (c.document & 2);
    }
    /*! Whether token \a i is a company's name or short name by the lists, and nobody's given name or surname
        ('Apple', 'Visa'; not 'Ford'). */
    bool isCompanyOnly(qsizetype i) const
    {
        const quint8 lists = m_info[i].lexiconUnit;
        constexpr quint8 companies = 1u << FeatureLexicon::Company | 1u << FeatureLexicon::CompanyShort;
        constexpr quint8 people = 1u << FeatureLexicon::FirstName | 1u << FeatureLexicon::Surname;
        return (lists & companies) && !(lists & people);
    }
    /*! Whether the lists know token \a i as a given name or a surname. */
    bool isPersonNameByLists(qsizetype i) const
    {
        constexpr quint8 people = 1u << FeatureLexicon::FirstName | 1u << FeatureLexicon::Surname;
        return m_info[i].lexiconUnit & people;
    }
    /*! Whether the lists know token \a i as a place of one word (a city, a region or a country). */
    bool isPlaceByLists(qsizetype i) const
    {
        constexpr quint8 places
            = 1u << FeatureLexicon::City | 1u << FeatureLexicon::Region | 1u << FeatureLexicon::Country;
        return m_info[i].lexiconUnit & places;
    }
    /*! Whether token \a i starts a sentence. */
    bool startsSentence(qsizetype i) const { return m_info[i].position & 1; }
    /*! Whether token \a i is a word of titles ('Ambassador', 'Minister', 'Deputy'). */
    bool isTitleWord(qsizetype i) const { return m_info[i].lexicon & 4; }
    /*! Whether token \a i is not capitalised, or the text writes it in lower case elsewhere. */
    bool isLowerElsewhere(qsizetype i) const;
    /*! What token \a i may be in a name: any part (a capitalised word, a number, a particle like 'de'), only
        inside ('of', '&' in 'Bank of England', 'Procter & Gamble'), or no part ('with', ',', a sentence's
        opening 'And' or 'But'). SequenceTagger::tag() holds its names to this. */
    enum class NameRole : quint8 { Word, Joiner, None };
    NameRole nameRole(qsizetype i) const;
    /*! Whether joining token \a i may sit inside a person's name ('of' in 'Catherine of Aragon'); 'and',
        '&', 'for' join two people or a person and something else ('Jamie Foxx & Katie Holmes'). */
    bool joinsPersonName(qsizetype i) const;
    /*! Whether token \a i is a single capital letter followed by a dot and, on the same line, a capitalised
        word: the middle initial of 'Derek C. Bok', whose dot the tokenizer takes for a sentence's end. */
    bool isInitialBeforeName(qsizetype i) const;
    /*! Whether token \a i is one letter ('N' of 'N / A', 'B' of a list): no name by itself. */
    bool isSingleLetter(qsizetype i) const;
    /*! Whether token \a i is punctuation or another mark, not a word or a number. */
    bool isMark(qsizetype i) const;
    /*! Whether token \a i is a word in lower case. */
    bool isLowerWord(qsizetype i) const;
    /*! 1 when token \a i opens a bracket ('(' or '['), -1 when it closes one, else 0. */
    int bracket(qsizetype i) const;
    /*! Whether token \a i is the '.', '!' or '?' that ends a sentence: the next token, capitalised, starts one on the
        same line after white space, and the token before is no middle initial ('Derek C. Bok'). */
    bool endsSentence(qsizetype i) const;
    quint8 label(qsizetype i) const { return m_labels[i]; }

private:
    struct Info {
        quint64 word = 0;
        quint64 lower = 0;
        quint64 shape = 0;
        quint64 shortShape = 0;
        quint64 prefix[4] = {};
        quint64 suffix[4] = {};
        quint8 kind = 0; // see sequencetagger.cpp: punctuation, lower, capitalised, all caps, number, mixed
        quint8 position = 0; // sentence start, line start, possessive
        quint8 gazetteer = 0;
        quint8 rule = 0;
        quint8 line = 0;
        quint8 title = 0;
        quint8 lexicon = 0; // first name, common word, title word
        quint8 document = 0; // how the document writes this word elsewhere
        quint8 lexiconUnit = 0; // FeatureLexicon::Hit
        quint8 lexiconMulti = 0;
        bool lineStart = false;
        bool columnGap = false;
        bool spaced = false; // white space before it
        mutable WordClusters::Classes classes; // learned from unlabelled text; see classesOf()
        mutable bool classesKnown = false;
        qint32 firstSame = -1; // for name-like words: the first token of the text with the same folded word …
        qint32 nextSame = -1; // … and the next one after this
    };
    const Info *at(qsizetype i, int offset) const;
    /*! The word classes of \a info, looked up when first asked for: most tokens are never scored. */
    const WordClusters::Classes &classesOf(const Info &info) const;

    const WordClusters &m_clusters;
    std::vector<Info> m_info;
    std::vector<quint8> m_labels;
    QHash<quint64, quint8> m_history; // case-folded word → kind + 2 of its last label (1: outside)
};

/*! \brief A name the tagger found: tokens [first, last). */
struct TaggedSpan {
    qsizetype first = 0;
    qsizetype last = 0;
    int kind = TaggerLabel::Person;
    float margin = 0; //!< the smallest lead of a chosen label over the next best, in the span
};

/*!
    \brief An averaged-perceptron sequence tagger over hashed features (BILOU labels, greedy left to right
    with the previous labels as features). The weights are 8-bit, one row of TaggerLabel::Count and its
    power-of-two scale per hash bucket, summed in integers. Immutable after loading; tag() is safe from
    several threads at once.
*/
class SequenceTagger
{
public:
    /*! The model compiled into the core (:/dossier/models/tagger.bin), loaded once, thread-safely; an
        empty tagger when it is missing or damaged (isLoaded() is false; a warning is logged). */
    static const SequenceTagger &instance();

    SequenceTagger() = default;
    /*! Reads a model written by serialize(); false with \a error set when it is not one. */
    bool load(const QByteArray &data, QString *error);
    bool isLoaded() const { return m_bits > 0; }
    int bucketBits() const { return m_bits; }

    /*! Labels every token of \a features (greedy, left to right) and returns the names found; \a margins, when
        given, gets each token's lead of its label over the next best. */
    QList<TaggedSpan> tag(TaggerFeatures &features, std::vector<float> *margins = nullptr) const;

    static quint32 bucket(quint64 feature, int bits) { return quint32(feature >> (64 - bits)); }
    /*! Writes \a weights (2^\a bits rows of TaggerLabel::Count) quantised to 8 bits with a power-of-two scale
        per row, rows of zeros left out. */
    static QByteArray serialize(const std::vector<float> &weights, int bits);
    /*! The best label allowed after \a previous; \a margin gets its lead over the next best allowed. */
    template<typename Score> static quint8 best(const Score *scores, quint8 previous, bool lastOfLine, Score *margin);
    /*! What tag() does to the labels after decoding: names split where a sentence ends inside them, joined over
        a middle initial's dot, split at a bracket they open and do not close, dropped when they are single
        letters. \a margins has one lead per token. */
    static void settleNames(TaggerFeatures &features, std::vector<float> &margins);
    /*! The names in a label sequence (an open name ends where the sequence or its line does). */
    static QList<TaggedSpan> spans(const TaggerFeatures &features, const std::vector<float> &margins);

    /*! Scores are fixed-point numbers with this many fraction bits. */
    static constexpr int FractionBits = 8;

private:
    struct Row {
        qint8 weights[TaggerLabel::Count] = {};
        quint8 shift = 0; // weight = stored value × 2^shift / 2^FractionBits
    };
    int m_bits = 0;
    std::vector<Row> m_rows;
};

template<typename Score>
quint8 SequenceTagger::best(const Score *scores, quint8 previous, bool lastOfLine, Score *margin)
{
    int bestLabel = -1;
    int second = -1;
    for (int label = 0; label < TaggerLabel::Count; ++label) {
        if (!TaggerLabel::allowed(previous, quint8(label), lastOfLine)) {
            continue;
        }
        if (bestLabel < 0 || scores[label] > scores[bestLabel]) {
            second = bestLabel;
            bestLabel = label;
        } else if (second < 0 || scores[label] > scores[second]) {
            second = label;
        }
    }
    *margin = second < 0 ? Score(0) : scores[bestLabel] - scores[second];
    return quint8(bestLabel);
}

} // namespace Dossier::Core
