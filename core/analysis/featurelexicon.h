#pragma once

#include "analysis/tokenizer.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

#include <vector>

namespace Dossier::Core
{

/*!
    \brief Large name lists (places, companies, universities, given names and surnames) that the entity
    tagger reads as features and never as rules: 'Reading' is a city and a verb, 'May' a first name and a
    month, and the tagger learns how far each list can be trusted. Kept as 40-bit hashes of the case-folded
    tokens of each entry (the lists themselves are not part of Dossier), built by `scripts/train-tagger`
    from ../shared/train/ner/gazetteers and compiled in as :/dossier/models/lexicon.bin. Immutable after
    loading; match() is thread-safe.
*/
class FeatureLexicon
{
public:
    enum List : quint8 { City, Region, Country, Company, CompanyShort, University, FirstName, Surname, ListCount };
    /*! The longest entry, in tokens. */
    static constexpr int MaxTokens = 6;

    /*! Which lists cover a token: through an entry of one token, and through one of several. */
    struct Hit {
        quint8 unit = 0; //!< bit l: a one-token entry of list l is this token
        quint8 multi = 0; //!< bit l: a longer entry of list l covers this token
    };

    /*! The lexicon compiled into the core, loaded once; empty (and a warning logged) when missing. */
    static const FeatureLexicon &instance();

    FeatureLexicon() = default;
    bool load(const QByteArray &data, QString *error);
    bool isLoaded() const { return m_count > 0; }
    /*! How many names (not counting names listed twice). */
    int size() const { return m_count; }

    /*! Per token of \a tokens (tokenize(\a text)): the lists whose entries cover it. Entries match
        case-insensitively, starting only at a capitalised word. */
    std::vector<Hit> match(QStringView text, const QList<Token> &tokens) const;
    /*! The same, from each token's tokenHash() (the tagger has them already). */
    std::vector<Hit> match(const QList<Token> &tokens, const std::vector<quint64> &tokenHashes) const;
    /*! The hash of one token, case-folded (digits as written); for a token without digits, the value of the
        tagger's case-folded word feature. */
    static quint64 tokenHash(QStringView word);

    /*! The file load() reads, from entries (one name per string) of each list; the same lists give the
        same bytes. Entries that do not start with a capital letter, or longer than MaxTokens, are left out. */
    static QByteArray build(const QList<std::pair<List, QStringList>> &lists);

private:
    /*! Lists (low byte) and whether a longer entry starts with these tokens (IsPrefix) of a hash, or 0. */
    quint16 find(quint64 key) const;
    static constexpr quint16 IsPrefix = 0x100;

    // An open-addressing table of the hashes of the entries and of their first tokens: matching stops as
    // soon as no entry starts with the tokens read so far, which is after one look-up for most words.
    std::vector<quint64> m_slots; // the hash (low 40 bits) and its value (above): one cache line per look-up; 0 empty
    int m_shift = 64;
    int m_count = 0; // entries (not prefixes)
};

} // namespace Dossier::Core
