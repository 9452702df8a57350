// Trains the entity tagger (core/analysis/sequencetagger.h) on CoNLL-2003-format data — an averaged
// perceptron, greedy left-to-right decoding, documents shuffled by a seeded generator — and writes the
// 8-bit model the core compiles in. Only the weights are written: never the data.
//   dossier-train-tagger --train eng.train [--weight N] [--train FILE [--weight N]]...
//                        --out resources/models/tagger.bin [--dev FILE]... [--epochs N] [--runs N] [--bits B]
//                        [--seed S]
// --runs N trains N perceptrons on N shuffles (seeds S, S+1, …) and writes the mean of their weights.
// Each --train corpus is read in order; --weight shows its documents N times per epoch.
//   dossier-train-tagger --make-lexicon GAZETTEER_DIR resources/models/lexicon.bin
//   dossier-train-tagger --make-clusters resources/models/clusters.bin [--conll FILE | --text FILE]...
//                        word classes learned from the text of CoNLL files and of plain text files
//   dossier-train-tagger --explain FILE...   what the rules, the tagger and the recognizer find (development)
// The text of each document is rebuilt from its tokens as the project's evaluation copies are (one
// sentence per line), so the tagger learns on Dossier's own tokenizer, rules and gazetteers.
#include "analysis/featurelexicon.h"
#include "analysis/rulerecognizer.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenizer.h"
#include "analysis/wordclusters.h"
#include "wordclustering.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <random>
#include <set>
#include <tuple>

using namespace Dossier::Core;

namespace
{

// Writes a model file whole or not at all; says why on stderr when it cannot.
bool writeModel(const QString &outPath, const QByteArray &data)
{
    QSaveFile out(outPath);
    if (!out.open(QIODevice::WriteOnly) || out.write(data) != data.size() || !out.commit()) {
        std::fprintf(stderr, "cannot write %s: %s\n", qPrintable(outPath), qPrintable(out.errorString()));
        return false;
    }
    return true;
}

struct Entity {
    qsizetype start = 0;
    qsizetype end = 0;
    int kind = 0;
};

struct Document {
    QString text;
    QList<Entity> entities;
    QList<Token> tokens;
    RuleEvidence rules;
    std::unique_ptr<TaggerFeatures> features;
    std::vector<quint8> gold;
};

int kindOf(QStringView type)
{
    if (type == u"PER") {
        return TaggerLabel::Person;
    }
    if (type == u"ORG") {
        return TaggerLabel::Org;
    }
    if (type == u"LOC") {
        return TaggerLabel::Location;
    }
    return TaggerLabel::Misc;
}

// The detokenisation of the evaluation copies: no space before closing punctuation and clitics, none
// after opening brackets, double quotes paired when a sentence has an even number of them.
void appendSentence(const QStringList &words, const QStringList &tags, Document *doc)
{
    static const QStringList closing { QStringLiteral(","), QStringLiteral("."), QStringLiteral(";"),
        QStringLiteral(":"), QStringLiteral("!"), QStringLiteral("?"), QStringLiteral(")"), QStringLiteral("]"),
        QStringLiteral("}"), QStringLiteral("'") };
    static const QStringList clitics { QStringLiteral("'s"), QStringLiteral("n't"), QStringLiteral("'re"),
        QStringLiteral("'ve"), QStringLiteral("'ll"), QStringLiteral("'d"), QStringLiteral("'m") };
    const bool pairQuotes = words.count(QStringLiteral("\"")) % 2 == 0;
    bool quoteOpen = false;
    bool glueNext = false;
    Entity open;
    bool isOpen = false;
    const auto close = [&] {
        if (isOpen) {
            doc->entities.append(open);
        }
        isOpen = false;
    };
    for (qsizetype i = 0; i < words.size(); ++i) {
        const QString &word = words[i];
        bool space = i > 0 && !closing.contains(word) && !clitics.contains(word.toLower()) && !glueNext;
        glueNext = word == u"(" || word == u"[" || word == u"{";
        if (word == u"\"" && pairQuotes) {
            if (!quoteOpen) {
                glueNext = true;
            } else {
                space = false;
            }
            quoteOpen = !quoteOpen;
        }
        if (space) {
            doc->text.append(u' ');
        }
        const qsizetype start = doc->text.size();
        doc->text.append(word);
        const QString &tag = tags[i];
        if (tag == u"O") {
            close();
            continue;
        }
        const int kind = kindOf(QStringView(tag).sliced(2));
        if (tag.startsWith(u"B-") || !isOpen || open.kind != kind) {
            close();
            open = Entity { start, doc->text.size(), kind };
            isOpen = true;
        } else {
            open.end = doc->text.size();
        }
    }
    close();
    doc->text.append(u'\n');
}

std::vector<std::unique_ptr<Document>> readConll(const QString &path)
{
    std::vector<std::unique_ptr<Document>> docs;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
        return docs;
    }
    QStringList words;
    QStringList tags;
    const auto flush = [&] {
        if (!words.isEmpty()) {
            if (docs.empty()) {
                docs.push_back(std::make_unique<Document>());
            }
            appendSentence(words, tags, docs.back().get());
        }
        words.clear();
        tags.clear();
    };
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u"-DOCSTART-")) {
            flush();
            docs.push_back(std::make_unique<Document>());
            continue;
        }
        if (line.isEmpty()) {
            flush();
            continue;
        }
        const QStringList columns = line.split(u' ');
        words.append(columns.first());
        tags.append(columns.last());
    }
    flush();
    std::erase_if(docs, [](const std::unique_ptr<Document> &doc) { return doc->text.isEmpty(); });
    return docs;
}

