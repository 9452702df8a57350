#include "annotationlistmodel.h"
#include "roles.h"
#include "store/library.h"
#include "testarticles.h"

#include <QAbstractItemModelTester>
#include <QColor>
#include <QFont>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;

class AnnotationListModelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void rowsColumnsAndRoles();
    void orphanedRowsAreMarked();
    void sortsByEveryColumn_data();
    void sortsByEveryColumn();
    void filtersByTagTextArticleAndState_data();
    void filtersByTagTextArticleAndState();
    void refreshKeepsRowsItDoesNotChange();

private:
    qint64 annotate(qint64 article, const QString &body, const QString &quote, const QStringList &tags,
        const QString &note = {}, const QString &color = {});
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Core::Library> m_library;
    qint64 m_harbour = -1;
    qint64 m_bridge = -1;
    qint64 m_market = -1;
    qint64 m_railings = -1;
    qint64 m_stalls = -1;
};

namespace
{

// Our own words: three short local reports.
const QString harbourBody = QStringLiteral(
    "The harbour council agreed to repaint the pier railings before summer. A new ferry timetable starts in June.");
const QString bridgeBody
    = QStringLiteral("The old bridge was closed to lorries on Tuesday while engineers test the cables.");
const QString marketBody
    = QStringLiteral("At the Saturday market fish prices rose again, and stall holders asked for a covered hall.");

qint64 store(Core::Library &library, const QString &name, const QString &title, const QString &body)
{
    Core::Article article = Dossier::Test::makeArticle(name, body);
    article.meta.title = title;
    qint64 id = -1;
    library.articles().store(article, &id);
    return id;
}

QStringList column(const QAbstractItemModel &model, int column)
{
    QStringList values;
    for (int row = 0; row < model.rowCount(); ++row) {
        values.append(model.index(row, column).data().toString());
    }
    return values;
}

} // namespace

qint64 AnnotationListModelTest::annotate(qint64 article, const QString &body, const QString &quote,
    const QStringList &tags, const QString &note, const QString &color)
{
    const qsizetype at = body.indexOf(quote);
    const auto made = m_library->annotations().annotate(article, at, at + quote.size(), tags, note, color);
    return made ? made->id : -1;
}

void AnnotationListModelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_library = std::make_unique<Core::Library>(m_dir->filePath(QStringLiteral("model.dossier")));
    QVERIFY(m_library->open());
    m_harbour = store(*m_library, QStringLiteral("harbour"), QStringLiteral("Pier to be repainted"), harbourBody);
    m_bridge = store(*m_library, QStringLiteral("bridge"), QStringLiteral("Bridge shut to lorries"), bridgeBody);
    m_market = store(*m_library, QStringLiteral("market"), QStringLiteral("Fish prices climb"), marketBody);
    QVERIFY(m_harbour > 0 && m_bridge > 0 && m_market > 0);
    m_railings = annotate(m_harbour, harbourBody, QStringLiteral("repaint the pier railings"),
        { QStringLiteral("Council") }, QStringLiteral("What will the paint cost?"));
    QVERIFY(annotate(m_harbour, harbourBody, QStringLiteral("ferry timetable"), { QStringLiteral("Transport") }) > 0);
    QVERIFY(annotate(m_bridge, bridgeBody, QStringLiteral("closed to lorries"),
                { QStringLiteral("Transport"), QStringLiteral("Safety") }, QStringLiteral("Check the date"))
        > 0);
    QVERIFY(annotate(m_market, marketBody, QStringLiteral("fish prices rose"), {}, {}, QStringLiteral("#00aa00")) > 0);
    m_stalls = annotate(
        m_market, marketBody, QStringLiteral("stall holders asked for a covered hall"), { QStringLiteral("Council") });
    QVERIFY(m_railings > 0 && m_stalls > 0);
    // The market report is imported again without its last sentence: that passage is orphaned.
    Core::Article changed = Dossier::Test::makeArticle(
        QStringLiteral("market"), QStringLiteral("At the Saturday market fish prices rose again."));
    changed.meta.title = QStringLiteral("Fish prices climb");
    changed.sha256 = "market-2";
    QVERIFY(m_library->articles().store(changed));
    QCOMPARE(m_library->annotations().get(m_stalls)->state, Core::AnnotationState::Orphaned);
}

