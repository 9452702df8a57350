#include "store/library.h"
#include "testarticles.h"
#include "testbackend.h"

#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier::Core;
using Dossier::Test::makeArticle;
using Dossier::Test::onServerBackend;
using Dossier::Test::testLibrary;

class AnnotationsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void annotatesAPassage();
    void rejectsBadAnnotations_data();
    void rejectsBadAnnotations();
    void annotationsAndTagsSurviveRestart();
    void unchangedReimportKeepsAnnotations();
    void editedReimportReattachesOrOrphans();
    void removedArticleOrphansAndReimportReattaches();
    void updatesAndRestores();
    void listsByTagTextAndArticle_data();
    void listsByTagTextAndArticle();
    void codebookColoursAndCounts();
    void renamesMergesAndRemovesTags();
    void tagsArticles();
    void filtersSortsAndCountsByTag();
    void recordsWhoMadeIt();

private:
    QString libraryPath() const { return testLibrary(m_dir->filePath(QStringLiteral("test.dossier"))); }
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace
{

const QString bodyText = QStringLiteral(
    "The harbour board approved a new ferry terminal on Thursday. The project will cost 40 million euros, "
    "the chair said. Fishermen worry about the quay. Work starts in spring and should end in two years.");

Article harbour(const QString &body = bodyText, const QByteArray &sha = "v1")
{
    Article article = makeArticle(QStringLiteral("harbour"), body);
    article.sha256 = sha;
    return article;
}

qint64 storeArticle(Library &library, const Article &article)
{
    qint64 id = -1;
    if (!library.articles().store(article, &id)) {
        qWarning() << library.errorString();
    }
    return id;
}

Annotation annotateQuote(
    Library &library, qint64 articleId, const QString &quote, const QStringList &tags = {}, const QString &note = {})
{
    const qsizetype at = bodyText.indexOf(quote);
    Q_ASSERT(at >= 0);
    const std::optional<Annotation> a = library.annotations().annotate(articleId, at, at + quote.size(), tags, note);
    if (!a) {
        qWarning() << library.errorString();
        return {};
    }
    return *a;
}

// The annotations \a name made.
AnnotationQuery byAuthor(const QString &name)
{
    AnnotationQuery query;
    query.author = name;
    return query;
}

} // namespace

void AnnotationsTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void AnnotationsTest::annotatesAPassage()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Annotation a = annotateQuote(library, id, QStringLiteral("40 million euros"), { QStringLiteral("Cost") },
        QStringLiteral("check the budget"));
    QVERIFY(a.id >= 0);
    QCOMPARE(a.articleId, id);
    QCOMPARE(a.anchor.exact, QStringLiteral("40 million euros"));
    QCOMPARE(a.anchor.start, bodyText.indexOf(u"40 million"));
    QVERIFY(a.anchor.prefix.endsWith(u"will cost "));
    QVERIFY(a.anchor.suffix.startsWith(u", the chair"));
    QCOMPARE(a.tags, QStringList { QStringLiteral("Cost") });
    QCOMPARE(a.note, QStringLiteral("check the budget"));
    QCOMPARE(a.state, AnnotationState::Anchored);
    QCOMPARE(a.articleSha256, QByteArray("v1"));
    QVERIFY(a.created.isValid());
}

void AnnotationsTest::rejectsBadAnnotations_data()
{
    QTest::addColumn<qint64>("article"); // -1: the stored article
    QTest::addColumn<qsizetype>("start");
    QTest::addColumn<qsizetype>("end");
    QTest::addColumn<QString>("color");
    QTest::addColumn<QString>("message");
    QTest::newRow("unknown article") << qint64(999) << qsizetype(0) << qsizetype(3) << QString()
                                     << QStringLiteral("no article with id 999");
    QTest::newRow("past the end") << qint64(-1) << qsizetype(10) << bodyText.size() + 5 << QString()
                                  << QStringLiteral("not within the article's text");
    QTest::newRow("empty") << qint64(-1) << qsizetype(10) << qsizetype(10) << QString()
                           << QStringLiteral("not within the article's text");
    QTest::newRow("bad colour") << qint64(-1) << qsizetype(0) << qsizetype(3) << QStringLiteral("red")
                                << QStringLiteral("is not a colour");
}

