// The window's "Who appears with whom" dock over a real library of our own articles: the table ranks
// the pairs of the listed articles, a row or an edge narrows the list to the articles naming both and
// the reader marks both, the scope and minimum count change the counting, the list's filter drives
// it, and it exports GraphML and GEXF.

#include "articlehighlighter.h"
#include "cooccurrencegraph.h"
#include "cooccurrencemodel.h"
#include "cooccurrencepanel.h"
#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "readerview.h"
#include "roles.h"
#include "storearticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLineF>
#include <QSettings>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QToolButton>
#include <QWheelEvent>
#include <QXmlStreamReader>

#include <algorithm>

using namespace Dossier;
using Dossier::Test::formatAt;
using namespace Qt::StringLiterals;

namespace
{

// Seven articles of our own. Mara Velde and Jonas Okafor appear together in the first three (in one
// sentence in the first two, in different sentences in the third) and never apart; the Port Council
// and Riverton appear with them once each and with each other once. By article: N = 6 (the weather
// note names nobody); Velde 3, Okafor 3, Council 3, Riverton 3; Velde–Okafor 3 (NPMI 1), every other
// pair 1. Every article is counted over (7); the units are the 6 that name someone.
struct Text {
    const char *title;
    const char *body;
    QList<std::pair<Core::EntityType, const char *>> entities;
};
const Text texts[] = {
    { "Velde and Okafor agree on a harbour budget",
        "Mara Velde and Jonas Okafor agreed on the harbour budget on Monday.",
        { { Core::EntityType::Person, "Mara Velde" }, { Core::EntityType::Person, "Jonas Okafor" } } },
    { "A new quay for Riverton", "Mara Velde toured the quay in Riverton with Jonas Okafor. Work starts in May.",
        { { Core::EntityType::Person, "Mara Velde" }, { Core::EntityType::Person, "Jonas Okafor" },
            { Core::EntityType::Location, "Riverton" } } },
    { "Dredging delayed again",
        "The Port Council delayed the dredging. Mara Velde objected. Jonas Okafor asked for a vote.",
        { { Core::EntityType::Org, "Port Council" }, { Core::EntityType::Person, "Mara Velde" },
            { Core::EntityType::Person, "Jonas Okafor" } } },
    { "Council meets in Riverton", "The Port Council met in Riverton to discuss ferry fares.",
        { { Core::EntityType::Org, "Port Council" }, { Core::EntityType::Location, "Riverton" } } },
    { "Flood warning lifted", "The river at Riverton fell overnight and the warning was lifted.",
        { { Core::EntityType::Location, "Riverton" } } },
    { "Fishing quotas unchanged", "The Port Council left the fishing quotas unchanged for next year.",
        { { Core::EntityType::Org, "Port Council" } } },
    { "Weather for the week", "Rain and wind are expected until Sunday.", {} },
};

int countElements(const QByteArray &xml, QStringView name)
{
    QXmlStreamReader reader(xml);
    int count = 0;
    while (!reader.atEnd()) {
        if (reader.readNext() == QXmlStreamReader::StartElement && reader.name() == name) {
            ++count;
        }
    }
    return reader.hasError() ? -1 : count;
}

} // namespace

class CooccurrenceWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void dockIsHiddenUntilShownAndRemembered();
    void tableRanksThePairsOfTheListedArticles();
    void tableSortsByEveryColumn();
    void clickingARowListsTheArticlesWithBothAndMarksThem();
    void clickingAnEdgeListsTheArticlesWithBoth();
    void aPairReplacesAnyOfEntities();
    void modelsPassTheModelTester();
    void graphHasTheNodesAndEdges();
    void scopeAndMinimumCountChangeTheCounting();
    void followsTheListsFilter();
    void exportsGraphMlAndGexf();

private:
    void showDock();
    QStringList listedTitles() const;
    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

void CooccurrenceWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    m_libraryPath = m_dir.filePath(u"cooccurrence.dossier"_s);
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    int n = 0;
    for (const Text &text : texts) {
        ++n;
        Core::Article article = Test::makeArticle(u"/corpus/article-%1.txt"_s.arg(n), QString::fromUtf8(text.title),
            QString::fromUtf8(text.body), QByteArray::number(n).repeated(8));
        article.meta.date = u"2026-02-%1"_s.arg(n, 2, 10, QLatin1Char('0'));
        for (const auto &[type, name] : text.entities) {
            Test::addEntity(article, type, QString::fromUtf8(name), {});
        }
        QVERIFY2(library.articles().store(article), qPrintable(library.errorString()));
    }
}

