// The window as a new user first sees it: the Title column takes the spare width and the list keeps
// the widths and order the user sets; an empty Annotations dock stays small until it has a passage;
// the entity sidebar's type headers carry the colours the reader tints each type's mentions in.

#include "annotationcontroller.h"
#include "annotationlistmodel.h"
#include "annotationspanel.h"
#include "articlehighlighter.h"
#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "readerview.h"
#include "store/library.h"
#include "translations.h"

#include <QAction>
#include <QDockWidget>
#include <QHeaderView>
#include <QIcon>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSettings>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextCursor>
#include <QTextDocument>
#include <QTextLayout>
#include <QTreeView>

using namespace Dossier;
using namespace Qt::StringLiterals;

class FirstSightWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void titleTakesTheSpareWidth_data();
    void titleTakesTheSpareWidth();
    void columnsAreRememberedAndReset();
    void emptyAnnotationsDockStaysSmallUntilItHasAPassage();
    void annotationsDockKeepsTheHeightTheUserGaveIt();
    void typeHeadersCarryTheReadersColours();
    void readerLegendNamesEachTypeOnItsTint();

private:
    void openWindow();
    qint64 highlightFirstName();
    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{

using T = Core::EntityType;

// An article of our own whose entities are given (no tagger), each found wherever its name occurs.
Core::Article article(const QString &name, const QString &title, const QString &date, const QString &source,
    const QString &body, const QList<std::pair<QString, T>> &entities)
{
    Core::Article a;
    a.path = u"/fixtures/%1.txt"_s.arg(name);
    a.sha256 = name.toUtf8();
    a.format = u"text"_s;
    a.encoding = u"UTF-8"_s;
    a.meta.title = title;
    a.meta.date = date;
    a.meta.source = source;
    a.body = body;
    a.rawText = title + u"\n\n"_s + body;
    for (const auto &[entityName, type] : entities) {
        const int index = int(a.entities.size());
        a.entities.append(Core::Entity { entityName, type, {}, 0 });
        for (qsizetype at = body.indexOf(entityName); at >= 0; at = body.indexOf(entityName, at + 1)) {
            a.mentions.append(Core::Mention { at, at + entityName.size(), type, index });
            ++a.entities.last().count;
        }
    }
    std::sort(a.mentions.begin(), a.mentions.end(), [](const auto &x, const auto &y) { return x.start < y.start; });
    return a;
}

} // namespace

void FirstSightWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    m_libraryPath = m_dir.filePath(u"first-sight.dossier"_s);
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    QVERIFY(library.articles().store(
        article(u"ferry"_s, u"Ferry operators in the Visayas suspend night crossings after a storm warning"_s,
            u"2026-04-02"_s, u"Island Courier"_s,
            u"Rosa Villanueva of the Visayas Ferry Association said on 2 April that crossings to Cebu stop at dusk. "
            u"Repairs will cost 3 million pesos."_s,
            { { u"Rosa Villanueva"_s, T::Person }, { u"Visayas Ferry Association"_s, T::Org },
                { u"Cebu"_s, T::Location }, { u"2 April"_s, T::Date }, { u"3 million pesos"_s, T::Money } })));
    QVERIFY(library.articles().store(article(u"harbour"_s,
        u"Harbour authority in Cebu opens a second container berth ahead of the typhoon season"_s, u"2026-04-05"_s,
        u"Harbor Ledger"_s, u"The Cebu Port Authority opened the berth on 5 April. Rosa Villanueva welcomed it."_s,
        { { u"Cebu Port Authority"_s, T::Org }, { u"Cebu"_s, T::Location }, { u"5 April"_s, T::Date },
            { u"Rosa Villanueva"_s, T::Person } })));
}

void FirstSightWindowTest::init()
{
    QSettings().clear();
    openWindow();
}

void FirstSightWindowTest::openWindow()
{
    m_window = std::make_unique<Ui::MainWindow>();
    QVERIFY(m_window->openLibrary(m_libraryPath));
    m_window->resize(1400, 860); // the size scripts/screenshot shows it at
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->documentModel()->rowCount(), 2);
}

void FirstSightWindowTest::cleanup()
{
    m_window.reset();
}

void FirstSightWindowTest::titleTakesTheSpareWidth_data()
{
    QTest::addColumn<QSize>("size");
    QTest::newRow("1400 x 860") << QSize(1400, 860);
    QTest::newRow("1280 x 800") << QSize(1280, 800);
}