void AnnotationsTest::rejectsBadAnnotations()
{
    QFETCH(qint64, article);
    QFETCH(qsizetype, start);
    QFETCH(qsizetype, end);
    QFETCH(QString, color);
    QFETCH(QString, message);
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    QVERIFY(!library.annotations().annotate(article < 0 ? id : article, start, end, {}, {}, color));
    QVERIFY2(library.errorString().contains(message), qPrintable(library.errorString()));
    QCOMPARE(library.annotations().list()->size(), 0); // nothing half-written
}

void AnnotationsTest::annotationsAndTagsSurviveRestart()
{
    qint64 articleId = -1;
    {
        Library library(libraryPath());
        QVERIFY(library.open());
        articleId = storeArticle(library, harbour());
        annotateQuote(library, articleId, QStringLiteral("ferry terminal"), { QStringLiteral("Infrastructure") });
        annotateQuote(library, articleId, QStringLiteral("Fishermen worry"),
            { QStringLiteral("Opposition"), QStringLiteral("Infrastructure") }, QStringLiteral("who?"));
        QVERIFY(library.tags().tagArticle(articleId, { QStringLiteral("Follow up") }));
    }
    Library library(libraryPath());
    QVERIFY(library.open());
    const QList<Annotation> all = *library.annotations().list();
    QCOMPARE(all.size(), 2);
    QCOMPARE(all.at(0).anchor.exact, QStringLiteral("ferry terminal"));
    QCOMPARE(all.at(1).tags, (QStringList { QStringLiteral("Opposition"), QStringLiteral("Infrastructure") }));
    QCOMPARE(all.at(1).note, QStringLiteral("who?"));
    QCOMPARE(*library.tags().ofArticle(articleId), QStringList { QStringLiteral("Follow up") });
}

void AnnotationsTest::unchangedReimportKeepsAnnotations()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Annotation before = annotateQuote(library, id, QStringLiteral("ferry terminal"), { QStringLiteral("A") });
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("Doc") }));
    QCOMPARE(*library.articles().store(harbour()), StoreOutcome::Unchanged);
    const Annotation after = *library.annotations().get(before.id);
    QCOMPARE(after.anchor.start, before.anchor.start);
    QCOMPARE(after.state, AnnotationState::Anchored);
    QCOMPARE(*library.tags().ofArticle(id), QStringList { QStringLiteral("Doc") });
}

void AnnotationsTest::editedReimportReattachesOrOrphans()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Annotation moved = annotateQuote(library, id, QStringLiteral("Fishermen worry about the quay"));
    const Annotation edited = annotateQuote(library, id, QStringLiteral("The project will cost 40 million euros"));
    const Annotation vanished = annotateQuote(library, id, QStringLiteral("Work starts in spring"));
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("Doc") }));

    QString changed = QStringLiteral("UPDATE: the vote was close. ") + bodyText;
    changed.replace(QStringLiteral("40 million euros"), QStringLiteral("45 million euros"));
    changed.replace(
        QStringLiteral("Work starts in spring and should end in two years."), QStringLiteral("No date has been set."));
    QCOMPARE(*library.articles().store(harbour(changed, "v2")), StoreOutcome::Updated);

    const Annotation m = *library.annotations().get(moved.id);
    QCOMPARE(m.state, AnnotationState::Anchored);
    QCOMPARE(m.anchor.start, changed.indexOf(u"Fishermen"));
    QCOMPARE(m.articleSha256, QByteArray("v2"));

    const Annotation e = *library.annotations().get(edited.id);
    QCOMPARE(e.state, AnnotationState::Reattached);
    QCOMPARE(e.anchor.exact, QStringLiteral("The project will cost 45 million euros"));
    QCOMPARE(e.previousExact, QStringLiteral("The project will cost 40 million euros"));

    const Annotation v = *library.annotations().get(vanished.id);
    QCOMPARE(v.state, AnnotationState::Orphaned);
    QCOMPARE(v.anchor.exact, QStringLiteral("Work starts in spring")); // kept as it was, for review
    QCOMPARE(v.articleId, id);

    QCOMPARE(library.annotations().list()->size(), 3); // none lost
    AnnotationQuery orphans;
    orphans.orphanedOnly = true;
    QCOMPARE(library.annotations().list(orphans)->size(), 1);
    QCOMPARE(*library.tags().ofArticle(id), QStringList { QStringLiteral("Doc") });

    // The text comes back: the orphan re-attaches.
    QCOMPARE(*library.articles().store(harbour(bodyText, "v3")), StoreOutcome::Updated);
    QCOMPARE(library.annotations().get(vanished.id)->state, AnnotationState::Anchored);
}

