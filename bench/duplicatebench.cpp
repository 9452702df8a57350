// Near-duplicate benchmark: how well copies of one story are found, and how fast at scale.
//   dossier-duplicatebench [--stories N] [--sets N] [--articles N] [--library PATH] [--seed S]
// 1. Evaluation: --sets sets (default 6, seeds S, S+1, ...) of N generated stories (default 400) in 8 topics; each gets
// 0-4 copies edited the
//    way outlets edit wire copy (new headline, trimmed ending, inserted paragraphs, the outlet's
//    boilerplate around, light word substitutions, a paragraph moved); the other stories of a topic
//    share its background sentences and the outlets' boilerplate (negatives). Precision and recall
//    of same-cluster pairs are printed for a range of thresholds, through the same code the library
//    runs (signatures, LSH buckets, Grouper), with the similarity of true and false pairs.
// 2. Scale: a library of --articles generated articles (default 100,000; 2% of them copies) is
//    built through ArticleStore (signatures written at import), or reused when --library exists;
//    then the document list's first page grouped by story and not (median and p95 of 21 runs each),
//    DuplicateStore::clusters(), copiesOf() and copyCounts() (windows of 128 articles, as the
//    document list reads them) are timed.
// Everything is generated here from invented words; nothing is read from outside.

#include "analysis/nearduplicates.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDate>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QHash>
#include <QMap>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <random>
#include <sys/resource.h>

using namespace Dossier;
namespace ND = Dossier::Core::NearDuplicates;

namespace
{

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss;
}

const char *const functionWords[] = { "the", "of", "and", "to", "in", "a", "said", "that", "on", "for", "was", "with",
    "by", "at", "is", "it", "from", "as", "be", "have", "has", "were", "would", "will", "not", "but", "an", "its",
    "after", "their", "they", "this", "which", "had", "been", "more", "than", "who", "also", "over" };

const char *const stockPhrases[] = { "said in a statement on", "according to people familiar with the matter",
    "declined to comment when asked about", "told reporters at a news conference in", "the ministry said late on",
    "officials said on condition of anonymity", "it was not immediately clear whether", "the company said in a filing",
    "a spokesperson for the agency said", "in an interview with local radio" };

// Invented words: consonant-vowel syllables, so no two vocabularies share a word by accident.
QString inventedWord(std::mt19937 &random)
{
    static const char consonants[] = "bcdfghklmnprstvz";
    static const char vowels[] = "aeiou";
    QString word;
    const int syllables = std::uniform_int_distribution<int>(1, 3)(random);
    for (int s = 0; s < syllables; ++s) {
        word += QLatin1Char(consonants[std::uniform_int_distribution<int>(0, 15)(random)]);
        word += QLatin1Char(vowels[std::uniform_int_distribution<int>(0, 4)(random)]);
        if (std::uniform_int_distribution<int>(0, 3)(random) == 0) {
            word += QLatin1Char(consonants[std::uniform_int_distribution<int>(0, 15)(random)]);
        }
    }
    return word;
}

struct Vocabulary {
    QStringList general; // Zipf-like: early words are drawn more often
    QList<QStringList> topicWords;
    QList<QStringList> topicSentences; // background sentences reused by every story of a topic
    QList<std::pair<QString, QString>> outletBoilerplate; // before and after the story
};

class Generator
{
public:
    explicit Generator(quint32 seed, int topics = 8)
        : m_random(seed)
    {
        for (int i = 0; i < 4000; ++i) {
            m_vocabulary.general.append(inventedWord(m_random));
        }
        for (int t = 0; t < topics; ++t) {
            QStringList words;
            for (int i = 0; i < 40; ++i) {
                words.append(inventedWord(m_random));
            }
            m_vocabulary.topicWords.append(words);
            m_vocabulary.topicSentences.append(QStringList());
            for (int i = 0; i < 60; ++i) {
                m_vocabulary.topicSentences.last().append(sentence(t));
            }
        }
        for (int o = 0; o < 12; ++o) {
            m_vocabulary.outletBoilerplate.append({ paragraphOf(-1, 2), paragraphOf(-1, 3) });
        }
    }