void FirstSightWindowTest::titleTakesTheSpareWidth()
{
    QFETCH(QSize, size);
    m_window->resize(size);
    Ui::DocumentListView *list = m_window->documentView();
    const QHeaderView *header = list->horizontalHeader();
    const int viewport = list->viewport()->width();
    // No article of this library has copies: their column stays hidden and leaves its width to the titles.
    QVERIFY(list->isColumnHidden(Ui::DocumentListModel::Copies));
    QTRY_VERIFY2(header->sectionSize(Ui::DocumentListModel::Title) * 100 > 40 * viewport,
        qPrintable(u"title %1 of %2"_s.arg(header->sectionSize(Ui::DocumentListModel::Title)).arg(viewport)));
    // The other columns are as wide as their headings, so nothing is cut off there.
    for (const int column : { Ui::DocumentListModel::Date, Ui::DocumentListModel::Source,
             Ui::DocumentListModel::Entities, Ui::DocumentListModel::Tags }) {
        QVERIFY2(header->sectionSize(column) >= header->sectionSizeHint(column), qPrintable(QString::number(column)));
    }
    // The columns fill the viewport: no empty strip after the last one.
    QCOMPARE(header->length(), viewport);
}

void FirstSightWindowTest::columnsAreRememberedAndReset()
{
    QHeaderView *header = m_window->documentView()->horizontalHeader();
    const int sourceWidth = header->sectionSize(Ui::DocumentListModel::Source);
    const int tagsWidth = header->sectionSize(Ui::DocumentListModel::Tags);
    header->resizeSection(Ui::DocumentListModel::Source, sourceWidth + 60);
    header->moveSection(header->visualIndex(Ui::DocumentListModel::Tags), 1);
    QCOMPARE(header->visualIndex(Ui::DocumentListModel::Tags), 1);

    m_window->close(); // saves the settings
    openWindow();
    header = m_window->documentView()->horizontalHeader();
    QCOMPARE(header->sectionSize(Ui::DocumentListModel::Source), sourceWidth + 60);
    QCOMPARE(header->visualIndex(Ui::DocumentListModel::Tags), 1);
    QCOMPARE(header->sectionResizeMode(Ui::DocumentListModel::Title), QHeaderView::Stretch);

    QAction *reset = m_window->resetColumnsAction();
    QVERIFY(reset);
    QCOMPARE(reset->objectName(), u"resetColumnsAction"_s);
    reset->trigger();
    QCOMPARE(header->sectionSize(Ui::DocumentListModel::Source), sourceWidth);
    QCOMPARE(header->sectionSize(Ui::DocumentListModel::Tags), tagsWidth);
    QCOMPARE(header->visualIndex(Ui::DocumentListModel::Tags), Ui::DocumentListModel::Tags);
    QCOMPARE(header->sectionResizeMode(Ui::DocumentListModel::Title), QHeaderView::Stretch);
}

void FirstSightWindowTest::emptyAnnotationsDockStaysSmallUntilItHasAPassage()
{
    QDockWidget *dock = m_window->annotationsDock();
    Ui::AnnotationsPanel *panel = m_window->annotationsPanel();
    auto *notice = panel->findChild<QLabel *>(u"annotationsEmptyNotice"_s);
    QVERIFY(notice);
    QVERIFY(dock->isVisible());
    QVERIFY(panel->isEmpty());
    QVERIFY(notice->isVisible());
    QVERIFY(notice->text().contains(u"Ctrl+H"_s));
    QVERIFY(!panel->view()->isVisible());
    QTRY_VERIFY2(dock->height() * 100 < 12 * m_window->height(),
        qPrintable(u"dock %1 of %2"_s.arg(dock->height()).arg(m_window->height())));

    // A first passage: the table appears and the dock makes room for it.
    const qint64 id = highlightFirstName();
    QVERIFY(id >= 0);
    QTRY_VERIFY(!panel->isEmpty());
    QTRY_VERIFY(panel->view()->isVisible());
    QVERIFY(!notice->isVisible());
    QCOMPARE(panel->model()->rowCount(), 1);
    QTRY_VERIFY2(dock->height() >= 150, qPrintable(QString::number(dock->height())));

    // Removing it leaves the library without passages again: small again.
    QVERIFY(m_window->annotationController()->removeAnnotation(id));
    QTRY_VERIFY(panel->isEmpty());
    QTRY_VERIFY(notice->isVisible());
    QTRY_VERIFY2(dock->height() * 100 < 12 * m_window->height(), qPrintable(QString::number(dock->height())));
}

qint64 FirstSightWindowTest::highlightFirstName()
{
    m_window->documentView()->selectRow(0);
    if (!QTest::qWaitFor([this] { return m_window->currentArticleId() >= 0; })) {
        return -1;
    }
    Ui::ReaderView *reader = m_window->reader();
    const QString body
        = m_window->annotationController()->library()->articles().get(m_window->currentArticleId())->body;
    const qsizetype start = body.indexOf(u"Rosa Villanueva"_s);
    if (start < 0) {
        return -1;
    }
    QTextCursor cursor(reader->document());
    cursor.setPosition(reader->bodyPosition(start));
    cursor.setPosition(reader->bodyPosition(start + 15), QTextCursor::KeepAnchor);
    reader->textEdit()->setTextCursor(cursor);
    return m_window->highlightSelection();
}

