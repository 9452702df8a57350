#pragma once

#include "analysis/tokenizer.h"

#include <QByteArray>
#include <QHash>
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
    bool isLoaded() const { return !m_entries.isEmpty(); }
    int size() const { return int(m_entries.size()); }

    /*! Per token of \a tokens (tokenize(\a text)): the lists whose entries cover it. Entries match
        case-insensitively, starting only at a capitalised word. */
    std::vector<Hit> match(QStringView text, const QList<Token> &tokens) const;

    /*! The file load() reads, from entries (one name per string) of each list; the same lists give the
        same bytes. Entries that do not start with a capital letter, or longer than MaxTokens, are left out. */
    static QByteArray build(const QList<std::pair<List, QStringList>> &lists);

private:
    QHash<quint64, quint8> m_entries; // hash of an entry's folded tokens → its lists
};

} // namespace Dossier::Core
