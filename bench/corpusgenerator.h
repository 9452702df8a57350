#pragma once

#include <QByteArray>

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

} // namespace Dossier::Bench