// The word classes the features read: those of --clusters FILE (to try classes without rebuilding the
// trainer), else the compiled-in ones (asked for only once main() runs: the resources are not registered
// before).
const WordClusters *trainingClusters = nullptr;

// Tokenizes, runs the rules, extracts features and maps the gold names onto Dossier's tokens.
int prepare(Document *doc)
{
    doc->tokens = tokenize(doc->text);
    doc->rules = recognizeWithRules(doc->text, doc->tokens, {});
    doc->features = std::make_unique<TaggerFeatures>(
        doc->text, doc->tokens, doc->rules, trainingClusters ? *trainingClusters : WordClusters::instance());
    doc->gold.assign(size_t(doc->tokens.size()), TaggerLabel::Outside);
    const std::vector<FeatureLexicon::Hit> lexicon = FeatureLexicon::instance().match(doc->text, doc->tokens);
    constexpr quint8 country = 1u << FeatureLexicon::Country;
    int misaligned = 0;
    qsizetype t = 0;
    for (Entity &entity : doc->entities) {
        while (t < doc->tokens.size() && doc->tokens[t].end <= entity.start) {
            ++t;
        }
        qsizetype last = t;
        while (last < doc->tokens.size() && doc->tokens[last].start < entity.end) {
            ++last;
        }
        // A country is a place, also where it stands for its government ('North Korea tested a missile'): the
        // CoNLL-2003 guideline and Dossier's. Corpora that type such mentions by their referent (GUM) as
        // organisations are brought in line, so they do not teach the tagger two answers for one name.
        if (entity.kind == TaggerLabel::Org && last > t) {
            bool whole = last - t == 1 ? (lexicon[size_t(t)].unit & country) : true;
            for (qsizetype k = t; k < last && whole && last - t > 1; ++k) {
                whole = lexicon[size_t(k)].multi & country;
            }
            if (whole) {
                entity.kind = TaggerLabel::Location;
            }
        }
        if (last == t || doc->tokens[t].start != entity.start || doc->tokens[last - 1].end != entity.end) {
            ++misaligned; // a name inside a token ('Japan' of 'Japan-based'): labelled by the tokens it touches
        }
        for (qsizetype k = t; k < last; ++k) {
            const SpanPosition position = last - t == 1 ? SpanPosition::Unit
                : k == t                                ? SpanPosition::Begin
                : k + 1 == last                         ? SpanPosition::Last
                                                        : SpanPosition::Inside;
            doc->gold[size_t(k)] = TaggerLabel::make(entity.kind, position);
        }
        t = last;
    }
    return misaligned;
}

/*! The perceptron's weights and their running sums for averaging. */
class Perceptron
{
public:
    explicit Perceptron(int bits)
        : m_bits(bits)
        , m_weights(size_t(TaggerLabel::Count) << bits, 0.0f)
        , m_totals(m_weights.size(), 0.0)
        , m_stamps(m_weights.size(), 0)
    {
    }

    int bits() const { return m_bits; }
    const std::vector<float> &weights() const { return m_weights; }

