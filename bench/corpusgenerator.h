#pragma once

#include <QByteArray>
#include <QString>

#include <functional>
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

    /*!
        Article \a index of a corpus of stories, the same for the same index whatever the seed, shaped like
        a news feed for the views (timeline, who appears with whom, copies): five articles a story, published
        over a few days after the day it happened, which they name ("on 12 February"); each story has its
        own cast drawn from 3,000 people, 40 organisations and 60 places with Zipf-like frequencies (a few
        named in a tenth of the corpus, most in a handful of articles). One article in 50 is another
        outlet's copy of the article before it: new masthead and headline, last paragraph cut, its own
        boilerplate around.
    */
    static QByteArray storyArticle(int index);

private:
    std::mt19937 m_random;
};

/*! Unless the library \a path exists (then it is reused as it is), makes it of \a articles generated articles (\a
   article(i) for i from 0), each analysed as an import analyses it (on the thread pool) and stored under /\a folder/ in
   batches of 512, with its near-duplicate signature and story; prints its progress on stderr and "library_built
   articles=N seconds=S" on stdout. False, saying why, when a step fails. */
bool makeLibrary(
    const QString &path, int articles, const QString &folder, const std::function<QByteArray(int)> &article);
/*! Writes \a articles generated articles (seed 20261122) as text files under \a folder, 1,000 to a
    subfolder; returns their size in bytes, or -1 when a file cannot be written. */
qint64 writeCorpus(const QString &folder, int articles);

} // namespace Dossier::Bench
