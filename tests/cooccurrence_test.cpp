// Who appears with whom: CooccurrenceQuery's counts, PMI and NPMI on a library small enough to count
// by hand, its options and filters, the GraphML and GEXF writers, and `dossier-cli cooccurrence`.

#include "export/entitygraph.h"
#include "store/library.h"
#include "storearticles.h"
#include "testbackend.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#include <cmath>

using namespace Dossier::Core;
using namespace Dossier::Test;
using namespace Qt::StringLiterals;

namespace
{

// Six articles of our own, each entity mentioned wherever its name is written:
//   1 (2026-01-10) Ana Ruiz, Tom Lee, Manila | Harbor Authority
//   2 (2026-01-20) Ana Ruiz, Tom Lee | Harbor Authority, Manila
//   3 (2026-02-05) Ana Ruiz, Oslo | Tom Lee
//   4 (2026-02-15) Harbor Authority, Oslo
//   5 (2026-03-01) Tom Lee, Manila
//   6 (2026-03-10) nobody (no unit)
// ('|' separates sentences.) By article: N = 5; Ana 3, Tom 4, Harbor Authority 3, Manila 3, Oslo 2;
// together: Ana–Tom 3, Tom–Manila 3, Ana–Manila 2, Ana–Harbor 2, Tom–Harbor 2, Harbor–Manila 2, the
// rest 1 or 0. By sentence: N = 8; Ana 3, Tom 4, Harbor 3, Manila 3, Oslo 2; Ana–Tom 2, Tom–Manila 2,
// Ana–Manila 1, Harbor–Manila 1, Ana–Oslo 1, Harbor–Oslo 1.
struct Text {
    const char *date;
    const char *body;
};
const Text texts[] = {
    { "2026-01-10", "Ana Ruiz met Tom Lee in Manila. The Harbor Authority said nothing." },
    { "2026-01-20", "Ana Ruiz and Tom Lee toured the docks. Later the Harbor Authority spoke in Manila." },
    { "2026-02-05", "Ana Ruiz flew to Oslo. Tom Lee stayed behind." },
    { "2026-02-15", "The Harbor Authority opened an office in Oslo." },
    { "2026-03-01", "Tom Lee spoke in Manila." },
    { "2026-03-10", "Rain fell on the coast all week." },
};

struct Named {
    const char16_t *name;
    EntityType type;
};
const Named names[] = {
    { u"Ana Ruiz", EntityType::Person },
    { u"Tom Lee", EntityType::Person },
    { u"Harbor Authority", EntityType::Org },
    { u"Manila", EntityType::Location },
    { u"Oslo", EntityType::Location },
};

// An entity with a mention wherever its name is written in the body (none: not added).
void addEverywhere(Article &article, EntityType type, const QString &name)
{
    const int index = int(article.entities.size());
    int count = 0;
    for (qsizetype at = article.body.indexOf(name); at >= 0; at = article.body.indexOf(name, at + name.size())) {
        article.mentions.append(Mention { at, at + name.size(), type, index });
        ++count;
    }
    if (count > 0) {
        article.entities.append(Entity { name, type, {}, count });
    }
}

// "A|B|count" for each pair, in ranked order.
QStringList rows(const Cooccurrences &result)
{
    QStringList out;
    for (const CooccurrencePair &pair : result.pairs) {
        out.append(u"%1|%2|%3"_s.arg(pair.a.name, pair.b.name).arg(pair.count));
    }
    return out;
}

bool near(double a, double b)
{
    return std::abs(a - b) < 1e-12;
}

struct CliRun {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

CliRun runCli(const QStringList &arguments)
{
    QProcess process;
    process.start(QStringLiteral(DOSSIER_CLI), arguments);
    CliRun run;
    if (!process.waitForFinished(120000)) {
        return run;
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

QList<QJsonObject> jsonLines(const QByteArray &out)
{
    QList<QJsonObject> lines;
    for (const QByteArray &line : out.split('\n')) {
        if (!line.isEmpty()) {
            lines.append(QJsonDocument::fromJson(line).object());
        }
    }
    return lines;
}

// The nodes ("label type count") and edges ("source-label target-label weight npmi") of a GraphML or
// GEXF document read back; an empty list and a failure when it is not well-formed.
struct ReadGraph {
    QString rootNamespace;
    QString rootName;
    QStringList nodes;
    QStringList edges;
    QList<double> npmi;
};

ReadGraph readGraph(const QByteArray &document)
{
    ReadGraph graph;
    QXmlStreamReader xml(document);
    QHash<QString, QString> labelOf; // node id → label
    QString element; // node or edge being read
    QHash<QString, QString> values; // its attribute values (GraphML data, GEXF attvalue)
    QString id;
    QString source;
    QString target;
    QString weight;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const QStringView name = xml.name();
            const QXmlStreamAttributes attributes = xml.attributes();
            if (graph.rootName.isEmpty()) {
                graph.rootName = name.toString();
                graph.rootNamespace = xml.namespaceUri().toString();
            }
            if (name == u"node" || name == u"edge") {
                element = name.toString();
                values.clear();
                id = attributes.value(u"id"_s).toString();
                source = attributes.value(u"source"_s).toString();
                target = attributes.value(u"target"_s).toString();
                weight = attributes.value(u"weight"_s).toString();
                if (attributes.hasAttribute(u"label"_s)) {
                    values.insert(u"label"_s, attributes.value(u"label"_s).toString());
                }
            } else if (name == u"data") {
                const QString key = attributes.value(u"key"_s).toString();
                values.insert(key, xml.readElementText());
            } else if (name == u"attvalue") {
                values.insert(attributes.value(u"for"_s).toString(), attributes.value(u"value"_s).toString());
            }
        } else if (xml.isEndElement() && xml.name() == element) {
            if (element == u"node") {
                labelOf.insert(id, values.value(u"label"_s));
                graph.nodes.append(
                    u"%1 %2 %3"_s.arg(values.value(u"label"_s), values.value(u"type"_s), values.value(u"count"_s)));
            } else {
                const QString edgeWeight = weight.isEmpty() ? values.value(u"weight"_s) : weight;
                graph.edges.append(u"%1-%2 %3"_s.arg(labelOf.value(source), labelOf.value(target), edgeWeight));
                graph.npmi.append(values.value(u"npmi"_s).toDouble());
            }
            element.clear();
        }
    }
    if (xml.hasError()) {
        qWarning() << "not well-formed:" << xml.errorString() << "at line" << xml.lineNumber();
        return {};
    }
    return graph;
}

} // namespace

class CooccurrenceTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void countsAndNpmiByArticle();
    void countsAndNpmiBySentence();
    void sentencePairsFollowReimportAndRemoval();
    void optionsAndFilters_data();
    void optionsAndFilters();
    void sentenceScopeStopsAtItsLimit();
    void manyEntitiesCountedAsFew();
    void articlesWithBothNarrowsTheList();
    void graphMlAndGexfReadBack_data();
    void graphMlAndGexfReadBack();
    void cliPrintsPairs();
    void cliWritesGraphs();
    void cliUsageErrors_data();
    void cliUsageErrors();

private:
    qint64 idOf(const QString &name) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Library> m_library;
};

void CooccurrenceTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Library>(Dossier::Test::testLibrary(m_dir->filePath(u"cooccurrence.dossier"_s)));
    QVERIFY2(m_library->open(), qPrintable(m_library->errorString()));
    int number = 0;
    for (const Text &text : texts) {
        ++number;
        Article article = makeArticle(u"/corpus/report-%1.txt"_s.arg(number), u"Report %1"_s.arg(number),
            QString::fromUtf8(text.body), QByteArray::number(number).repeated(4));
        article.meta.date = QString::fromUtf8(text.date);
        for (const Named &named : names) {
            addEverywhere(article, named.type, QString::fromUtf16(named.name));
        }
        QVERIFY2(m_library->articles().store(article), qPrintable(m_library->errorString()));
    }
}

qint64 CooccurrenceTest::idOf(const QString &name) const
{
    for (const Named &named : names) {
        if (name == QStringView(named.name)) {
            const auto entity = m_library->entities().find(named.type, name);
            return entity ? entity->id : -1;
        }
    }
    return -1;
}

void CooccurrenceTest::countsAndNpmiByArticle()
{
    const auto result = m_library->cooccurrence().pairs({});
    QVERIFY2(result, qPrintable(m_library->errorString()));
    QCOMPARE(result->units, 5); // article 6 names nobody
    QCOMPARE(result->articles, 6);
    QCOMPARE(result->filtered, 6);
    QVERIFY(!result->truncated);
    // Ranked by NPMI, then count, then the more frequent entity and names.
    QCOMPARE(rows(*result),
        (QStringList { u"Tom Lee|Ana Ruiz|3"_s, u"Tom Lee|Manila|3"_s, u"Ana Ruiz|Harbor Authority|2"_s,
            u"Ana Ruiz|Manila|2"_s, u"Harbor Authority|Manila|2"_s, u"Tom Lee|Harbor Authority|2"_s }));
    const CooccurrencePair &top = result->pairs[0];
    QCOMPARE(top.a.documents, 4);
    QCOMPARE(top.b.documents, 3);
    QCOMPARE(top.a.type, EntityType::Person);
    QCOMPARE(top.a.id, idOf(u"Tom Lee"_s));
    // PMI = log2(c(a,b) N / (c(a) c(b))), NPMI = PMI / -log2(c(a,b) / N).
    QVERIFY2(near(top.pmi, std::log2(3.0 * 5 / (4 * 3))), qPrintable(QString::number(top.pmi)));
    QVERIFY(near(top.npmi, std::log2(15.0 / 12) / std::log2(5.0 / 3)));
    QVERIFY(near(top.npmi, 0.4368292053736753)); // computed apart (Python)
    const CooccurrencePair &harbor = result->pairs[2];
    QVERIFY(near(harbor.pmi, std::log2(10.0 / 9)));
    QVERIFY(near(harbor.npmi, std::log2(10.0 / 9) / std::log2(5.0 / 2)));
    const CooccurrencePair &last = result->pairs[5]; // together less often than chance
    QVERIFY(near(last.pmi, std::log2(10.0 / 12)));
    QVERIFY(near(last.npmi, std::log2(10.0 / 12) / std::log2(5.0 / 2)));
    QVERIFY(last.npmi < 0);
}