void FirstSightWindowTest::annotationsDockKeepsTheHeightTheUserGaveIt()
{
    const qint64 id = highlightFirstName();
    QVERIFY(id >= 0);
    QDockWidget *dock = m_window->annotationsDock();
    QTRY_VERIFY(!m_window->annotationsPanel()->isEmpty());
    m_window->resizeDocks({ dock }, { 320 }, Qt::Vertical); // as dragging its edge does
    QTRY_COMPARE(dock->height(), 320);

    m_window->close(); // saves the settings
    openWindow();
    dock = m_window->annotationsDock();
    QTRY_VERIFY(!m_window->annotationsPanel()->isEmpty());
    QTRY_COMPARE(dock->height(), 320);

    // Without passages it is small, and the next one brings the user's height back.
    QVERIFY(m_window->annotationController()->removeAnnotation(id));
    QTRY_VERIFY(m_window->annotationsPanel()->isEmpty());
    QTRY_VERIFY(dock->height() < 120);
    const qint64 again = highlightFirstName();
    QVERIFY(again >= 0);
    QTRY_COMPARE(dock->height(), 320);
    QVERIFY(m_window->annotationController()->removeAnnotation(again));
    QTRY_VERIFY(m_window->annotationsPanel()->isEmpty());
}

void FirstSightWindowTest::typeHeadersCarryTheReadersColours()
{
    Ui::EntityFacetModel *model = m_window->entitySidebar()->model();
    for (const T type : { T::Person, T::Org, T::Location, T::Date, T::Money }) {
        QTRY_VERIFY(model->indexOfType(type).isValid());
        const QModelIndex group = model->indexOfType(type);
        QCOMPARE(group.data().toString(), Ui::EntityFacetModel::typeDisplayName(type));
        const auto icon = group.data(Qt::DecorationRole).value<QIcon>();
        QVERIFY2(!icon.isNull(), qPrintable(group.data().toString()));
        const QImage swatch = icon.pixmap(12, 12).toImage();
        QCOMPARE(swatch.pixelColor(swatch.width() / 2, swatch.height() / 2).rgb(),
            Ui::ArticleHighlighter::typeColor(type).rgb());
        QVERIFY(!group.data(Qt::ToolTipRole).toString().isEmpty());
    }
}

void FirstSightWindowTest::readerLegendNamesEachTypeOnItsTint()
{
    Ui::ReaderView *reader = m_window->reader();
    QLabel *legend = reader->entityLegend();
    QVERIFY(legend);
    QVERIFY(!legend->isVisible()); // no article yet
    // The ferry article names an entity of every type.
    const Ui::DocumentListModel *model = m_window->documentModel();
    int ferry = -1;
    for (int row = 0; row < model->rowCount(); ++row) {
        if (model->index(row, Ui::DocumentListModel::Title).data().toString().startsWith(u"Ferry"_s)) {
            ferry = row;
        }
    }
    QVERIFY(ferry >= 0);
    m_window->documentView()->selectRow(ferry);
    QTRY_VERIFY(m_window->currentArticleId() >= 0);
    QVERIFY(legend->isVisible());
    const QString body
        = m_window->annotationController()->library()->articles().get(m_window->currentArticleId())->body;
    const QString text = legend->text();
    const std::pair<T, QString> mentions[]
        = { { T::Person, u"Rosa Villanueva"_s }, { T::Org, u"Visayas Ferry Association"_s }, { T::Location, u"Cebu"_s },
              { T::Date, u"2 April"_s }, { T::Money, u"3 million pesos"_s } };
    qsizetype previous = -1;
    for (const auto &[type, name] : mentions) {
        // The tint the reader painted this mention with, read from the article's layout.
        const int position = reader->bodyPosition(body.indexOf(name));
        const QTextBlock block = reader->document()->findBlock(position);
        QColor tint;
        for (const QTextLayout::FormatRange &range : block.layout()->formats()) {
            if (range.start <= position - block.position() && position - block.position() < range.start + range.length
                && range.format.property(Ui::ArticleHighlighter::EntityTypeProperty).toInt() == int(type)) {
                tint = range.format.background().color();
            }
        }
        QVERIFY2(tint.isValid(), qPrintable(name));
        const QString entry
            = u"background-color:%1\">&nbsp;%2&nbsp;"_s.arg(tint.name(), Ui::EntityFacetModel::typeDisplayName(type));
        const qsizetype at = text.indexOf(entry);
        QVERIFY2(at > previous, qPrintable(entry + u" in "_s + text));
        previous = at;
    }
    // Showing the source hides it; the article brings it back.
    reader->setShowSource(true);
    QVERIFY(!legend->isVisible());
    reader->setShowSource(false);
    QVERIFY(legend->isVisible());
}

QTEST_MAIN(FirstSightWindowTest)
#include "firstsightwindow_test.moc"