    void buckets(const TaggerFeatureList &features, std::vector<size_t> *out) const
    {
        out->clear();
        for (const quint64 f : features) {
            out->push_back(size_t(SequenceTagger::bucket(f, m_bits)) * TaggerLabel::Count);
        }
    }

    void score(const std::vector<size_t> &rows, const std::vector<float> &weights, float *scores) const
    {
        std::fill(scores, scores + TaggerLabel::Count, 0.0f);
        for (const size_t row : rows) {
            for (int l = 0; l < TaggerLabel::Count; ++l) {
                scores[l] += weights[row + l];
            }
        }
    }

    void update(const std::vector<size_t> &rows, quint8 gold, quint8 predicted)
    {
        for (const size_t row : rows) {
            bump(row + gold, 1.0f);
            bump(row + predicted, -1.0f);
        }
    }

    void tick() { ++m_now; }

    std::vector<float> averaged() const
    {
        std::vector<float> out(m_weights.size());
        for (size_t j = 0; j < m_weights.size(); ++j) {
            const double total = m_totals[j] + double(m_now - m_stamps[j]) * m_weights[j];
            out[j] = float(total / double(std::max<quint64>(m_now, 1)));
        }
        return out;
    }

private:
    void bump(size_t j, float delta)
    {
        m_totals[j] += double(m_now - m_stamps[j]) * m_weights[j];
        m_stamps[j] = m_now;
        m_weights[j] += delta;
    }

    int m_bits;
    std::vector<float> m_weights;
    std::vector<double> m_totals;
    std::vector<quint64> m_stamps;
    quint64 m_now = 0;
};

// Greedy decoding with float weights; when \a learn is set, learns from each mistake on the way.
void decode(Document *doc, Perceptron &model, const std::vector<float> &weights, bool learn)
{
    TaggerFeatures &features = *doc->features;
    features.reset();
    TaggerFeatureList list;
    std::vector<size_t> rows;
    float scores[TaggerLabel::Count];
    for (qsizetype i = 0; i < features.size(); ++i) {
        list.clear();
        features.features(i, &list);
        model.buckets(list, &rows);
        model.score(rows, weights, scores);
        const quint8 previous = i == 0 || features.lastOfLine(i - 1) ? TaggerLabel::Outside : features.label(i - 1);
        float margin = 0;
        const quint8 predicted = SequenceTagger::best(scores, previous, features.lastOfLine(i), &margin);
        if (learn) {
            const quint8 gold = doc->gold[size_t(i)];
            if (predicted != gold) {
                model.update(rows, gold, predicted);
            }
            model.tick();
        }
        features.assign(i, predicted);
    }
}

struct Score {
    qint64 correct = 0;
    qint64 predicted = 0;
    qint64 gold = 0;
    void print(const char *what) const
    {
        const double p = predicted ? double(correct) / double(predicted) : 0;
        const double r = gold ? double(correct) / double(gold) : 0;
        std::printf(
            "%s span_f1=%.4f p=%.4f r=%.4f (PERSON/ORG/LOCATION)\n", what, p + r > 0 ? 2 * p * r / (p + r) : 0.0, p, r);
        std::fflush(stdout);
    }
};

// Exact character spans of PERSON, ORG and LOCATION against the gold.
void score(const Document &doc, const QList<TaggedSpan> &spans, Score *out)
{
    std::set<std::tuple<qsizetype, qsizetype, int>> gold;
    for (const Entity &entity : doc.entities) {
        if (entity.kind != TaggerLabel::Misc) {
            gold.insert({ entity.start, entity.end, entity.kind });
        }
    }
    out->gold += gold.size();
    for (const TaggedSpan &span : spans) {
        if (span.kind == TaggerLabel::Misc) {
            continue;
        }
        ++out->predicted;
        out->correct += gold.count({ doc.tokens[span.first].start, doc.tokens[span.last - 1].end, span.kind });
    }
}