void CooccurrenceWindowTest::init()
{
    QSettings().clear();
    m_window = Test::shownWindow(m_libraryPath, { 1400, 900 });
    QVERIFY(m_window);
    QCOMPARE(m_window->documentModel()->rowCount(), 7);
}

void CooccurrenceWindowTest::cleanup()
{
    m_window.reset();
}

void CooccurrenceWindowTest::showDock()
{
    QVERIFY(Test::checkAction(m_window.get(), u"cooccurrenceAction"_s));
    QVERIFY(m_window->cooccurrenceDock()->isVisible());
    QTRY_VERIFY(!m_window->cooccurrencePanel()->isLoading());
}

QStringList CooccurrenceWindowTest::listedTitles() const
{
    QStringList titles;
    const Ui::DocumentListModel *model = m_window->documentModel();
    for (int row = 0; row < model->rowCount(); ++row) {
        titles.append(model->index(row, Ui::DocumentListModel::Title).data().toString());
    }
    titles.sort();
    return titles;
}

void CooccurrenceWindowTest::dockIsHiddenUntilShownAndRemembered()
{
    QVERIFY(m_window->cooccurrenceDock()->isHidden());
    auto *action = m_window->findChild<QAction *>(u"cooccurrenceAction"_s);
    QVERIFY(action);
    QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+Shift+W"_s));
    // While hidden it reads nothing.
    QCOMPARE(m_window->cooccurrencePanel()->model()->rowCount(), 0);
    showDock();
    QCOMPARE(m_window->cooccurrencePanel()->model()->rowCount(), 1);
    m_window->close(); // saves the window's state
    m_window = Test::shownWindow(m_libraryPath);
    QVERIFY(m_window);
    QVERIFY(m_window->cooccurrenceDock()->isVisible());
    QTRY_VERIFY(!m_window->cooccurrencePanel()->isLoading());
    QCOMPARE(m_window->cooccurrencePanel()->model()->rowCount(), 1);
}

void CooccurrenceWindowTest::tableRanksThePairsOfTheListedArticles()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    QCOMPARE(panel->scope(), Core::CooccurrenceScope::Article);
    QCOMPARE(panel->minCount(), 2);
    // Only Velde and Okafor appear together twice or more.
    const QAbstractItemModel *table = panel->table()->model();
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->columnCount(), 4);
    QCOMPARE(table->headerData(0, Qt::Horizontal).toString(), u"Entity A"_s);
    QCOMPARE(table->headerData(3, Qt::Horizontal).toString(), u"NPMI"_s);
    const QStringList pair { table->index(0, 0).data().toString(), table->index(0, 1).data().toString() };
    QVERIFY(pair.contains(u"Mara Velde"_s) && pair.contains(u"Jonas Okafor"_s));
    QCOMPARE(table->index(0, 2).data().toInt(), 3);
    QCOMPARE(table->index(0, 3).data().toString(), u"1.00"_s);
    QCOMPARE(table->index(0, 3).data(Ui::PairSortRole).toDouble(), 1.0);
    QVERIFY(table->index(0, 0).data(Qt::ToolTipRole).toString().contains(u"3 articles"_s));
    QCOMPARE(panel->summaryLabel()->text(), u"1 pair in 7 articles"_s);
    QVERIFY(panel->exportButton()->isEnabled());
}

void CooccurrenceWindowTest::tableSortsByEveryColumn()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    QTableView *view = panel->table();
    QCOMPARE(view->model()->rowCount(), 6); // every pair of the four
    // In the query's order first: the pair that is always together, then the rest.
    QCOMPARE(view->model()->index(0, 2).data().toInt(), 3);

    const auto column = [view](int col) {
        QList<QVariant> values;
        for (int row = 0; row < view->model()->rowCount(); ++row) {
            values.append(view->model()->index(row, col).data(Ui::PairSortRole));
        }
        return values;
    };
    QTest::mouseClick(view->horizontalHeader()->viewport(), Qt::LeftButton, {},
        QPoint(view->horizontalHeader()->sectionViewportPosition(2) + 5, 5));
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), 2);
    QList<QVariant> together = column(2);
    QVERIFY(std::is_sorted(together.cbegin(), together.cend(), [](const QVariant &a, const QVariant &b) {
        return a.toInt() < b.toInt();
    }) || std::is_sorted(together.crbegin(), together.crend(), [](const QVariant &a, const QVariant &b) {
        return a.toInt() < b.toInt();
    }));

    view->sortByColumn(Ui::CooccurrenceModel::NpmiColumn, Qt::AscendingOrder);
    const QList<QVariant> npmi = column(3);
    QVERIFY(std::is_sorted(
        npmi.cbegin(), npmi.cend(), [](const QVariant &a, const QVariant &b) { return a.toDouble() < b.toDouble(); }));
    QCOMPARE(npmi.last().toDouble(), 1.0);

    view->sortByColumn(Ui::CooccurrenceModel::EntityAColumn, Qt::AscendingOrder);
    QStringList names;
    for (const QVariant &name : column(0)) {
        names.append(name.toString());
    }
    QStringList sorted = names;
    std::sort(sorted.begin(), sorted.end(),
        [](const QString &a, const QString &b) { return a.compare(b, Qt::CaseInsensitive) < 0; });
    QCOMPARE(names, sorted);
}