    std::mt19937 &random() { return m_random; }
    int topics() const { return int(m_vocabulary.topicWords.size()); }
    int outlets() const { return int(m_vocabulary.outletBoilerplate.size()); }

    QString word(int topic)
    {
        const int roll = std::uniform_int_distribution<int>(0, 99)(m_random);
        if (roll < 35) {
            return QString::fromLatin1(functionWords[std::uniform_int_distribution<size_t>(0, 39)(m_random)]);
        }
        if (topic >= 0 && roll < 50) {
            const QStringList &words = m_vocabulary.topicWords[topic];
            return words[std::uniform_int_distribution<qsizetype>(0, words.size() - 1)(m_random)];
        }
        // Roughly Zipf: the square of a uniform number favours the first words.
        const double u = std::uniform_real_distribution<double>(0.0, 1.0)(m_random);
        return m_vocabulary.general[qsizetype(u * u * double(m_vocabulary.general.size() - 1))];
    }

    QString sentence(int topic)
    {
        QStringList words;
        const int length = std::uniform_int_distribution<int>(8, 24)(m_random);
        for (int i = 0; i < length; ++i) {
            words.append(word(topic));
        }
        if (std::uniform_int_distribution<int>(0, 3)(m_random) == 0) {
            words.insert(std::uniform_int_distribution<qsizetype>(0, words.size())(m_random),
                QString::fromLatin1(stockPhrases[std::uniform_int_distribution<size_t>(0, 9)(m_random)]));
        }
        QString text = words.join(u' ');
        text[0] = text[0].toUpper();
        return text + u'.';
    }

    QString paragraphOf(int topic, int sentences)
    {
        QStringList parts;
        for (int s = 0; s < sentences; ++s) {
            // One in six of a story's sentences is its topic's background, shared with other stories.
            if (topic >= 0 && std::uniform_int_distribution<int>(0, 5)(m_random) == 0) {
                const QStringList &pool = m_vocabulary.topicSentences[topic];
                parts.append(pool[std::uniform_int_distribution<qsizetype>(0, pool.size() - 1)(m_random)]);
            } else {
                parts.append(sentence(topic));
            }
        }
        return parts.join(u' ');
    }

    QStringList story(int topic)
    {
        QStringList paragraphs;
        const int count = std::uniform_int_distribution<int>(4, 10)(m_random);
        for (int p = 0; p < count; ++p) {
            paragraphs.append(paragraphOf(topic, std::uniform_int_distribution<int>(2, 4)(m_random)));
        }
        return paragraphs;
    }

    // A copy of \a paragraphs as an outlet edits it; \a edits receives the edits made.
    QString copy(const QStringList &paragraphs, int topic, int outlet, QStringList *edits)
    {
        auto chance = [&](int percent) { return std::uniform_int_distribution<int>(0, 99)(m_random) < percent; };
        QStringList out = paragraphs;
        edits->append(QStringLiteral("headline"));
        if (chance(50) && out.size() > 2) {
            const qsizetype keep = std::max<qsizetype>(
                2, qsizetype(double(out.size()) * std::uniform_real_distribution<double>(0.6, 0.95)(m_random)));
            out = out.mid(0, keep);
            edits->append(QStringLiteral("trim"));
        }
        if (chance(50)) {
            const int added = std::uniform_int_distribution<int>(1, 2)(m_random);
            for (int i = 0; i < added; ++i) {
                out.insert(std::uniform_int_distribution<qsizetype>(1, out.size())(m_random), paragraphOf(topic, 3));
            }
            edits->append(QStringLiteral("insert"));
        }
        if (chance(20) && out.size() > 3) {
            out.swapItemsAt(1, out.size() - 1);
            edits->append(QStringLiteral("move"));
        }
        QString body = out.join(QStringLiteral("\n\n"));
        if (chance(50)) {
            // Light substitutions: 1-3% of the words replaced.
            QStringList words = body.split(u' ');
            const double rate = std::uniform_real_distribution<double>(0.01, 0.03)(m_random);
            for (QString &w : words) {
                if (std::uniform_real_distribution<double>(0.0, 1.0)(m_random) < rate && !w.contains(u'\n')) {
                    w = word(topic);
                }
            }
            body = words.join(u' ');
            edits->append(QStringLiteral("substitute"));
        }
        if (chance(50)) {
            const auto &[before, after] = m_vocabulary.outletBoilerplate[outlet];
            body = before + QStringLiteral("\n\n") + body + QStringLiteral("\n\n") + after;
            edits->append(QStringLiteral("boilerplate"));
        }
        return body;
    }