// For development: what the rules, the compiled-in tagger and the final recognizer find in each file.
int explain(const QStringList &paths)
{
    static const char *const kinds[] = { "PERSON", "ORG", "LOCATION", "MISC" };
    static const char *const confidences[] = { "candidate", "guess", "sure" };
    for (const QString &path : paths) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 1;
        }
        const QString text = QString::fromUtf8(file.readAll());
        const QList<Token> tokens = tokenize(text);
        const RuleEvidence rules = recognizeWithRules(text, tokens, {});
        TaggerFeatures features(text, tokens, rules);
        std::printf("== %s\n", qPrintable(path));
        for (const RawMention &m : rules.mentions) {
            std::printf("rule   %-8s %-9s %s\n", qPrintable(entityTypeName(m.type)), confidences[int(m.confidence)],
                qPrintable(text.sliced(m.start, m.end - m.start)));
        }
        for (const TaggedSpan &span : SequenceTagger::instance().tag(features)) {
            const qsizetype start = tokens[span.first].start;
            std::printf("tagger %-8s %6.2f    %s @%lld-%lld\n", kinds[span.kind], span.margin,
                qPrintable(text.sliced(start, tokens[span.last - 1].end - start)), qint64(start),
                qint64(tokens[span.last - 1].end));
        }
        for (const RawMention &m : defaultRecognizer().recognize(text, {})) {
            std::printf("final  %-8s %-9s %s @%lld-%lld\n", qPrintable(entityTypeName(m.type)),
                confidences[int(m.confidence)], qPrintable(text.sliced(m.start, m.end - m.start)), qint64(m.start),
                qint64(m.end));
        }
    }
    return 0;
}

// How often the tagger's names are right, by the lead of their labels and by what the rules said of them:
// the recognizer's thresholds come from here.
void calibrate(const std::vector<std::unique_ptr<Document>> &docs, const SequenceTagger &tagger)
{
    static const char *const supports[]
        = { "rules agree (sure)", "rules agree (guess/cand.)", "rules sure, other span/type", "rules guess, other",
              "no rule mention", "(any) all ordinary words", "(any) all lower elsewhere" };
    static const float bounds[] = { 5, 10, 20, 40, 80, 1e9f };
    qint64 right[7][6] = {};
    qint64 all[7][6] = {};
    qint64 ruleRight = 0;
    qint64 ruleWrongTaggerRight = 0;
    qint64 bothWrong = 0;
    qint64 ruleRightTaggerRight = 0;
    qint64 miscOverGazetteer[2] = {}; // a MISC span that is exactly a sure gazetteer name: [rule right, MISC right]
    for (const auto &doc : docs) {
        std::set<std::tuple<qsizetype, qsizetype, int>> gold;
        for (const Entity &entity : doc->entities) {
            if (entity.kind != TaggerLabel::Misc) {
                gold.insert({ entity.start, entity.end, entity.kind });
            }
        }
        const auto kindOfType = [](EntityType type) {
            return type == EntityType::Person ? 0 : type == EntityType::Org ? 1 : 2;
        };
        doc->features->reset();
        const QList<TaggedSpan> spans = tagger.tag(*doc->features);
        std::set<std::tuple<qsizetype, qsizetype, int>> tagged;
        for (const TaggedSpan &span : spans) {
            const qsizetype start = doc->tokens[span.first].start;
            const qsizetype end = doc->tokens[span.last - 1].end;
            if (span.kind != TaggerLabel::Misc) {
                tagged.insert({ start, end, span.kind });
            }
            int support = 4;
            for (const RawMention &m : doc->rules.mentions) {
                if (m.type == EntityType::Date || m.type == EntityType::Money || m.end <= start || m.start >= end) {
                    continue;
                }
                const bool same = m.start == start && m.end == end && kindOfType(m.type) == span.kind;
                const int s = same                             ? (m.confidence == MentionConfidence::Sure ? 0 : 1)
                    : m.confidence == MentionConfidence::Sure  ? 2
                    : m.confidence == MentionConfidence::Guess ? 3
                                                               : 4;
                support = std::min(support, s);
            }
            if (span.kind == TaggerLabel::Misc) {
                for (const RawMention &m : doc->rules.mentions) {
                    if (m.start == start && m.end == end && m.confidence == MentionConfidence::Sure
                        && !m.canonical.isEmpty() && m.type != EntityType::Date && m.type != EntityType::Money) {
                        ++miscOverGazetteer[gold.count({ start, end, kindOfType(m.type) }) ? 0 : 1];
                    }
                }
                continue;
            }
            int b = 0;
            while (span.margin >= bounds[b]) {
                ++b;
            }
            ++all[support][b];
            right[support][b] += gold.count({ start, end, span.kind });
            bool common = true;
            for (qsizetype k = span.first; k < span.last && common; ++k) {
                common = doc->features->isCommon(k);
            }
            if (common) {
                ++all[5][b];
                right[5][b] += gold.count({ start, end, span.kind });
            }
            bool lower = true;
            for (qsizetype k = span.first; k < span.last && lower; ++k) {
                lower = doc->features->isLowerElsewhere(k);
            }
            if (lower) {
                ++all[6][b];
                right[6][b] += gold.count({ start, end, span.kind });
            }
        }
        // Sure rule names the tagger did not tag as they are.
        for (const RawMention &m : doc->rules.mentions) {
            if (m.confidence != MentionConfidence::Sure || m.type == EntityType::Date || m.type == EntityType::Money) {
                continue;
            }
            const std::tuple<qsizetype, qsizetype, int> key { m.start, m.end, kindOfType(m.type) };
            if (tagged.count(key)) {
                continue;
            }
            bool taggerRight = false;
            for (const TaggedSpan &span : spans) {
                const qsizetype start = doc->tokens[span.first].start;
                const qsizetype end = doc->tokens[span.last - 1].end;
                if (span.kind != TaggerLabel::Misc && start < m.end && end > m.start) {
                    taggerRight = taggerRight || gold.count({ start, end, span.kind });
                }
            }
            const bool ruleOk = gold.count(key);
            ruleRight += ruleOk && !taggerRight;
            ruleRightTaggerRight += ruleOk && taggerRight;
            ruleWrongTaggerRight += !ruleOk && taggerRight;
            bothWrong += !ruleOk && !taggerRight;
        }
    }
    std::printf("precision of tagged names by margin  <5  <10  <20  <40  <80  more\n");
    for (int s = 0; s < 7; ++s) {
        std::printf("%-30s", supports[s]);
        for (int b = 0; b < 6; ++b) {
            std::printf(" %4.2f/%-4lld", all[s][b] ? double(right[s][b]) / double(all[s][b]) : 0.0, all[s][b]);
        }
        std::printf("\n");
    }
    std::printf("sure rule names not tagged as such: rule right %lld, tagger right %lld, both %lld, neither %lld\n",
        ruleRight, ruleWrongTaggerRight, ruleRightTaggerRight, bothWrong);
    std::printf("MISC names that are sure gazetteer names: gazetteer right %lld, otherwise %lld\n",
        miscOverGazetteer[0], miscOverGazetteer[1]);
}

