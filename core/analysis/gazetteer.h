#pragma once

#include "analysis/tokenizer.h"
#include "article.h"

#include <QHash>
#include <QSet>
#include <QString>

#include <vector>

namespace Dossier::Core
{

/*! \brief One name a gazetteer knows: a place, an organisation, or a demonym (which is never an entity). */
struct GazetteerEntry {
    QString canonical; //!< the full form ('United States' for 'U.S.')
    QString surface; //!< the form this entry was listed under, as written
    EntityType type = EntityType::Location;
    bool demonym = false;
    bool exactCase = false; //!< acronyms ('US', 'WHO') match only as written
    quint32 capitalised = 0; //!< bit i: the entry's token i is capitalised (must be so in the text too)
};

/*!
    \brief The word lists of the rule recognizer: places, organisations, demonyms, titles, given names and
    common words, read once from the resources under :/dossier/gazetteers/. Immutable and thread-safe.
*/
class Gazetteer
{
public:
    static const Gazetteer &instance();

    /*! The longest entry matching tokens from \a first on; returns how many tokens it spans (0: none).
        \a allCaps: the text is an all-caps headline, where acronyms that are also words ('US') don't count. */
    int match(QStringView text, const QList<Token> &tokens, qsizetype first, bool allCaps,
        const GazetteerEntry **entry) const;

    bool isFirstName(QStringView word) const { return m_firstNames.contains(word.toString().toCaseFolded()); }
    /*! \a folded is a case-folded word. */
    bool isFoldedFirstName(const QString &folded) const { return m_firstNames.contains(folded); }
    /*! \a folded is a case-folded word. */
    bool isCommonWord(const QString &folded) const { return m_commonWords.contains(folded); }
    bool isTitleHead(const QString &folded) const { return m_titleHeads.contains(folded); }
    bool isTitleModifier(const QString &folded) const { return m_titleModifiers.contains(folded); }
    /*! The lists a word is on, by its FeatureLexicon::tokenHash(): 1 given names, 2 common words, 4 words of
        titles (heads or modifiers). One look-up for the tagger instead of four. */
    quint8 wordFlags(quint64 tokenHash) const { return m_wordFlags.value(tokenHash); }
    /*! Removes leading titles ('Prime Minister Shinzo Abe' → 'Shinzo Abe'); returns \a name unchanged
        when nothing would be left. */
    QString stripTitles(const QString &name) const;

    int size() const { return int(m_entries.size()); }

private:
    Gazetteer();
    void loadEntries(const QString &file, EntityType type, bool demonyms);
    static QStringList readLines(const QString &file);

    QHash<QString, QList<GazetteerEntry>> m_entries; // tokenKey() of the surface → entries
    QHash<QString, int> m_maxTokens; // first token, case-folded → longest entry starting with it
    /*! A Bloom filter of the first tokens (foldedHash()): most capitalised words start no entry, and are
        turned away without building a string. */
    std::vector<quint64> m_firstTokens;
    QHash<quint64, quint8> m_wordFlags;
    static quint64 foldedHash(QStringView word);
    bool mayStartEntry(QStringView word) const;
    QSet<QString> m_firstNames;
    QSet<QString> m_commonWords;
    QSet<QString> m_titleHeads;
    QSet<QString> m_titleModifiers;
};

} // namespace Dossier::Core