    // An original as its outlet prints it: with that outlet's boilerplate half of the time.
    QString original(const QStringList &paragraphs, int outlet)
    {
        QString body = paragraphs.join(QStringLiteral("\n\n"));
        if (std::uniform_int_distribution<int>(0, 1)(m_random) == 0) {
            const auto &[before, after] = m_vocabulary.outletBoilerplate[outlet];
            body = before + QStringLiteral("\n\n") + body + QStringLiteral("\n\n") + after;
        }
        return body;
    }

private:
    std::mt19937 m_random;
    Vocabulary m_vocabulary;
};

struct Item {
    qint64 id;
    int story;
    int topic;
    QStringList edits; // empty for an original
    ND::Signature signature;
};

QList<QList<qint64>> detect(const QList<Item> &items, double threshold)
{
    QHash<qint64, const ND::Signature *> byId;
    QHash<qint64, QList<qint64>> buckets;
    for (const Item &item : items) {
        byId.insert(item.id, &item.signature);
        for (const qint64 key : ND::bandKeys(item.signature)) {
            buckets[key].append(item.id);
        }
    }
    ND::Grouper grouper(threshold, [&](qint64 id) { return byId.value(id); });
    for (const QList<qint64> &bucket : std::as_const(buckets)) {
        if (bucket.size() > 1) {
            grouper.addBucket(bucket);
        }
    }
    return grouper.groups(2);
}

struct Totals {
    qint64 predicted = 0;
    qint64 correct = 0;
    qint64 truePairs = 0;
    double worstPrecision = 1.0;
    double worstRecall = 1.0;
};