void CooccurrenceTest::countsAndNpmiBySentence()
{
    CooccurrenceOptions options;
    options.scope = CooccurrenceScope::Sentence;
    const auto result = m_library->cooccurrence().pairs({}, options);
    QVERIFY2(result, qPrintable(m_library->errorString()));
    QCOMPARE(result->units, 8); // sentences naming someone
    QCOMPARE(result->articles, 6);
    QCOMPARE(rows(*result), (QStringList { u"Tom Lee|Ana Ruiz|2"_s, u"Tom Lee|Manila|2"_s }));
    for (const CooccurrencePair &pair : result->pairs) {
        QCOMPARE(pair.a.documents, 4); // Tom Lee's sentences
        QCOMPARE(pair.b.documents, 3);
        QVERIFY(near(pair.pmi, std::log2(2.0 * 8 / (4 * 3))));
        QVERIFY(near(pair.npmi, std::log2(4.0 / 3) / 2)); // -log2(2/8) = 2
    }
    options.minCount = 1;
    const auto all = m_library->cooccurrence().pairs({}, options);
    QVERIFY(all);
    QCOMPARE(all->pairs.size(), 6);
    QVERIFY(!rows(*all).contains(u"Ana Ruiz|Harbor Authority|1"_s)); // never in one sentence
    QVERIFY(rows(*all).contains(u"Harbor Authority|Manila|1"_s));
}

void CooccurrenceTest::sentencePairsFollowReimportAndRemoval()
{
    // Schema 14: sentence scope reads each article's mentions with their sentences, written with
    // the article and replaced or removed with it.
    QCOMPARE(m_library->timeline().missingSentenceRows(), 0);
    CooccurrenceOptions options;
    options.scope = CooccurrenceScope::Sentence;
    Article again = makeArticle(
        u"/corpus/report-5.txt"_s, u"Report 5"_s, u"Tom Lee and Ana Ruiz spoke in Manila."_s, QByteArray("5555-again"));
    again.meta.date = u"2026-03-01"_s;
    for (const Named &named : names) {
        addEverywhere(again, named.type, QString::fromUtf16(named.name));
    }
    QCOMPARE(*m_library->articles().store(again), StoreOutcome::Updated);
    auto result = m_library->cooccurrence().pairs({}, options);
    QVERIFY2(result, qPrintable(m_library->errorString()));
    QCOMPARE(result->units, 8);
    QCOMPARE(rows(*result), (QStringList { u"Ana Ruiz|Tom Lee|3"_s, u"Ana Ruiz|Manila|2"_s, u"Tom Lee|Manila|2"_s }));

    const auto first = m_library->documents().search(u"met"_s);
    QVERIFY(first && first->size() == 1);
    QVERIFY2(m_library->articles().remove(first->front().id), qPrintable(m_library->errorString()));
    result = m_library->cooccurrence().pairs({}, options);
    QVERIFY2(result, qPrintable(m_library->errorString()));
    QCOMPARE(result->units, 6);
    QCOMPARE(result->articles, 5);
    QCOMPARE(rows(*result), QStringList { u"Ana Ruiz|Tom Lee|2"_s });
    QCOMPARE(result->pairs.front().a.documents, 3);
}

