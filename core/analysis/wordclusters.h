#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <vector>

namespace Dossier::Core
{

/*!
    \brief Word classes learned from unlabelled text, which the entity tagger reads as features: words used
    alike share a class, so a company the training data never named ('Salesforce') is typed as the companies
    it is written like, not as a person. Three levels of classes, each finer class inside one coarser, like the
    prefixes of Brown clusters. Kept as 48-bit hashes of the case-folded words (the tagger's own word hash,
    hashUnits() of foldForHash()), built by `scripts/train-tagger` (tools/wordclustering.cpp) and compiled in
    as :/dossier/models/clusters.bin. Immutable after loading; classOf() is thread-safe.
*/
class WordClusters
{
public:
    /*! The classes of one word; 0 at every level for a word the text it was learned from rarely used. */
    struct Classes {
        quint16 fine = 0; //!< 1 + the finest class
        quint16 middle = 0; //!< 1 + the class of that class
        quint16 coarse = 0; //!< 1 + the coarsest class
    };

    /*! The classes compiled into the core, loaded once; empty (and a warning logged) when missing. */
    static const WordClusters &instance();

    WordClusters() = default;
    bool load(const QByteArray &data, QString *error);
    bool isLoaded() const { return !m_slots.empty(); }
    /*! How many words have a class. */
    int size() const { return m_count; }
    int fineCount() const { return int(m_middle.size()); }

    /*! The classes of the word whose case-folded hash is \a wordHash. */
    Classes classOf(quint64 wordHash) const;

    /*! The file load() reads: each word's hash and fine class (0-based, below \a middle's size), and for each
        fine class its middle and coarse class (0-based). The same input gives the same bytes; an empty
        array when the input is inconsistent. */
    static QByteArray build(const std::vector<std::pair<quint64, quint16>> &words, const std::vector<quint16> &middle,
        const std::vector<quint16> &coarse);

private:
    // An open-addressing table: the hash's top 48 bits and 1 + the fine class in the low 16; 0 is empty.
    std::vector<quint64> m_slots;
    int m_shift = 64;
    int m_count = 0;
    std::vector<quint16> m_middle; // by fine class
    std::vector<quint16> m_coarse;
};

} // namespace Dossier::Core