void AnnotationsTest::removedArticleOrphansAndReimportReattaches()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Annotation a = annotateQuote(library, id, QStringLiteral("ferry terminal"), { QStringLiteral("A") });
    QVERIFY(library.articles().remove(id));
    const Annotation orphan = *library.annotations().get(a.id);
    QCOMPARE(orphan.state, AnnotationState::Orphaned);
    QCOMPARE(orphan.articleId, qint64(-1));
    QCOMPARE(orphan.articlePath, harbour().path);

    const qint64 again = storeArticle(library, harbour());
    const Annotation back = *library.annotations().get(a.id);
    QCOMPARE(back.articleId, again);
    QCOMPARE(back.state, AnnotationState::Anchored);
    QCOMPARE(back.tags, QStringList { QStringLiteral("A") });
}

void AnnotationsTest::updatesAndRestores()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    Annotation a = annotateQuote(library, id, QStringLiteral("ferry terminal"), { QStringLiteral("A") });
    a.note = QStringLiteral("new note");
    a.tags = { QStringLiteral("B"), QStringLiteral("A") };
    a.color = QStringLiteral("#00AA00");
    QVERIFY(library.annotations().update(a));
    const Annotation updated = *library.annotations().get(a.id);
    QCOMPARE(updated.note, QStringLiteral("new note"));
    QCOMPARE(updated.tags, (QStringList { QStringLiteral("B"), QStringLiteral("A") }));
    QCOMPARE(updated.color, QStringLiteral("#00aa00"));

    QVERIFY(library.annotations().remove(a.id));
    QVERIFY(!library.annotations().get(a.id));
    QVERIFY(!library.annotations().remove(a.id));
    QVERIFY(library.annotations().restore(updated));
    const Annotation restored = *library.annotations().get(a.id);
    QCOMPARE(restored.anchor.exact, updated.anchor.exact);
    QCOMPARE(restored.tags, updated.tags);
    QCOMPARE(restored.note, updated.note);
    QCOMPARE(restored.created, updated.created);
}

void AnnotationsTest::listsByTagTextAndArticle_data()
{
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("otherArticle");
    QTest::addColumn<QStringList>("expected");
    QTest::newRow("all") << QStringList() << QString() << false
                         << QStringList { QStringLiteral("ferry terminal"), QStringLiteral("40 million euros"),
                                QStringLiteral("the quay") };
    QTest::newRow("by tag, any of, case-insensitive")
        << QStringList { QStringLiteral("cost"), QStringLiteral("PLACE") } << QString() << false
        << QStringList { QStringLiteral("40 million euros"), QStringLiteral("the quay") };
    QTest::newRow("by text in quote or note")
        << QStringList() << QStringLiteral("BUDGET") << false << QStringList { QStringLiteral("40 million euros") };
    QTest::newRow("by article") << QStringList() << QString() << true << QStringList();
}

void AnnotationsTest::listsByTagTextAndArticle()
{
    QFETCH(QStringList, tags);
    QFETCH(QString, text);
    QFETCH(bool, otherArticle);
    QFETCH(QStringList, expected);
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const qint64 other = storeArticle(library, makeArticle(QStringLiteral("other"), QStringLiteral("Nothing here.")));
    annotateQuote(library, id, QStringLiteral("the quay"), { QStringLiteral("Place") });
    annotateQuote(
        library, id, QStringLiteral("40 million euros"), { QStringLiteral("Cost") }, QStringLiteral("budget?"));
    annotateQuote(library, id, QStringLiteral("ferry terminal"));
    AnnotationQuery query;
    query.tags = tags;
    query.text = text;
    if (otherArticle) {
        query.articles = { other };
    }
    const auto found = library.annotations().list(query);
    QVERIFY(found);
    QStringList quotes;
    for (const Annotation &a : *found) {
        quotes.append(a.anchor.exact);
    }
    QCOMPARE(quotes, expected); // in text order
}