void CooccurrenceTest::optionsAndFilters_data()
{
    QTest::addColumn<QString>("scope");
    QTest::addColumn<int>("minCount");
    QTest::addColumn<QStringList>("types");
    QTest::addColumn<int>("limit");
    QTest::addColumn<QString>("entity"); // the filter's entity, by name
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("units");
    QTest::addColumn<QStringList>("expected");
    QTest::addColumn<double>("topNpmi");

    const QStringList all { u"PERSON"_s, u"ORG"_s, u"LOCATION"_s };
    QTest::newRow("min count 3") << u"article"_s << 3 << all << -1 << QString() << QString() << QString() << QString()
                                 << 5 << QStringList { u"Tom Lee|Ana Ruiz|3"_s, u"Tom Lee|Manila|3"_s }
                                 << std::log2(1.25) / std::log2(5.0 / 3);
    // The pairs of one article rank low: Ana–Oslo log2(5/6) / log2(5), Tom–Oslo log2(5/8) / log2(5).
    QTest::newRow("min count 1 adds the pairs of one article")
        << u"article"_s << 1 << all << -1 << QString() << QString() << QString() << QString() << 5
        << QStringList { u"Tom Lee|Ana Ruiz|3"_s, u"Tom Lee|Manila|3"_s, u"Ana Ruiz|Harbor Authority|2"_s,
               u"Ana Ruiz|Manila|2"_s, u"Harbor Authority|Manila|2"_s, u"Ana Ruiz|Oslo|1"_s,
               u"Harbor Authority|Oslo|1"_s, u"Tom Lee|Harbor Authority|2"_s, u"Tom Lee|Oslo|1"_s }
        << std::log2(1.25) / std::log2(5.0 / 3);
    QTest::newRow("limit") << u"article"_s << 2 << all << 1 << QString() << QString() << QString() << QString() << 5
                           << QStringList { u"Tom Lee|Ana Ruiz|3"_s } << std::log2(1.25) / std::log2(5.0 / 3);
    QTest::newRow("people only") << u"article"_s << 2 << QStringList { u"PERSON"_s } << -1 << QString() << QString()
                                 << QString() << QString() << 4 << QStringList { u"Tom Lee|Ana Ruiz|3"_s } << 0.0;
    QTest::newRow("places and organisations")
        << u"article"_s << 2 << QStringList { u"LOCATION"_s, u"ORG"_s } << -1 << QString() << QString() << QString()
        << QString() << 5 << QStringList { u"Harbor Authority|Manila|2"_s } << std::log2(10.0 / 9) / std::log2(2.5);
    QTest::newRow("dates only: no pairs") << u"article"_s << 1 << QStringList { u"DATE"_s } << -1 << QString()
                                          << QString() << QString() << QString() << 0 << QStringList {} << 0.0;
    QTest::newRow("sentence, people only")
        << u"sentence"_s << 1 << QStringList { u"PERSON"_s } << -1 << QString() << QString() << QString() << QString()
        << 5 << QStringList { u"Tom Lee|Ana Ruiz|2"_s } << std::log2(2.0 * 5 / 12) / std::log2(5.0 / 2);
    // Articles 1, 2, 3: Ana and Tom in all three (NPMI 1 when a pair is in every unit); the Harbor Authority
    // and Manila only together (log2(3/2) / -log2(2/3): 1).
    QTest::newRow("entity filter") << u"article"_s << 2 << all << 2 << u"Ana Ruiz"_s << QString() << QString()
                                   << QString() << 3
                                   << QStringList { u"Ana Ruiz|Tom Lee|3"_s, u"Harbor Authority|Manila|2"_s } << 1.0;
    // Articles 1, 2 and 5 write Manila.
    QTest::newRow("query filter") << u"article"_s << 3 << all << -1 << QString() << u"Manila"_s << QString()
                                  << QString() << 3 << QStringList { u"Manila|Tom Lee|3"_s } << 1.0;
    // January: articles 1 and 2, each naming all four.
    QTest::newRow("period filter") << u"article"_s << 2 << all << 2 << QString() << QString() << QString()
                                   << u"2026-01"_s << 2
                                   << QStringList { u"Ana Ruiz|Harbor Authority|2"_s, u"Ana Ruiz|Manila|2"_s } << 1.0;
    // Articles 4 and 5: a sentence each, both pairs in one of two units (PMI 1, NPMI 1).
    QTest::newRow("period filter, sentence")
        << u"sentence"_s << 1 << all << 1 << QString() << QString() << u"2026-02-10"_s << QString() << 2
        << QStringList { u"Harbor Authority|Oslo|1"_s } << 1.0;
}