// Builds the feature lexicon (core/analysis/featurelexicon.h) from the gazetteer lists of
// ../shared/train/ner/gazetteers: one name per line.
int makeLexicon(const QString &dir, const QString &outPath)
{
    static const std::pair<FeatureLexicon::List, const char *> files[] = {
        { FeatureLexicon::City, "LOC.cities.txt" },
        { FeatureLexicon::City, "LOC.capitals.txt" },
        { FeatureLexicon::Region, "LOC.subcountries.txt" },
        { FeatureLexicon::Country, "LOC.countries.txt" },
        { FeatureLexicon::Company, "ORG.companies.txt" },
        { FeatureLexicon::CompanyShort, "ORG.companies_short.txt" },
        { FeatureLexicon::University, "ORG.universities.txt" },
        { FeatureLexicon::FirstName, "PER.first_names.txt" },
        { FeatureLexicon::Surname, "PER.surnames.txt" },
    };
    QList<std::pair<FeatureLexicon::List, QStringList>> lists;
    for (const auto &[list, name] : files) {
        QFile file(dir + u'/' + QLatin1StringView(name));
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
            return 1;
        }
        QStringList names;
        while (!file.atEnd()) {
            const QString line = QString::fromUtf8(file.readLine()).trimmed();
            if (!line.isEmpty()) {
                names.append(line);
            }
        }
        std::printf("%s: %lld names\n", name, qint64(names.size()));
        lists.append({ list, names });
    }
    const QByteArray data = FeatureLexicon::build(lists);
    FeatureLexicon check;
    QString error;
    if (!check.load(data, &error)) {
        std::fprintf(stderr, "the lexicon written does not load: %s\n", qPrintable(error));
        return 1;
    }
    if (!writeModel(outPath, data)) {
        return 1;
    }
    std::printf("wrote %s: %d entries, %lld bytes\n", qPrintable(outPath), check.size(), qint64(data.size()));
    return 0;
}