void AnnotationListModelTest::rowsColumnsAndRoles()
{
    Ui::AnnotationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.columnCount(), int(Ui::AnnotationListModel::ColumnCount));
    QCOMPARE(model.headerData(Ui::AnnotationListModel::Quote, Qt::Horizontal).toString(), QStringLiteral("Quote"));
    QCOMPARE(model.headerData(Ui::AnnotationListModel::State, Qt::Horizontal).toString(), QStringLiteral("State"));

    const int row = model.rowOfAnnotation(m_railings);
    QVERIFY(row >= 0);
    const auto cell = [&](int column) { return model.index(row, column); };
    QCOMPARE(cell(Ui::AnnotationListModel::Quote).data().toString(), QStringLiteral("repaint the pier railings"));
    QCOMPARE(cell(Ui::AnnotationListModel::Tags).data().toString(), QStringLiteral("Council"));
    QCOMPARE(cell(Ui::AnnotationListModel::Note).data().toString(), QStringLiteral("What will the paint cost?"));
    QCOMPARE(cell(Ui::AnnotationListModel::Article).data().toString(), QStringLiteral("Pier to be repainted"));
    QCOMPARE(model.headerData(Ui::AnnotationListModel::Author, Qt::Horizontal).toString(), QStringLiteral("Author"));
    QCOMPARE(cell(Ui::AnnotationListModel::Author).data().toString(), m_library->author());
    QVERIFY(!m_library->author().isEmpty());
    QVERIFY(cell(Ui::AnnotationListModel::Created).data().toDateTime().isValid());
    QCOMPARE(cell(Ui::AnnotationListModel::State).data().toString(), QStringLiteral("anchored"));
    QCOMPARE(cell(0).data(Ui::AnnotationIdRole).toLongLong(), m_railings);
    QCOMPARE(cell(3).data(Ui::ArticleIdRole).toLongLong(), m_harbour);
    QCOMPARE(cell(0).data(Ui::AnnotationStateRole).toInt(), int(Core::AnnotationState::Anchored));
    QCOMPARE(model.annotationAt(row)->id, m_railings);

    // The swatch is the effective colour: the first tag's, or the annotation's own.
    QString councilColor;
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        if (tag.name == QLatin1String("Council")) {
            councilColor = tag.color;
        }
    }
    QVERIFY(!councilColor.isEmpty());
    QCOMPARE(cell(0).data(Qt::DecorationRole).value<QColor>(), QColor(councilColor));
    QCOMPARE(cell(0).data(Ui::AnnotationColorRole).toString(), councilColor);
    QVERIFY(!cell(1).data(Qt::DecorationRole).isValid());
    const QStringList quotes = column(model, Ui::AnnotationListModel::Quote);
    const int fish = int(quotes.indexOf(QStringLiteral("fish prices rose")));
    QVERIFY(fish >= 0);
    QCOMPARE(model.index(fish, 0).data(Qt::DecorationRole).value<QColor>(), QColor(QStringLiteral("#00aa00")));
    QCOMPARE(model.index(fish, Ui::AnnotationListModel::Tags).data().toString(), QString());
}

void AnnotationListModelTest::orphanedRowsAreMarked()
{
    Ui::AnnotationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    const int row = model.rowOfAnnotation(m_stalls);
    QVERIFY(row >= 0);
    // Orphaned passages come last in the library's order.
    QCOMPARE(row, model.rowCount() - 1);
    QCOMPARE(model.index(row, Ui::AnnotationListModel::State).data().toString(), QStringLiteral("orphaned"));
    QCOMPARE(model.index(row, 0).data(Ui::AnnotationStateRole).toInt(), int(Core::AnnotationState::Orphaned));
    for (int column = 0; column < model.columnCount(); ++column) {
        QVERIFY(model.index(row, column).data(Qt::FontRole).value<QFont>().italic());
        QVERIFY(model.index(row, column).data(Qt::ForegroundRole).isValid());
    }
    QVERIFY(!model.index(0, 0).data(Qt::FontRole).isValid());
    QVERIFY(!model.index(row, Ui::AnnotationListModel::State).data(Qt::ToolTipRole).toString().isEmpty());
}

void AnnotationListModelTest::sortsByEveryColumn_data()
{
    QTest::addColumn<int>("column");
    QTest::addColumn<int>("order");
    QTest::addColumn<QString>("first");
    using M = Ui::AnnotationListModel;
    QTest::newRow("quote ascending") << int(M::Quote) << int(Qt::AscendingOrder) << QStringLiteral("closed to lorries");
    QTest::newRow("quote descending") << int(M::Quote) << int(Qt::DescendingOrder)
                                      << QStringLiteral("stall holders asked for a covered hall");
    QTest::newRow("tags ascending (untagged first)") << int(M::Tags) << int(Qt::AscendingOrder) << QString();
    QTest::newRow("tags descending") << int(M::Tags) << int(Qt::DescendingOrder) << QStringLiteral("Transport, Safety");
    QTest::newRow("note descending") << int(M::Note) << int(Qt::DescendingOrder)
                                     << QStringLiteral("What will the paint cost?");
    QTest::newRow("article ascending") << int(M::Article) << int(Qt::AscendingOrder)
                                       << QStringLiteral("Bridge shut to lorries");
    QTest::newRow("article descending") << int(M::Article) << int(Qt::DescendingOrder)
                                        << QStringLiteral("Pier to be repainted");
    QTest::newRow("state descending") << int(M::State) << int(Qt::DescendingOrder) << QStringLiteral("orphaned");
    QTest::newRow("state ascending") << int(M::State) << int(Qt::AscendingOrder) << QStringLiteral("anchored");
}