void CooccurrenceTest::optionsAndFilters()
{
    QFETCH(QString, scope);
    QFETCH(int, minCount);
    QFETCH(QStringList, types);
    QFETCH(int, limit);
    QFETCH(QString, entity);
    QFETCH(QString, query);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, units);
    QFETCH(QStringList, expected);
    QFETCH(double, topNpmi);

    CooccurrenceOptions options;
    QVERIFY(cooccurrenceScopeFromName(scope, &options.scope));
    options.minCount = minCount;
    options.limit = limit;
    options.types.clear();
    for (const QString &name : types) {
        EntityType type = EntityType::Person;
        QVERIFY(entityTypeFromName(name, &type));
        options.types.append(type);
    }
    DocumentFilter filter;
    if (!entity.isEmpty()) {
        filter.entities = { idOf(entity) };
    }
    filter.text = query;
    if (!from.isEmpty()) {
        filter.from = Dates::period(from).first;
    }
    if (!to.isEmpty()) {
        filter.to = Dates::period(to).last;
    }
    const auto result = m_library->cooccurrence().pairs(filter, options);
    QVERIFY2(result, qPrintable(m_library->errorString()));
    QCOMPARE(result->units, units);
    QCOMPARE(rows(*result), expected);
    if (!expected.isEmpty()) {
        QVERIFY2(std::abs(result->pairs[0].npmi - topNpmi) < 1e-12,
            qPrintable(u"%1 != %2"_s.arg(result->pairs[0].npmi, 0, 'g', 17).arg(topNpmi, 0, 'g', 17)));
    }
    for (const CooccurrencePair &pair : result->pairs) {
        QVERIFY(pair.count >= minCount);
        QVERIFY(pair.npmi >= -1 && pair.npmi <= 1);
        QVERIFY(types.contains(entityTypeName(pair.a.type)));
        QVERIFY(types.contains(entityTypeName(pair.b.type)));
    }
}

void CooccurrenceTest::sentenceScopeStopsAtItsLimit()
{
    CooccurrenceOptions options;
    options.scope = CooccurrenceScope::Sentence;
    options.minCount = 1;
    options.sentenceArticleLimit = 2; // the two most recent: articles 6 and 5
    const auto result = m_library->cooccurrence().pairs({}, options);
    QVERIFY(result);
    QVERIFY(result->truncated);
    QCOMPARE(result->articles, 2);
    QCOMPARE(result->filtered, 6);
    QCOMPARE(result->units, 1);
    QCOMPARE(rows(*result), (QStringList { u"Manila|Tom Lee|1"_s })); // as frequent: by name
    QCOMPARE(result->pairs[0].npmi, 1.0); // in every unit
    QCOMPARE(result->pairs[0].pmi, 0.0);
}