// Learns the word classes (core/analysis/wordclusters.h) from unlabelled text: the text of CoNLL files (their
// labels unread) and plain text files, in the order given.
int makeClusters(const QStringList &args)
{
    const QString outPath = args.value(0);
    QStringList texts;
    ClusterOptions options;
    const std::pair<const char16_t *, int *> numbers[] = { { u"--fine", &options.fine },
        { u"--middle", &options.middle }, { u"--coarse", &options.coarse }, { u"--min-count", &options.minCount },
        { u"--contexts", &options.contexts }, { u"--window", &options.window } };
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        const auto number = std::find_if(
            std::begin(numbers), std::end(numbers), [&](const auto &n) { return args[i] == QStringView(n.first); });
        if (number != std::end(numbers)) {
            *number->second = args[i + 1].toInt();
        } else if (args[i] == u"--conll") {
            for (const auto &doc : readConll(args[i + 1])) {
                texts.append(doc->text);
            }
        } else if (args[i] == u"--text") {
            QFile file(args[i + 1]);
            if (!file.open(QIODevice::ReadOnly)) {
                std::fprintf(stderr, "cannot read %s\n", qPrintable(file.fileName()));
                return 1;
            }
            texts.append(QString::fromUtf8(file.readAll()));
        } else {
            std::fprintf(stderr, "unknown argument %s\n", qPrintable(args[i]));
            return 2;
        }
    }
    if (outPath.isEmpty() || texts.isEmpty() || args.size() % 2 == 0) {
        std::fprintf(stderr, "usage: dossier-train-tagger --make-clusters OUT [--conll FILE | --text FILE]...\n");
        return 2;
    }
    const QByteArray data = makeWordClusters(texts, options);
    WordClusters check;
    QString error;
    if (!check.load(data, &error)) {
        std::fprintf(stderr, "the word classes written do not load: %s\n", qPrintable(error));
        return 1;
    }
    if (!writeModel(outPath, data)) {
        return 1;
    }
    std::printf("wrote %s: %d words, %lld bytes\n", qPrintable(outPath), check.size(), qint64(data.size()));
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (app.arguments().value(1) == u"--explain") {
        return explain(app.arguments().mid(2));
    }
    if (app.arguments().value(1) == u"--make-clusters") {
        return makeClusters(app.arguments().mid(2));
    }
    if (app.arguments().value(1) == u"--make-lexicon" && app.arguments().size() == 4) {
        return makeLexicon(app.arguments().at(2), app.arguments().at(3));
    }
    struct Corpus {
        QString path;
        int weight = 1; // how many times each of its documents is seen per epoch
    };
    QList<Corpus> trainSets;
    QStringList devPaths;
    QString outPath;
    int epochs = 16;
    int bits = 17;
    int runs = 1;
    quint32 seed = 2003;
    WordClusters ownClusters;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        const QString &arg = args[i];
        const QString value = i + 1 < args.size() ? args[i + 1] : QString();
        if (arg == u"--train") {
            trainSets.append(Corpus { value });
        } else if (arg == u"--weight" && !trainSets.isEmpty()) {
            trainSets.last().weight = value.toInt();
        } else if (arg == u"--dev") {
            devPaths.append(value);
        } else if (arg == u"--out") {
            outPath = value;
        } else if (arg == u"--epochs") {
            epochs = value.toInt();
        } else if (arg == u"--bits") {
            bits = value.toInt();
        } else if (arg == u"--seed") {
            seed = value.toUInt();
        } else if (arg == u"--runs") {
            runs = value.toInt();
        } else if (arg == u"--clusters") {
            QFile file(value);
            QString error;
            if (!file.open(QIODevice::ReadOnly) || !ownClusters.load(file.readAll(), &error)) {
                std::fprintf(stderr, "cannot read the word classes %s\n", qPrintable(value));
                return 1;
            }
            trainingClusters = &ownClusters;
        } else {
            std::fprintf(stderr, "unknown argument %s\n", qPrintable(arg));
            return 2;
        }
        ++i;
    }
    const bool weightsOk
        = std::all_of(trainSets.cbegin(), trainSets.cend(), [](const Corpus &c) { return c.weight >= 1; });
    if (trainSets.isEmpty() || !weightsOk || outPath.isEmpty() || epochs < 1 || runs < 1 || bits < 10 || bits > 24) {
        std::fprintf(stderr,
            "usage: dossier-train-tagger --train FILE [--weight N] [--train FILE [--weight N]]... --out MODEL "
            "[--dev FILE]... [--epochs N] [--runs N] [--bits 10..24] [--seed S]\n");
        return 2;
    }
    QElapsedTimer timer;
    timer.start();
    std::vector<std::unique_ptr<Document>> train;
    std::vector<size_t> copies; // per training document: how often an epoch shows it
    for (const Corpus &corpus : std::as_const(trainSets)) {
        std::vector<std::unique_ptr<Document>> docs = readConll(corpus.path);
        if (docs.empty()) {
            std::fprintf(stderr, "no training documents in %s\n", qPrintable(corpus.path));
            return 1;
        }
        for (auto &doc : docs) {
            train.push_back(std::move(doc));
            copies.push_back(size_t(corpus.weight));
        }
    }
    std::vector<std::pair<QString, std::vector<std::unique_ptr<Document>>>> dev;
    for (const QString &path : std::as_const(devPaths)) {
        dev.emplace_back(
            QFileInfo(QFileInfo(path).path()).fileName() + u'/' + QFileInfo(path).fileName(), readConll(path));
    }
    qint64 tokens = 0;
    int misaligned = 0;
    qint64 names = 0;
    for (auto &doc : train) {
        misaligned += prepare(doc.get());
        tokens += doc->tokens.size();
        names += doc->entities.size();
    }
    size_t devDocuments = 0;
    for (auto &set : dev) {
        for (auto &doc : set.second) {
            prepare(doc.get());
        }
        devDocuments += set.second.size();
    }
    std::printf("train: %zu documents, %lld tokens, %lld names (%d not on token boundaries); dev: %zu documents; "
                "prepared in %.1f s\n",
        train.size(), tokens, names, misaligned, devDocuments, double(timer.elapsed()) / 1000);
    std::fflush(stdout);

    // Several perceptrons, each on its own shuffle, averaged into one: a single run's weights depend on the
    // order it saw the documents in (its dev figures swing by a point or more from seed to seed); their mean
    // does much less.
    std::vector<float> ensemble;
    for (int run = 0; run < runs; ++run) {
        Perceptron model(bits);
        std::mt19937 random(seed + quint32(run));
        std::vector<size_t> order;
        for (size_t i = 0; i < train.size(); ++i) {
            order.insert(order.end(), copies[i], i);
        }
        for (int epoch = 1; epoch <= epochs; ++epoch) {
            for (size_t i = order.size() - 1; i > 0; --i) { // Fisher-Yates, the same on every platform
                std::swap(order[i], order[random() % (i + 1)]);
            }
            for (const size_t d : order) {
                decode(train[d].get(), model, model.weights(), true);
            }
            if (!dev.empty() && (epoch == epochs || runs == 1)) {
                const std::vector<float> averaged = model.averaged();
                for (auto &[name, docs] : dev) {
                    Score s;
                    for (auto &doc : docs) {
                        decode(doc.get(), model, averaged, false);
                        score(*doc, SequenceTagger::spans(*doc->features, std::vector<float>(doc->tokens.size())), &s);
                    }
                    s.print(qPrintable(QStringLiteral("run %1 epoch %2 %3 (float)").arg(run + 1).arg(epoch).arg(name)));
                }
            } else if (dev.empty()) {
                std::printf("run %d epoch %d\n", run + 1, epoch);
                std::fflush(stdout);
            }
        }
        const std::vector<float> averaged = model.averaged();
        if (ensemble.empty()) {
            ensemble.assign(averaged.size(), 0.0f);
        }
        for (size_t j = 0; j < averaged.size(); ++j) {
            ensemble[j] += averaged[j] / float(runs);
        }
    }
    const QByteArray data = SequenceTagger::serialize(ensemble, bits);
    SequenceTagger tagger;
    QString error;
    if (!tagger.load(data, &error)) {
        std::fprintf(stderr, "the model written does not load: %s\n", qPrintable(error));
        return 1;
    }
    for (auto &[name, docs] : dev) {
        Score s;
        for (auto &doc : docs) {
            doc->features->reset();
            score(*doc, tagger.tag(*doc->features), &s);
        }
        s.print(qPrintable(QStringLiteral("final %1 (8-bit model)").arg(name)));
    }
    if (!dev.empty()) {
        calibrate(dev.front().second, tagger); // the first dev set's table
    }
    if (!writeModel(outPath, data)) {
        return 1;
    }
    std::printf("wrote %s: %lld bytes, 2^%d buckets; trained in %.1f s\n", qPrintable(outPath), qint64(data.size()),
        bits, double(timer.elapsed()) / 1000);
    return 0;
}