void AnnotationListModelTest::sortsByEveryColumn()
{
    QFETCH(int, column);
    QFETCH(int, order);
    QFETCH(QString, first);
    Ui::AnnotationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    const QPersistentModelIndex railings = model.index(model.rowOfAnnotation(m_railings), 0);
    model.sort(column, Qt::SortOrder(order));
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(model.index(0, column).data().toString(), first);
    // Persistent indexes follow their rows.
    QCOMPARE(railings.data(Ui::AnnotationIdRole).toLongLong(), m_railings);
    // A refresh keeps the order.
    model.refresh();
    QCOMPARE(model.index(0, column).data().toString(), first);
}

void AnnotationListModelTest::filtersByTagTextArticleAndState_data()
{
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("harbourOnly");
    QTest::addColumn<bool>("orphanedOnly");
    QTest::addColumn<int>("rows");
    QTest::newRow("everything") << QStringList() << QString() << false << false << 5;
    QTest::newRow("a tag") << QStringList { QStringLiteral("Transport") } << QString() << false << false << 2;
    QTest::newRow("text in a quote") << QStringList() << QStringLiteral("LORRIES") << false << false << 1;
    QTest::newRow("text in a note") << QStringList() << QStringLiteral("paint cost") << false << false << 1;
    QTest::newRow("tag and text") << QStringList { QStringLiteral("Transport") } << QStringLiteral("ferry") << false
                                  << false << 1;
    QTest::newRow("one article") << QStringList() << QString() << true << false << 2;
    QTest::newRow("orphaned only") << QStringList() << QString() << false << true << 1;
    QTest::newRow("nothing matches") << QStringList { QStringLiteral("Safety") } << QStringLiteral("paint") << false
                                     << false << 0;
}

void AnnotationListModelTest::filtersByTagTextArticleAndState()
{
    QFETCH(QStringList, tags);
    QFETCH(QString, text);
    QFETCH(bool, harbourOnly);
    QFETCH(bool, orphanedOnly);
    QFETCH(int, rows);
    Ui::AnnotationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    Core::AnnotationQuery query;
    query.tags = tags;
    query.text = text;
    if (harbourOnly) {
        query.articles = { m_harbour };
    }
    query.orphanedOnly = orphanedOnly;
    model.setQuery(query);
    QCOMPARE(model.rowCount(), rows);
    QVERIFY(model.errorString().isEmpty());
    // And back to everything, through the same model.
    model.setQuery({});
    QCOMPARE(model.rowCount(), 5);
}

void AnnotationListModelTest::refreshKeepsRowsItDoesNotChange()
{
    Ui::AnnotationListModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setLibrary(m_library.get());
    model.sort(Ui::AnnotationListModel::Quote, Qt::AscendingOrder);
    const QPersistentModelIndex railings = model.index(model.rowOfAnnotation(m_railings), 0);
    QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
    QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
    QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
    QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

    // Removing a passage removes its row only.
    const qint64 lorries = model.index(0, 0).data(Ui::AnnotationIdRole).toLongLong();
    QVERIFY(m_library->annotations().remove(lorries));
    model.refresh();
    QCOMPARE(model.rowCount(), 4);
    QCOMPARE(removed.size(), 1);
    QCOMPARE(model.rowOfAnnotation(lorries), -1);
    QCOMPARE(railings.data(Ui::AnnotationIdRole).toLongLong(), m_railings);

    // A new passage is inserted where the sort puts it.
    const qint64 cables = annotate(m_bridge, bridgeBody, QStringLiteral("test the cables"), {});
    QVERIFY(cables > 0);
    model.refresh();
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(model.rowCount(), 5);
    QCOMPARE(column(model, Ui::AnnotationListModel::Quote),
        QStringList({ QStringLiteral("ferry timetable"), QStringLiteral("fish prices rose"),
            QStringLiteral("repaint the pier railings"), QStringLiteral("stall holders asked for a covered hall"),
            QStringLiteral("test the cables") }));

    // An edited note changes its row's data.
    changed.clear();
    Core::Annotation edited = *m_library->annotations().get(m_railings);
    edited.note = QStringLiteral("Ask the treasurer");
    QVERIFY(m_library->annotations().update(edited));
    model.refresh();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(changed.first().at(0).toModelIndex().row(), railings.row());
    QCOMPARE(model.index(railings.row(), Ui::AnnotationListModel::Note).data().toString(),
        QStringLiteral("Ask the treasurer"));
    QCOMPARE(reset.size(), 0);
}

QTEST_MAIN(AnnotationListModelTest)
#include "annotationlistmodel_test.moc"