// More entities than the in-memory pair table holds (2,048 that can be in a pair): counted in a hash
// instead, with the same answers. 105 teams of 40 people, each team named together in two articles of its
// own, and one person named in all 210 articles.
void CooccurrenceTest::manyEntitiesCountedAsFew()
{
    QTemporaryDir dir;
    Library library(Dossier::Test::testLibrary(dir.filePath(u"many.dossier"_s)));
    QVERIFY2(library.open(), qPrintable(library.errorString()));
    constexpr int teams = 105;
    constexpr int members = 40;
    const auto member = [](int team, int m) { return u"Member %1"_s.arg(team * members + m, 4, 10, QChar(u'0')); };
    QVERIFY(library.articles().beginBatch());
    for (int article = 0; article < 2 * teams; ++article) {
        const int team = article / 2;
        QStringList names;
        for (int m = 0; m < members; ++m) {
            names.append(member(team, m));
        }
        Article stored = makeArticle(u"/many/%1.txt"_s.arg(article), u"Meeting %1"_s.arg(article),
            u"Hub Person met %1 (report %2)."_s.arg(names.join(u", "_s)).arg(article),
            QByteArray::number(article).rightJustified(8, '0'));
        addEverywhere(stored, EntityType::Person, u"Hub Person"_s);
        for (const QString &name : std::as_const(names)) {
            addEverywhere(stored, EntityType::Person, name);
        }
        QVERIFY2(library.articles().store(stored), qPrintable(library.errorString()));
    }
    QVERIFY(library.articles().commitBatch());

    const auto result = library.cooccurrence().pairs({});
    QVERIFY2(result, qPrintable(library.errorString()));
    QCOMPARE(result->units, 2 * teams);
    constexpr int inTeams = teams * members * (members - 1) / 2;
    QCOMPARE(result->pairs.size(), inTeams + teams * members);
    // Team mates only ever together: NPMI 1; the hub with anyone: exactly as often as chance, NPMI 0.
    for (qsizetype i = 0; i < result->pairs.size(); ++i) {
        const CooccurrencePair &pair = result->pairs[i];
        QCOMPARE(pair.count, 2);
        QCOMPARE(pair.b.documents, 2);
        if (i < inTeams) {
            QCOMPARE(pair.a.name.mid(7).toInt() / members, pair.b.name.mid(7).toInt() / members);
            QVERIFY2(near(pair.npmi, 1.0), qPrintable(QString::number(pair.npmi)));
            QVERIFY(near(pair.pmi, std::log2(double(teams))));
        } else {
            QCOMPARE(pair.a.name, u"Hub Person"_s);
            QCOMPARE(pair.a.documents, 2 * teams);
            QVERIFY2(std::abs(pair.npmi) < 1e-12, qPrintable(QString::number(pair.npmi)));
        }
    }
}

void CooccurrenceTest::articlesWithBothNarrowsTheList()
{
    const qint64 ana = idOf(u"Ana Ruiz"_s);
    const qint64 tom = idOf(u"Tom Lee"_s);
    const qint64 harbor = idOf(u"Harbor Authority"_s);
    const qint64 oslo = idOf(u"Oslo"_s);
    QVERIFY(ana > 0 && tom > 0 && harbor > 0 && oslo > 0);
    const DocumentFilter both = CooccurrenceQuery::articlesWithBoth({}, ana, tom);
    QCOMPARE(m_library->documents().count(both), 3);
    // What the pair's count says, for every pair.
    const auto result = m_library->cooccurrence().pairs({});
    QVERIFY(result);
    for (const CooccurrencePair &pair : result->pairs) {
        QCOMPARE(
            m_library->documents().count(CooccurrenceQuery::articlesWithBoth({}, pair.a.id, pair.b.id)), pair.count);
    }
    // Narrowing keeps what the filter already held: February on, Ana and Oslo → article 3.
    DocumentFilter february;
    february.from = QDate(2026, 2, 1);
    QCOMPARE(m_library->documents().count(CooccurrenceQuery::articlesWithBoth(february, ana, oslo)), 1);
    // An any-of filter stays any-of; the pair is required besides it.
    DocumentFilter anyOf;
    anyOf.anyOf = true;
    anyOf.entities = { oslo, harbor };
    QCOMPARE(m_library->documents().count(anyOf), 4);
    const DocumentFilter narrowed = CooccurrenceQuery::articlesWithBoth(anyOf, ana, tom);
    QVERIFY(narrowed.anyOf);
    QCOMPARE(m_library->documents().count(narrowed), 3); // articles 1, 2, 3
    // Asking again for an entity already required changes nothing.
    DocumentFilter withAna;
    withAna.entities = { ana };
    QCOMPARE(CooccurrenceQuery::articlesWithBoth(withAna, ana, tom).entities, (QList<qint64> { ana, tom }));
}

void CooccurrenceTest::graphMlAndGexfReadBack_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QString>("root");
    QTest::addColumn<QString>("ns");
    QTest::newRow("graphml") << u"graphml"_s << u"graphml"_s << u"http://graphml.graphdrawing.org/xmlns"_s;
    QTest::newRow("gexf") << u"gexf"_s << u"gexf"_s << u"http://gexf.net/1.3"_s;
}