void evaluate(int stories, quint32 seed, QMap<double, Totals> *totals)
{
    Generator generator(seed);
    auto &r = generator.random();
    QList<Item> items;
    qint64 next = 1;
    for (int s = 0; s < stories; ++s) {
        const int topic = s % generator.topics();
        const QStringList paragraphs = generator.story(topic);
        const QString body = generator.original(paragraphs, std::uniform_int_distribution<int>(0, 11)(r));
        items.append({ next++, s, topic, {}, *ND::signature(body) });
        const int copies = std::uniform_int_distribution<int>(0, 4)(r);
        for (int c = 0; c < copies; ++c) {
            QStringList edits;
            const QString copy
                = generator.copy(paragraphs, topic, std::uniform_int_distribution<int>(0, 11)(r), &edits);
            items.append({ next++, s, topic, edits, *ND::signature(copy) });
        }
    }
    // Every pair's true answer and estimated similarity (the set is small enough for all pairs).
    QHash<qint64, const Item *> byId;
    for (const Item &item : items) {
        byId.insert(item.id, &item);
    }
    qint64 truePairs = 0;
    QList<double> copySimilarities;
    QList<double> sameTopicSimilarities;
    QList<double> otherSimilarities;
    for (qsizetype i = 0; i < items.size(); ++i) {
        for (qsizetype j = i + 1; j < items.size(); ++j) {
            const double similarity = ND::similarity(items[i].signature, items[j].signature);
            if (items[i].story == items[j].story) {
                ++truePairs;
                copySimilarities.append(similarity);
            } else if (items[i].topic == items[j].topic) {
                sameTopicSimilarities.append(similarity);
            } else {
                otherSimilarities.append(similarity);
            }
        }
    }
    const auto percentile = [](QList<double> values, double p) {
        if (values.isEmpty()) {
            return 0.0;
        }
        std::sort(values.begin(), values.end());
        return values[qsizetype(p * double(values.size() - 1))];
    };
    std::printf("evaluation: %lld articles (%d stories, %lld copies), %lld true pairs, %lld same-topic "
                "negative pairs, %lld other pairs\n",
        qint64(items.size()), stories, qint64(items.size()) - stories, truePairs, qint64(sameTopicSimilarities.size()),
        qint64(otherSimilarities.size()));
    std::printf("similarity of true pairs: min %.3f p1 %.3f p5 %.3f median %.3f\n", percentile(copySimilarities, 0),
        percentile(copySimilarities, 0.01), percentile(copySimilarities, 0.05), percentile(copySimilarities, 0.5));
    std::printf("similarity of same-topic negatives: median %.3f p99 %.3f p99.9 %.3f max %.3f\n",
        percentile(sameTopicSimilarities, 0.5), percentile(sameTopicSimilarities, 0.99),
        percentile(sameTopicSimilarities, 0.999), percentile(sameTopicSimilarities, 1.0));
    std::printf("similarity of other negatives: max %.3f\n", percentile(otherSimilarities, 1.0));

    const QStringList kinds { QStringLiteral("trim"), QStringLiteral("insert"), QStringLiteral("boilerplate"),
        QStringLiteral("substitute"), QStringLiteral("move") };
    for (const double threshold : { 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6 }) {
        const QList<QList<qint64>> groups = detect(items, threshold);
        qint64 predicted = 0;
        qint64 correct = 0;
        QHash<qint64, int> groupOf;
        for (qsizetype g = 0; g < groups.size(); ++g) {
            const QList<qint64> &group = groups[g];
            predicted += qint64(group.size()) * (group.size() - 1) / 2;
            for (qsizetype i = 0; i < group.size(); ++i) {
                groupOf.insert(group[i], int(g));
                for (qsizetype j = i + 1; j < group.size(); ++j) {
                    correct += byId.value(group[i])->story == byId.value(group[j])->story ? 1 : 0;
                }
            }
        }
        // Recall of original-copy pairs per edit a copy has.
        QString perEdit;
        QHash<int, qint64> originalOf;
        for (const Item &item : items) {
            if (item.edits.isEmpty()) {
                originalOf.insert(item.story, item.id);
            }
        }
        for (const QString &kind : kinds) {
            qint64 all = 0;
            qint64 found = 0;
            for (const Item &item : items) {
                if (item.edits.contains(kind)) {
                    ++all;
                    const qint64 original = originalOf.value(item.story);
                    found += groupOf.contains(item.id) && groupOf.value(item.id, -1) == groupOf.value(original, -2) ? 1
                                                                                                                    : 0;
                }
            }
            perEdit += QStringLiteral(" %1 %2").arg(kind).arg(all ? double(found) / double(all) : 1.0, 0, 'f', 3);
        }
        const double precision = predicted ? double(correct) / double(predicted) : 1.0;
        const double recall = truePairs ? double(correct) / double(truePairs) : 1.0;
        Totals &total = (*totals)[threshold];
        total.predicted += predicted;
        total.correct += correct;
        total.truePairs += truePairs;
        total.worstPrecision = std::min(total.worstPrecision, precision);
        total.worstRecall = std::min(total.worstRecall, recall);
        std::printf("threshold %.2f: pairs precision %.4f recall %.4f F1 %.4f (predicted %lld, correct %lld); "
                    "copy-original recall by edit:%s\n",
            threshold, precision, recall, precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0,
            predicted, correct, qPrintable(perEdit));
    }
}

