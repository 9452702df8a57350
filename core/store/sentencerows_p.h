#pragma once

// Each article's mentions with their sentences and its dated sentences (schema 14), written with the
// article's mentions so that TimelineQuery::events() and CooccurrenceQuery's sentence scope read
// them instead of every listed body (sentencerows.cpp).

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringView>
#include <QtEndian>

#include <utility>

namespace Dossier::Core
{

/*! \brief A mention as the mentions table keeps it. */
struct StoredMention {
    qsizetype start = 0;
    qsizetype end = 0;
    QString type; //!< entityTypeName()
    qint64 entity = -1;
};

/*! \brief One mention of an article_sentences row: its entity, where it is, and the sentence
    around it (sentenceAround()). */
struct SentenceMention {
    qint64 entity = -1;
    qint32 start = 0;
    qint32 end = 0;
    qint32 sentenceStart = 0;
    qint32 sentenceEnd = 0;
};

/*! An article_sentences row holds its mentions in start order, this many bytes each: the entity id
    (64-bit) then start, end, sentence start and sentence end (32-bit), little-endian. */
constexpr qsizetype sentenceMentionSize = 8 + 4 * 4;

inline SentenceMention sentenceMentionAt(const QByteArray &row, qsizetype index)
{
    const char *at = row.constData() + index * sentenceMentionSize;
    return { qFromLittleEndian<qint64>(at), qFromLittleEndian<qint32>(at + 8), qFromLittleEndian<qint32>(at + 12),
        qFromLittleEndian<qint32>(at + 16), qFromLittleEndian<qint32>(at + 20) };
}

/*! Whether the sentence [begin, end) of \a body says something besides its dates (\a dates: the
    DATE mentions in it): four words or more outside them, two of them lower case (a dateline
    'TOKYO, Feb. 12 (Reuters)' or 'Updated 12 February 2026' does not). */
bool saysSomething(
    QStringView body, qsizetype begin, qsizetype end, const QList<std::pair<qsizetype, qsizetype>> &dates);

} // namespace Dossier::Core