void CooccurrenceWindowTest::clickingARowListsTheArticlesWithBothAndMarksThem()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    QTableView *view = panel->table();
    const QModelIndex row = view->model()->index(0, 0);
    const qint64 a = row.data(Ui::PairEntityARole).toLongLong();
    const qint64 b = row.data(Ui::PairEntityBRole).toLongLong();
    QVERIFY(a > 0 && b > 0 && a != b);

    QSignalSpy activated(panel, &Ui::CooccurrencePanel::pairActivated);
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(row).center());
    QVERIFY(!activated.isEmpty());
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 3);
    QCOMPARE(listedTitles(),
        (QStringList { u"A new quay for Riverton"_s, u"Dredging delayed again"_s,
            u"Velde and Okafor agree on a harbour budget"_s }));
    // Both are ticked in the sidebar (all of them) and are the list's entity filter.
    const Core::DocumentFilter filter = m_window->documentModel()->filter();
    QCOMPARE(QSet<qint64>(filter.entities.cbegin(), filter.entities.cend()), (QSet<qint64> { a, b }));
    QVERIFY(!filter.anyOf);
    QCOMPARE(m_window->entitySidebar()->model()->filterState(a), Ui::EntityFilterState::Included);
    QCOMPARE(m_window->entitySidebar()->model()->filterState(b), Ui::EntityFilterState::Included);

    // The reader marks both in an article of the list.
    m_window->documentView()->setCurrentIndex(m_window->documentModel()->index(0, 0));
    QTRY_VERIFY(m_window->currentArticleId() > 0);
    QCOMPARE(m_window->reader()->emphasisedEntities(), (QSet<qint64> { a, b }));
    const QTextDocument *document = m_window->reader()->document();
    for (const QString &name : { u"Mara Velde"_s, u"Jonas Okafor"_s }) {
        const QTextCursor found = document->find(name);
        QVERIFY2(!found.isNull(), qPrintable(name));
        QTRY_VERIFY2(
            formatAt(document, found.selectionStart()).property(Ui::ArticleHighlighter::EmphasisedProperty).toBool(),
            qPrintable(name));
    }

    // The dock now counts over the narrowed list.
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->cooccurrences().articles, 3);
}

void CooccurrenceWindowTest::clickingAnEdgeListsTheArticlesWithBoth()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    Ui::CooccurrenceGraph *graph = panel->graph();
    // The edge of the Port Council and Riverton: together in one article only.
    int edge = -1;
    for (int i = 0; i < graph->edgeCount(); ++i) {
        const auto &line = graph->drawing().edges.at(i);
        const QStringList names { graph->drawing().nodes.at(line.a).name, graph->drawing().nodes.at(line.b).name };
        if (names.contains(u"Port Council"_s) && names.contains(u"Riverton"_s)) {
            edge = i;
        }
    }
    QVERIFY(edge >= 0);
    const QPoint middle = graph->edgeMiddle(edge).toPoint();
    QCOMPARE(graph->edgeAt(middle), edge);
    QSignalSpy activated(graph, &Ui::CooccurrenceGraph::pairActivated);
    QTest::mouseClick(graph, Qt::LeftButton, {}, middle);
    QCOMPARE(activated.size(), 1);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    QCOMPARE(listedTitles(), QStringList { u"Council meets in Riverton"_s });

    // A drag moves the graph and chooses nothing.
    QTRY_VERIFY(!panel->isLoading());
    const QPointF before = graph->nodeCentre(0);
    QTest::mousePress(graph, Qt::LeftButton, {}, QPoint(5, 5));
    QTest::mouseMove(graph, QPoint(40, 30));
    QTest::mouseRelease(graph, Qt::LeftButton, {}, QPoint(40, 30));
    QCOMPARE(activated.size(), 1);
    QCOMPARE(graph->nodeCentre(0), before + QPointF(35, 25));
}