// The document list's first page as the window reads it (the count, then the first window of 128
// rows), grouped by story (View › Group Copies) and not, alternately in the same run: without a
// filter and for one month. A library built before schema 11 first gets its stories.
bool listFirstPage(Core::Library &library)
{
    QElapsedTimer timer;
    timer.start();
    const auto filled = library.duplicates().fillMissingStories();
    if (!filled) {
        std::fprintf(stderr, "fillMissingStories failed: %s\n", qPrintable(library.errorString()));
        return false;
    }
    std::printf("stories: %lld articles given theirs in %.2f s (0 for a library built with them)\n", *filled,
        double(timer.nsecsElapsed()) / 1e9);
    constexpr int runs = 21;
    for (const bool month : { false, true }) {
        Core::DocumentFilter filter;
        if (month) {
            filter.from = QDate(2026, 6, 1);
            filter.to = QDate(2026, 6, 30);
        }
        QList<double> times[2];
        qint64 rows[2] = { 0, 0 };
        for (int run = 0; run < runs; ++run) {
            for (const bool grouped : { run % 2 == 0, run % 2 != 0 }) {
                filter.groupCopies = grouped;
                timer.restart();
                const auto counted = library.documents().count(filter);
                const auto page
                    = library.documents().window(filter, Core::DocumentSort::Date, Qt::DescendingOrder, 0, 128);
                times[grouped].append(double(timer.nsecsElapsed()) / 1e6);
                if (!counted || !page || page->size() != std::min<qint64>(128, *counted)) {
                    std::fprintf(stderr, "list failed: %s\n", qPrintable(library.errorString()));
                    return false;
                }
                rows[grouped] = *counted;
            }
        }
        for (QList<double> &list : times) {
            std::sort(list.begin(), list.end());
        }
        const auto p95
            = [](const QList<double> &list) { return list[qsizetype(std::ceil(0.95 * double(list.size()))) - 1]; };
        std::printf(
            "first page of the list (count + 128 rows, by date) %s: ungrouped %lld articles median %.1f ms, p95 "
            "%.1f ms; grouped %lld stories median %.1f ms, p95 %.1f ms (%d runs each, alternating)\n",
            month ? "for one month (2026-06)" : "of the whole library", rows[0], times[0][runs / 2], p95(times[0]),
            rows[1], times[1][runs / 2], p95(times[1]), runs);
    }
    return true;
}

