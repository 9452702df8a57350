#pragma once

#include <QByteArray>
#include <QString>

#include <random>

namespace Dossier::Bench
{

/*!
    \brief Writes synthetic news scrapes shaped like real ones (masthead, headline, date line,
    dateline, paragraphs naming people, organisations, places and money, trailing boilerplate),
    deterministic for a given seed. Words are drawn from small invented vocabularies.
*/
class CorpusGenerator
{
public:
    explicit CorpusGenerator(quint32 seed);
    QByteArray article(int index);

private:
    std::mt19937 m_random;
};

/*! Writes \a articles generated articles (seed 20261122) as text files under \a folder, 1,000 to a
    subfolder; returns their size in bytes, or -1 when a file cannot be written. */
qint64 writeCorpus(const QString &folder, int articles);

} // namespace Dossier::Bench