void CooccurrenceWindowTest::aPairReplacesAnyOfEntities()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    const QModelIndex row = panel->table()->model()->index(0, 0);
    const qint64 a = row.data(Ui::PairEntityARole).toLongLong();
    const qint64 b = row.data(Ui::PairEntityBRole).toLongLong();
    // Any of the Port Council and Riverton: every article but the two that name neither.
    Ui::EntityFacetModel *facets = m_window->entitySidebar()->model();
    QTRY_VERIFY(!facets->isLoading());
    qint64 council = -1;
    qint64 riverton = -1;
    for (int group = 0; group < facets->rowCount(); ++group) {
        const QModelIndex parent = facets->index(group, 0);
        for (int r = 0; r < facets->rowCount(parent); ++r) {
            const QModelIndex entity = facets->index(r, 0, parent);
            if (entity.data().toString() == u"Port Council"_s) {
                council = entity.data(Ui::EntityIdRole).toLongLong();
            } else if (entity.data().toString() == u"Riverton"_s) {
                riverton = entity.data(Ui::EntityIdRole).toLongLong();
            }
        }
    }
    QVERIFY(council > 0 && riverton > 0);
    facets->setAnyOf(true);
    facets->setFilterState(council, Ui::EntityFilterState::Included);
    facets->setFilterState(riverton, Ui::EntityFilterState::Included);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 5);
    QTRY_VERIFY(!panel->isLoading());

    // Velde and Okafor appear together in two of those five (the quay and the dredging).
    QSignalSpy activated(panel, &Ui::CooccurrencePanel::pairActivated);
    panel->table()->setFocus();
    panel->table()->setCurrentIndex(panel->table()->model()->index(0, 0));
    QTest::keyClick(panel->table(), Qt::Key_Return); // Enter activates the current row
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.at(0).at(0).value<Core::EntitySummary>().id, a);
    // The pair takes the any-of entities' place, all of it required.
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 3);
    const Core::DocumentFilter filter = m_window->documentModel()->filter();
    QVERIFY(!filter.anyOf);
    QCOMPARE(QSet<qint64>(filter.entities.cbegin(), filter.entities.cend()), (QSet<qint64> { a, b }));
    QCOMPARE(facets->filterState(council), Ui::EntityFilterState::None);
    QCOMPARE(facets->filterState(riverton), Ui::EntityFilterState::None);
}

void CooccurrenceWindowTest::modelsPassTheModelTester()
{
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    QAbstractItemModelTester modelTester(panel->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    QAbstractItemModelTester sortTester(panel->sortModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    showDock();
    QCOMPARE(panel->model()->rowCount(), 1);
    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->rowCount(), 6);
    panel->table()->sortByColumn(Ui::CooccurrenceModel::TogetherColumn, Qt::DescendingOrder);
    panel->setScope(Core::CooccurrenceScope::Sentence);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->cooccurrences().scope, Core::CooccurrenceScope::Sentence);
    panel->setMinCount(5);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->rowCount(), 0);
}

void CooccurrenceWindowTest::graphHasTheNodesAndEdges()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    Ui::CooccurrenceGraph *graph = panel->graph();
    QCOMPARE(graph->nodeCount(), 2);
    QCOMPARE(graph->edgeCount(), 1);

    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(graph->nodeCount(), 4);
    QCOMPARE(graph->edgeCount(), 6);
    QStringList names;
    for (const Core::EntitySummary &node : graph->drawing().nodes) {
        names.append(node.name);
    }
    names.sort();
    QCOMPARE(names, (QStringList { u"Jonas Okafor"_s, u"Mara Velde"_s, u"Port Council"_s, u"Riverton"_s }));
    // Every node is drawn inside the widget, and found where it is drawn.
    for (int i = 0; i < graph->nodeCount(); ++i) {
        QVERIFY(graph->rect().contains(graph->nodeCentre(i).toPoint()));
        QCOMPARE(graph->nodeAt(graph->nodeCentre(i)), i);
    }

    // The wheel zooms about the pointer: the node under it stays put, the others move away.
    const QPointF anchor = graph->nodeCentre(0);
    const double spread = QLineF(graph->nodeCentre(0), graph->nodeCentre(1)).length();
    QWheelEvent wheel(anchor, graph->mapToGlobal(anchor), QPoint(), QPoint(0, 240), Qt::NoButton, Qt::NoModifier,
        Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(graph, &wheel);
    QVERIFY(graph->zoom() > 1);
    QVERIFY(QLineF(graph->nodeCentre(0), anchor).length() < 0.01);
    QVERIFY(QLineF(graph->nodeCentre(0), graph->nodeCentre(1)).length() > spread * 1.2);
    graph->resetView();
    QCOMPARE(graph->zoom(), 1.0);
}