void CooccurrenceTest::graphMlAndGexfReadBack()
{
    QFETCH(QString, format);
    QFETCH(QString, root);
    QFETCH(QString, ns);
    auto result = m_library->cooccurrence().pairs({});
    QVERIFY(result);
    // A name that needs escaping survives.
    result->pairs[0].b.name = u"Ana <\"Ruiz\"> & Co"_s;
    const QByteArray document = format == u"graphml" ? EntityGraph::toGraphMl(*result) : EntityGraph::toGexf(*result);
    const ReadGraph graph = readGraph(document);
    QCOMPARE(graph.rootName, root);
    QCOMPARE(graph.rootNamespace, ns);
    // Most frequent first, then by name.
    QCOMPARE(graph.nodes,
        (QStringList { u"Tom Lee PERSON 4"_s, u"Ana <\"Ruiz\"> & Co PERSON 3"_s, u"Harbor Authority ORG 3"_s,
            u"Manila LOCATION 3"_s }));
    QCOMPARE(graph.edges,
        (QStringList { u"Tom Lee-Ana <\"Ruiz\"> & Co 3"_s, u"Tom Lee-Manila 3"_s,
            u"Ana <\"Ruiz\"> & Co-Harbor Authority 2"_s, u"Ana <\"Ruiz\"> & Co-Manila 2"_s,
            u"Harbor Authority-Manila 2"_s, u"Tom Lee-Harbor Authority 2"_s }));
    QCOMPARE(graph.npmi.size(), 6);
    for (qsizetype i = 0; i < graph.npmi.size(); ++i) {
        QVERIFY(std::abs(graph.npmi[i] - result->pairs[i].npmi) < 1e-12);
    }
    if (format == u"gexf") {
        QVERIFY(document.contains("version=\"1.3\""));
        QVERIFY(document.contains("defaultedgetype=\"undirected\""));
    } else {
        QVERIFY(document.contains("edgedefault=\"undirected\""));
        QVERIFY(document.contains("<key id=\"weight\" for=\"edge\" attr.name=\"weight\" attr.type=\"double\"/>"));
    }
    // No pairs: still a well-formed, empty graph.
    const ReadGraph empty = readGraph(
        format == u"graphml" ? EntityGraph::toGraphMl(Cooccurrences {}) : EntityGraph::toGexf(Cooccurrences {}));
    QCOMPARE(empty.rootName, root);
    QVERIFY(empty.nodes.isEmpty() && empty.edges.isEmpty());
}

void CooccurrenceTest::cliPrintsPairs()
{
    const QString library = m_library->path();
    m_library.reset();
    CliRun run = runCli({ u"cooccurrence"_s, u"--library"_s, library });
    QCOMPARE(run.exitCode, 0);
    QList<QJsonObject> lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 6);
    const QJsonObject a = lines[0].value(u"a"_s).toObject();
    const QJsonObject b = lines[0].value(u"b"_s).toObject();
    QCOMPARE(a.value(u"name"_s).toString(), u"Tom Lee"_s);
    QCOMPARE(a.value(u"type"_s).toString(), u"PERSON"_s);
    QCOMPARE(a.value(u"count"_s).toInt(), 4);
    QVERIFY(a.value(u"id"_s).toInteger() > 0);
    QCOMPARE(b.value(u"name"_s).toString(), u"Ana Ruiz"_s);
    QCOMPARE(b.value(u"count"_s).toInt(), 3);
    QCOMPARE(lines[0].value(u"count"_s).toInt(), 3);
    QVERIFY(std::abs(lines[0].value(u"pmi"_s).toDouble() - std::log2(1.25)) < 1e-12);
    QVERIFY(std::abs(lines[0].value(u"npmi"_s).toDouble() - std::log2(1.25) / std::log2(5.0 / 3)) < 1e-12);

    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--scope"_s, u"sentence"_s, u"--min-count"_s, u"1"_s,
        u"--types"_s, u"PERSON,LOCATION"_s, u"--entity"_s, u"LOCATION:Oslo"_s, u"--limit"_s, u"5"_s });
    QCOMPARE(run.exitCode, 0);
    lines = jsonLines(run.out);
    QCOMPARE(lines.size(), 1); // Ana Ruiz flew to Oslo.
    QCOMPARE(lines[0].value(u"a"_s).toObject().value(u"name"_s).toString(), u"Oslo"_s); // in two sentences
    QCOMPARE(lines[0].value(u"b"_s).toObject().value(u"name"_s).toString(), u"Ana Ruiz"_s);

    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--query"_s, u"Oslo"_s, u"--from"_s, u"2026-02"_s });
    QCOMPARE(run.exitCode, 0);
    QVERIFY(run.out.isEmpty()); // two articles, no pair in both

    // A query FTS5 cannot read: exit 1 with the reason, nothing printed.
    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--query"_s, u"\"unbalanced"_s });
    QCOMPARE(run.exitCode, 1);
    QVERIFY(run.out.isEmpty());
    QVERIFY(run.err.contains("bad search query"));
}