void AnnotationsTest::codebookColoursAndCounts()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Tag risk = *library.tags().ensure(QStringLiteral("Risk"), QStringLiteral("#FF0000"));
    QCOMPARE(risk.color, QStringLiteral("#ff0000"));
    QCOMPARE(library.tags().ensure(QStringLiteral("risk"))->id, risk.id); // same tag, case-insensitive
    const Tag other = *library.tags().ensure(QStringLiteral("Other"));
    QVERIFY(!other.color.isEmpty());
    QVERIFY(other.color != risk.color);
    QVERIFY(!library.tags().ensure(QStringLiteral("   ")));
    QVERIFY(!library.tags().ensure(QStringLiteral("Bad"), QStringLiteral("blue")));

    const Annotation a = annotateQuote(library, id, QStringLiteral("ferry terminal"), { QStringLiteral("Risk") });
    const QList<Tag> codebook = *library.tags().all();
    QCOMPARE(effectiveColor(a, codebook), QStringLiteral("#ff0000"));
    Annotation own = a;
    own.color = QStringLiteral("#123456");
    QCOMPARE(effectiveColor(own, codebook), QStringLiteral("#123456"));
    QCOMPARE(effectiveColor(Annotation {}, codebook), QString::fromLatin1(defaultHighlightColor));
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("Risk") }));
    const Tag counted = *std::find_if(codebook.begin(), codebook.end(), [](const Tag &t) { return t.name == u"Risk"; });
    QCOMPARE(counted.annotations, 1);
    QCOMPARE(library.tags().all()->at(1).documents, 1); // sorted by name: Other, Risk
}

void AnnotationsTest::renamesMergesAndRemovesTags()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    const Annotation a = annotateQuote(
        library, id, QStringLiteral("ferry terminal"), { QStringLiteral("Infra"), QStringLiteral("Transport") });
    const Annotation b = annotateQuote(library, id, QStringLiteral("the quay"), { QStringLiteral("Transport") });
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("Infra") }));
    const Tag infra = *library.tags().ensure(QStringLiteral("Infra"));
    const Tag transport = *library.tags().ensure(QStringLiteral("Transport"));

    QVERIFY(!library.tags().rename(infra.id, QStringLiteral("transport"))); // would clash
    QVERIFY(library.errorString().contains(QLatin1String("merge")));
    QVERIFY(library.tags().rename(infra.id, QStringLiteral("Infrastructure")));
    QCOMPARE(library.annotations().get(a.id)->tags.first(), QStringLiteral("Infrastructure"));

    QVERIFY(library.tags().merge(transport.id, infra.id));
    QCOMPARE(library.annotations().get(a.id)->tags, QStringList { QStringLiteral("Infrastructure") });
    QCOMPARE(library.annotations().get(b.id)->tags, QStringList { QStringLiteral("Infrastructure") });
    QCOMPARE(library.tags().all()->size(), 1);

    QVERIFY(library.tags().remove(infra.id));
    QCOMPARE(library.annotations().get(a.id)->tags, QStringList());
    QCOMPARE(*library.tags().ofArticle(id), QStringList());
    QCOMPARE(library.annotations().list()->size(), 2); // the annotations stay
}

void AnnotationsTest::tagsArticles()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 id = storeArticle(library, harbour());
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("b"), QStringLiteral("A"), QStringLiteral("b") }));
    QCOMPARE(*library.tags().ofArticle(id), (QStringList { QStringLiteral("A"), QStringLiteral("b") }));
    QVERIFY(library.tags().untagArticle(id, QStringLiteral("B")));
    QCOMPARE(*library.tags().ofArticle(id), QStringList { QStringLiteral("A") });
    QVERIFY(!library.tags().tagArticle(12345, { QStringLiteral("x") }));
    QVERIFY(library.errorString().contains(QLatin1String("no article")));
}