void CooccurrenceWindowTest::scopeAndMinimumCountChangeTheCounting()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    // In one sentence, Velde and Okafor are together twice (the third article has them apart).
    panel->scopeBox()->setCurrentIndex(panel->scopeBox()->findData(int(Core::CooccurrenceScope::Sentence)));
    QCOMPARE(panel->scope(), Core::CooccurrenceScope::Sentence);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->rowCount(), 1);
    QCOMPARE(panel->model()->index(0, Ui::CooccurrenceModel::TogetherColumn).data().toInt(), 2);
    QCOMPARE(panel->model()->cooccurrences().scope, Core::CooccurrenceScope::Sentence);
    QVERIFY(panel->model()->index(0, 0).data(Qt::ToolTipRole).toString().contains(u"2 sentences"_s));

    panel->minCountBox()->setValue(3);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->rowCount(), 0);
    QCOMPARE(panel->graph()->nodeCount(), 0);
    QCOMPARE(panel->summaryLabel()->text(), u"0 pairs in 7 articles"_s);
    QVERIFY(!panel->exportButton()->isEnabled());
}

void CooccurrenceWindowTest::followsTheListsFilter()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->rowCount(), 6);
    QSignalSpy loaded(panel, &Ui::CooccurrencePanel::loaded);
    m_window->searchField()->setText(u"Riverton"_s);
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 3);
    QTRY_VERIFY(!loaded.isEmpty());
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->cooccurrences().articles, 3);
    // The quay (Velde, Okafor, Riverton) and the council meeting (Port Council, Riverton).
    QCOMPARE(panel->model()->rowCount(), 4);
    QCOMPARE(panel->graph()->nodeCount(), 4);

    // A hidden dock reads only when shown again.
    m_window->cooccurrenceDock()->hide();
    m_window->searchField()->clear();
    QTest::keyClick(m_window->searchField(), Qt::Key_Return);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 7);
    QCOMPARE(panel->model()->cooccurrences().articles, 3);
    m_window->cooccurrenceDock()->show();
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->model()->cooccurrences().articles, 7);
}

void CooccurrenceWindowTest::exportsGraphMlAndGexf()
{
    showDock();
    Ui::CooccurrencePanel *panel = m_window->cooccurrencePanel();
    panel->setMinCount(1);
    QTRY_VERIFY(!panel->isLoading());
    const QString graphml = m_dir.filePath(u"pairs.graphml"_s);
    QVERIFY2(panel->exportTo(graphml), qPrintable(panel->errorString()));
    QFile graphmlFile(graphml);
    QVERIFY(graphmlFile.open(QIODevice::ReadOnly));
    const QByteArray graphmlData = graphmlFile.readAll();
    QCOMPARE(countElements(graphmlData, u"node"), 4);
    QCOMPARE(countElements(graphmlData, u"edge"), 6);

    const QString gexf = m_dir.filePath(u"pairs.GEXF"_s);
    QVERIFY2(panel->exportTo(gexf), qPrintable(panel->errorString()));
    QFile gexfFile(gexf);
    QVERIFY(gexfFile.open(QIODevice::ReadOnly));
    const QByteArray gexfData = gexfFile.readAll();
    QVERIFY(gexfData.contains("http://gexf.net/1.3"));
    QCOMPARE(countElements(gexfData, u"node"), 4);
    QCOMPARE(countElements(gexfData, u"edge"), 6);

    QVERIFY(!panel->exportTo(m_dir.filePath(u"pairs.csv"_s)));
    QCOMPARE(panel->errorString(), u"Choose a file ending in .graphml or .gexf"_s);
    QVERIFY(!QFile::exists(m_dir.filePath(u"pairs.csv"_s)));
    QVERIFY(!panel->exportTo(m_dir.filePath(u"missing-folder/pairs.graphml"_s)));
    QVERIFY(!panel->errorString().isEmpty());
}

QTEST_MAIN(CooccurrenceWindowTest)
#include "cooccurrencewindow_test.moc"