int scale(int articles, const QString &path, quint32 seed)
{
    const bool exists = QFileInfo::exists(path);
    Core::Library library(path);
    if (!library.open()) {
        std::fprintf(stderr, "%s\n", qPrintable(library.errorString()));
        return 1;
    }
    if (!exists) {
        Generator generator(seed + 1, 40);
        auto &r = generator.random();
        QElapsedTimer timer;
        timer.start();
        QList<QStringList> recent; // stories copies are made of
        library.articles().beginBatch();
        for (int i = 0; i < articles; ++i) {
            const int topic = std::uniform_int_distribution<int>(0, generator.topics() - 1)(r);
            QString body;
            QStringList edits;
            if (!recent.isEmpty() && std::uniform_int_distribution<int>(0, 49)(r) == 0) {
                body = generator.copy(recent[std::uniform_int_distribution<qsizetype>(0, recent.size() - 1)(r)], topic,
                    std::uniform_int_distribution<int>(0, 11)(r), &edits);
            } else {
                const QStringList story = generator.story(topic);
                body = generator.original(story, std::uniform_int_distribution<int>(0, 11)(r));
                recent.append(story);
                if (recent.size() > 200) {
                    recent.removeFirst();
                }
            }
            Core::Article article;
            article.path = QStringLiteral("/bench/article-%1.txt").arg(i, 6, 10, QLatin1Char('0'));
            article.format = QStringLiteral("text");
            article.encoding = QStringLiteral("UTF-8");
            article.body = body;
            article.rawText = body;
            article.sha256 = QCryptographicHash::hash(body.toUtf8(), QCryptographicHash::Sha256).toHex();
            article.meta.title = QStringLiteral("Article %1").arg(i);
            article.meta.date = QStringLiteral("2026-%1-%2")
                                    .arg(1 + i * 12 / articles, 2, 10, QLatin1Char('0'))
                                    .arg(1 + i % 28, 2, 10, QLatin1Char('0'));
            article.meta.source = QStringLiteral("Outlet %1").arg(i % 12);
            if (!library.articles().store(article)) {
                std::fprintf(stderr, "store failed: %s\n", qPrintable(library.errorString()));
                return 1;
            }
            if (i % 1000 == 999) {
                library.articles().commitBatch();
                library.articles().beginBatch();
                std::fprintf(stderr, "\r%d articles", i + 1);
            }
        }
        library.articles().commitBatch();
        std::fprintf(stderr, "\n");
        std::printf("built %d articles in %.1f s (signatures and bands written with each)\n", articles,
            double(timer.nsecsElapsed()) / 1e9);
    }
    const qint64 count = library.articles().count().value_or(0);
    QElapsedTimer timer;
    timer.start();
    if (!listFirstPage(library)) {
        return 1;
    }
    timer.restart();
    const auto clusters = library.duplicates().clusters();
    const double clusterSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!clusters) {
        std::fprintf(stderr, "clusters failed: %s\n", qPrintable(library.errorString()));
        return 1;
    }
    qint64 inClusters = 0;
    for (const auto &cluster : *clusters) {
        inClusters += cluster.members.size();
    }
    // copiesOf() for the members of the first 20 clusters' originals and 20 articles without copies.
    QList<qint64> probes;
    for (qsizetype i = 0; i < clusters->size() && probes.size() < 20; ++i) {
        probes.append(clusters->at(i).members.front().article.id);
    }
    for (qint64 id = 1; probes.size() < 40 && id <= count; id += count / 20) {
        probes.append(id);
    }
    QList<double> times;
    for (const qint64 id : std::as_const(probes)) {
        timer.restart();
        if (!library.duplicates().copiesOf(id)) {
            std::fprintf(stderr, "copiesOf failed: %s\n", qPrintable(library.errorString()));
            return 1;
        }
        times.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    // copyCounts() of windows of 128 articles, as the document list reads them: 40 windows spread
    // over the library, the first one starting at the first cluster's original.
    QList<double> windowTimes;
    const qint64 firstWindow = clusters->isEmpty() ? 1 : clusters->front().members.front().article.id;
    for (int w = 0; w < 40; ++w) {
        const qint64 from = w == 0 ? firstWindow : 1 + w * std::max<qint64>(count / 40, 1);
        QList<qint64> window;
        for (qint64 id = from; id < from + 128; ++id) {
            window.append(id);
        }
        timer.restart();
        if (!library.duplicates().copyCounts(window)) {
            std::fprintf(stderr, "copyCounts failed: %s\n", qPrintable(library.errorString()));
            return 1;
        }
        windowTimes.append(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(windowTimes.begin(), windowTimes.end());
    std::printf("library of %lld articles (%.0f MB): clusters() %.2f s, %lld clusters holding %lld articles; "
                "copiesOf() median %.2f ms, max %.2f ms over %lld articles; copyCounts() of 128 articles median "
                "%.2f ms, max %.2f ms over %lld windows; peak RSS %.0f MB\n",
        count, double(QFileInfo(path).size()) / (1024 * 1024), clusterSeconds, qint64(clusters->size()), inClusters,
        times.isEmpty() ? 0.0 : times[times.size() / 2], times.isEmpty() ? 0.0 : times.last(), qint64(times.size()),
        windowTimes[windowTimes.size() / 2], windowTimes.last(), qint64(windowTimes.size()),
        double(peakRssKb()) / 1024);
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int stories = 400;
    int sets = 6;
    int articles = 100000;
    quint32 seed = 20261206;
    QString path;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--stories") {
            stories = args[i + 1].toInt();
        } else if (args[i] == u"--articles") {
            articles = args[i + 1].toInt();
        } else if (args[i] == u"--library") {
            path = args[i + 1];
        } else if (args[i] == u"--sets") {
            sets = args[i + 1].toInt();
        } else if (args[i] == u"--seed") {
            seed = args[i + 1].toUInt();
        }
    }
    QElapsedTimer timer;
    timer.start();
    if (stories > 0) {
        QMap<double, Totals> totals;
        for (int s = 0; s < sets; ++s) {
            std::printf("set %d (seed %u)\n", s + 1, seed + quint32(s));
            evaluate(stories, seed + quint32(s), &totals);
        }
        for (auto it = totals.cbegin(); it != totals.cend(); ++it) {
            const double precision = it->predicted ? double(it->correct) / double(it->predicted) : 1.0;
            const double recall = it->truePairs ? double(it->correct) / double(it->truePairs) : 1.0;
            std::printf("all %d sets, threshold %.2f: pairs precision %.4f recall %.4f F1 %.4f; worst set: precision "
                        "%.4f recall %.4f%s\n",
                sets, it.key(), precision, recall, 2 * precision * recall / std::max(precision + recall, 1e-9),
                it->worstPrecision, it->worstRecall, it.key() == ND::defaultThreshold ? "  <- the default" : "");
        }
        std::printf("evaluation took %.1f s\n", double(timer.nsecsElapsed()) / 1e9);
    }
    if (articles <= 0) {
        return 0;
    }
    QTemporaryDir dir;
    if (path.isEmpty()) {
        path = dir.filePath(QStringLiteral("bench.dossier"));
    }
    return scale(articles, path, seed);
}