void AnnotationsTest::filtersSortsAndCountsByTag()
{
    Library library(libraryPath());
    QVERIFY(library.open());
    const qint64 a = storeArticle(library, makeArticle(QStringLiteral("a"), QStringLiteral("Ferries and bridges.")));
    const qint64 b = storeArticle(library, makeArticle(QStringLiteral("b"), QStringLiteral("Ferries only.")));
    const qint64 c = storeArticle(library, makeArticle(QStringLiteral("c"), QStringLiteral("Bridges only.")));
    QVERIFY(library.tags().tagArticle(a, { QStringLiteral("Zeta"), QStringLiteral("Alpha") }));
    QVERIFY(library.tags().tagArticle(b, { QStringLiteral("Zeta") }));
    const qint64 zeta = library.tags().ensure(QStringLiteral("Zeta"))->id;
    const qint64 alpha = library.tags().ensure(QStringLiteral("Alpha"))->id;

    DocumentFilter filter;
    filter.tags = { zeta };
    QCOMPARE(*library.documents().count(filter), 2);
    filter.tags = { zeta, alpha }; // all of them
    QCOMPARE(*library.documents().count(filter), 1);
    filter.text = QStringLiteral("ferries");
    QCOMPARE(*library.documents().count(filter), 1);

    // The facet counts the listed documents carrying each tag.
    DocumentFilter ferries;
    ferries.text = QStringLiteral("ferries");
    const auto facets = library.tags().facets(ferries);
    QVERIFY(facets);
    QCOMPARE(facets->size(), 2);
    QCOMPARE(facets->at(0).name, QStringLiteral("Alpha"));
    QCOMPARE(facets->at(0).documents, 1);
    QCOMPARE(facets->at(1).documents, 2);

    // The list shows each article's tags, and sorts by them (untagged last).
    const auto rows = library.documents().window({}, DocumentSort::Tags, Qt::AscendingOrder, 0, 10);
    QVERIFY(rows);
    QCOMPARE(rows->size(), 3);
    QCOMPARE(rows->at(0).id, a); // Alpha, Zeta
    QCOMPARE(rows->at(0).tags, (QStringList { QStringLiteral("Alpha"), QStringLiteral("Zeta") }));
    QCOMPARE(rows->at(1).id, b);
    QCOMPARE(rows->at(2).id, c);
    QVERIFY(rows->at(2).tags.isEmpty());
}

void AnnotationsTest::recordsWhoMadeIt()
{
    // A library file writes the local user's name (DOSSIER_AUTHOR overrides it); a team library
    // the role it is connected as (the tests connect as postgres).
    qputenv("DOSSIER_AUTHOR", "Maria Ruiz");
    const auto unset = qScopeGuard([] { qunsetenv("DOSSIER_AUTHOR"); });
    Library library(libraryPath());
    QVERIFY(library.open());
    const QString author = onServerBackend() ? QStringLiteral("postgres") : QStringLiteral("Maria Ruiz");
    QCOMPARE(library.author(), author);
    const qint64 id = storeArticle(library, harbour());
    const Annotation a = annotateQuote(library, id, QStringLiteral("ferry terminal"), { QStringLiteral("Port") });
    QCOMPARE(a.author, author);
    QCOMPARE(library.annotations().get(a.id)->author, author);
    QCOMPARE(library.tags().all()->front().author, author);
    QVERIFY(library.tags().tagArticle(id, { QStringLiteral("Port") }));
    // The panel and the CLI narrow the list to one author's passages.
    QCOMPARE(library.annotations().list(byAuthor(author))->size(), 1);
    QCOMPARE(library.annotations().list(byAuthor(QStringLiteral("Ben")))->size(), 0);
    // Editing keeps the author.
    Annotation edited = a;
    edited.note = QStringLiteral("two quays");
    QVERIFY(library.annotations().update(edited));
    QCOMPARE(library.annotations().get(a.id)->author, author);
}

QTEST_GUILESS_MAIN(AnnotationsTest)
#include "annotations_test.moc"