void CooccurrenceTest::cliWritesGraphs()
{
    const QString library = m_library->path();
    m_library.reset();
    const QString graphml = m_dir->filePath(u"people.graphml"_s);
    CliRun run
        = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--format"_s, u"graphml"_s, u"--out"_s, graphml });
    QCOMPARE(run.exitCode, 0);
    const QList<QJsonObject> summary = jsonLines(run.out);
    QCOMPARE(summary.size(), 1);
    QCOMPARE(summary[0].value(u"out"_s).toString(), graphml);
    QCOMPARE(summary[0].value(u"format"_s).toString(), u"graphml"_s);
    QCOMPARE(summary[0].value(u"pairs"_s).toInt(), 6);
    QCOMPARE(summary[0].value(u"entities"_s).toInt(), 4);
    QCOMPARE(summary[0].value(u"units"_s).toInt(), 5);
    QFile file(graphml);
    QVERIFY(file.open(QIODevice::ReadOnly));
    ReadGraph graph = readGraph(file.readAll());
    QCOMPARE(graph.rootName, u"graphml"_s);
    QCOMPARE(graph.nodes.size(), 4);
    QCOMPARE(graph.edges.constFirst(), u"Tom Lee-Ana Ruiz 3"_s);

    // GEXF to stdout.
    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--format"_s, u"gexf"_s, u"--min-count"_s, u"3"_s });
    QCOMPARE(run.exitCode, 0);
    graph = readGraph(run.out);
    QCOMPARE(graph.rootNamespace, u"http://gexf.net/1.3"_s);
    QCOMPARE(graph.edges, (QStringList { u"Tom Lee-Ana Ruiz 3"_s, u"Tom Lee-Manila 3"_s }));

    // JSON Lines to a file: the pairs there, the summary on stdout.
    const QString jsonl = m_dir->filePath(u"pairs.jsonl"_s);
    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--out"_s, jsonl });
    QCOMPARE(run.exitCode, 0);
    QCOMPARE(jsonLines(run.out).constFirst().value(u"format"_s).toString(), u"jsonl"_s);
    QFile pairs(jsonl);
    QVERIFY(pairs.open(QIODevice::ReadOnly));
    QCOMPARE(jsonLines(pairs.readAll()).size(), 6);

    // A folder that does not exist: exit 1, nothing written.
    run = runCli({ u"cooccurrence"_s, u"--library"_s, library, u"--out"_s, m_dir->filePath(u"no/such/pairs.jsonl"_s) });
    QCOMPARE(run.exitCode, 1);
}

void CooccurrenceTest::cliUsageErrors_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    QTest::newRow("scope") << QStringList { u"--scope"_s, u"paragraph"_s } << u"--scope"_s;
    QTest::newRow("min count 0") << QStringList { u"--min-count"_s, u"0"_s } << u"--min-count"_s;
    QTest::newRow("min count not a number") << QStringList { u"--min-count"_s, u"two"_s } << u"--min-count"_s;
    QTest::newRow("negative limit") << QStringList { u"--limit"_s, u"-1"_s } << u"--limit"_s;
    QTest::newRow("unknown type") << QStringList { u"--types"_s, u"PERSON,THING"_s } << u"--types"_s;
    QTest::newRow("no type") << QStringList { u"--types"_s, u","_s } << u"--types"_s;
    QTest::newRow("format") << QStringList { u"--format"_s, u"csv"_s } << u"--format"_s;
    QTest::newRow("period") << QStringList { u"--from"_s, u"2026-13"_s } << u"--from"_s;
    QTest::newRow("entity") << QStringList { u"--entity"_s, u"Oslo"_s } << u"--entity"_s;
    QTest::newRow("argument") << QStringList { u"Oslo"_s } << u"no arguments"_s;
    QTest::newRow("unknown option") << QStringList { u"--scop"_s, u"article"_s } << u"usage:"_s;
}

void CooccurrenceTest::cliUsageErrors()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    const QString library = m_library->path();
    m_library.reset();
    const CliRun run = runCli(QStringList { u"cooccurrence"_s, u"--library"_s, library } + arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY(run.out.isEmpty());
    QVERIFY2(QString::fromUtf8(run.err).contains(message), run.err.constData());
}

QTEST_GUILESS_MAIN(CooccurrenceTest)
#include "cooccurrence_test.moc"
