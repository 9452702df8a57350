// The window's copies of one story over a real library of our own articles (duplicatestories.h):
// the list's Copies column, View › Copies with each copy's word diff against the earliest, a copy
// opened from it, and a highlight on one copy shown (read-only) on another.

#include "annotationcontroller.h"
#include "copiespanel.h"
#include "copylistmodel.h"
#include "documentlistmodel.h"
#include "duplicatestories.h"
#include "mainwindow.h"
#include "readerview.h"
#include "roles.h"
#include "storearticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QCryptographicHash>
#include <QDockWidget>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSettings>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextCursor>
#include <QTextEdit>
#include <QTimer>

#include <algorithm>

using namespace Dossier;
using namespace Dossier::Test;
using namespace Qt::StringLiterals;

namespace
{
const QString wireTitle = u"Halden dockers strike over cranes"_s;
} // namespace

class CopiesWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void listShowsHowManyCopies();
    void dockIsHiddenUntilShownAndRemembered();
    void copiesListTheStoryEarliestFirst();
    void diffMarksWhatACopyAddedAndCut_data();
    void diffMarksWhatACopyAddedAndCut();
    void diffMarksChangedWords();
    void activatingACopyOpensIt();
    void highlightOnOneCopyShowsOnAnother();
    void groupCopiesListsTheStoryOnce();
    void groupingIsOnByDefaultAndRemembered();
    void upgradedLibraryIsGroupedOffTheWindowsThread();
    void storyRowOpensOntoItsCopies();

private:
    qint64 store(Core::Library &library, const QString &name, const QString &title, const QString &body,
        const QString &date, const QString &source);
    void open(qint64 id);
    // View › Copies, shown and read.
    void showCopies();
    // Opens the wire story, shows View › Copies and clicks the copy \a id there.
    void chooseInDock(qint64 id);
    int listRow(qint64 id) const;

    QTemporaryDir m_dir;
    QString m_libraryPath;
    qint64 m_wire = -1;
    qint64 m_headline = -1;
    qint64 m_trimmed = -1;
    qint64 m_inserted = -1;
    qint64 m_substituted = -1;
    qint64 m_other = -1;
    std::unique_ptr<Ui::MainWindow> m_window;
    std::unique_ptr<QAbstractItemModelTester> m_copyModelTester;
    std::unique_ptr<QAbstractItemModelTester> m_listTester;
};

qint64 CopiesWindowTest::store(Core::Library &library, const QString &name, const QString &title, const QString &body,
    const QString &date, const QString &source)
{
    return storeArticle(library, m_dir.filePath(name), title, body, date, source);
}

void CopiesWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QLocale::setDefault(QLocale(QLocale::English, QLocale::UnitedKingdom));
    m_libraryPath = m_dir.filePath(u"copies.dossier"_s);
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    // One wire story and four outlets' copies of it (a new headline, a trimmed ending, an inserted
    // paragraph, a few words replaced), and another story on the same topic that is no copy.
    m_wire = store(library, u"wire.txt"_s, wireTitle, Stories::wireBody(), u"2026-03-03"_s, u"Nordic Wire"_s);
    m_headline = store(library, u"headline.txt"_s, u"Ships stranded as Halden port grinds to a halt"_s,
        Stories::editedCopy({ u"headline"_s }), u"2026-03-04"_s, u"Coastal Times"_s);
    m_trimmed = store(library, u"trimmed.txt"_s, u"Halden dockers walk out"_s, Stories::editedCopy({ u"trim"_s }),
        u"2026-03-05"_s, u"Harbour Ledger"_s);
    m_inserted = store(library, u"inserted.txt"_s, u"Halden port strike: residents divided"_s,
        Stories::editedCopy({ u"insert"_s }), u"2026-03-06"_s, u"Halden Post"_s);
    m_substituted = store(library, u"substituted.txt"_s, u"Halden port strike strands ships"_s,
        Stories::editedCopy({ u"substitute"_s }), u"2026-03-07"_s, u"Fjord Daily"_s);
    m_other = store(library, u"vestby.txt"_s, u"Vestby crane drivers walk out"_s, Stories::sameTopicStory(),
        u"2026-03-04"_s, u"Harbour Ledger"_s);
    QVERIFY(m_wire > 0 && m_headline > 0 && m_trimmed > 0 && m_inserted > 0 && m_substituted > 0 && m_other > 0);
}

void CopiesWindowTest::init()
{
    QSettings().clear();
    // One row per article: the tests of the copies themselves (groupCopiesListsTheStoryOnce groups).
    QSettings().setValue(u"list/groupCopies"_s, false);
    m_window = Test::shownWindow(m_libraryPath, { 1400, 900 });
    QVERIFY(m_window);
    QCOMPARE(m_window->documentModel()->rowCount(), 6);
    // Both models keep the model contract through every change the tests make.
    m_copyModelTester = std::make_unique<QAbstractItemModelTester>(
        m_window->copiesPanel()->copyModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_listTester = std::make_unique<QAbstractItemModelTester>(
        m_window->documentModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void CopiesWindowTest::cleanup()
{
    m_copyModelTester.reset();
    m_listTester.reset();
    m_window.reset();
}

int CopiesWindowTest::listRow(qint64 id) const
{
    return m_window->documentModel()->rowOfId(id);
}

void CopiesWindowTest::open(qint64 id)
{
    const int row = listRow(id);
    QVERIFY(row >= 0);
    m_window->documentView()->setCurrentIndex(m_window->documentModel()->index(row, 0));
    QCOMPARE(m_window->currentArticleId(), id);
}

void CopiesWindowTest::showCopies()
{
    QVERIFY(Test::checkAction(m_window.get(), u"copiesAction"_s));
    QVERIFY(m_window->copiesDock()->isVisible());
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->copiesPanel()->isLoading(), 10000);
}

void CopiesWindowTest::listShowsHowManyCopies()
{
    Ui::DocumentListModel *model = m_window->documentModel();
    // The counts of the list's window of rows are read on the reader's thread, then shown.
    model->index(0, Ui::DocumentListModel::Copies).data();
    QTRY_VERIFY(!model->isReadingCopyCounts());
    const auto copies
        = [&](qint64 id) { return model->index(listRow(id), Ui::DocumentListModel::Copies).data().toString(); };
    QCOMPARE(model->headerData(Ui::DocumentListModel::Copies, Qt::Horizontal).toString(), u"Copies"_s);
    for (const qint64 id : { m_wire, m_headline, m_trimmed, m_inserted, m_substituted }) {
        QCOMPARE(copies(id), u"5 copies"_s);
        QCOMPARE(model->index(listRow(id), 0).data(Ui::DocumentListModel::CopyCountRole).toInt(), 4);
    }
    QCOMPARE(copies(m_other), QString());
    QCOMPARE(model->index(listRow(m_other), 0).data(Ui::DocumentListModel::CopyCountRole).toInt(), 0);
    QCOMPARE(model->index(listRow(m_wire), Ui::DocumentListModel::Copies).data(Qt::ToolTipRole).toString(),
        u"The same story is in 4 other articles of the library (View › Copies shows them)"_s);
    // The column is shown, and clicking its header keeps the list's order.
    Ui::DocumentListView *view = m_window->documentView();
    QVERIFY(!view->isColumnHidden(Ui::DocumentListModel::Copies));
    const QList<qint64> before { model->index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong(),
        model->index(5, 0).data(Ui::DocumentListModel::IdRole).toLongLong() };
    view->horizontalHeader()->setSortIndicator(Ui::DocumentListModel::Copies, Qt::AscendingOrder);
    QCOMPARE(view->horizontalHeader()->sortIndicatorSection(), int(Ui::DocumentListModel::Date));
    QCOMPARE(model->index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), before.at(0));
    QCOMPARE(model->index(5, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), before.at(1));
}

void CopiesWindowTest::dockIsHiddenUntilShownAndRemembered()
{
    QVERIFY(m_window->copiesDock()->isHidden());
    showCopies();
    m_window->close(); // saves the window's state
    m_copyModelTester.reset();
    m_listTester.reset();
    m_window = Test::shownWindow(m_libraryPath);
    QVERIFY(m_window);
    QVERIFY(m_window->copiesDock()->isVisible());
    QCOMPARE(m_window->findChild<QAction *>(u"copiesAction"_s)->shortcut(), QKeySequence(u"Ctrl+Shift+D"_s));
}

void CopiesWindowTest::copiesListTheStoryEarliestFirst()
{
    open(m_trimmed);
    showCopies();
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    Ui::CopyListModel *model = panel->copyModel();
    QCOMPARE(model->rowCount(), 5);
    QCOMPARE(model->index(0, Ui::CopyListModel::Title).data().toString(), wireTitle);
    QCOMPARE(model->index(0, Ui::CopyListModel::Source).data().toString(), u"Nordic Wire"_s);
    QCOMPARE(model->index(0, Ui::CopyListModel::Date).data().toString(), u"2026-03-03"_s);
    QCOMPARE(model->index(0, Ui::CopyListModel::Similarity).data().toString(), u"earliest"_s);
    QVERIFY(model->index(0, 0).data(Ui::CopyIsOriginalRole).toBool());
    QCOMPARE(model->index(3, 0).data(Ui::CopyArticleIdRole).toLongLong(), m_inserted);
    QCOMPARE(model->index(4, 0).data(Ui::CopyArticleIdRole).toLongLong(), m_substituted);
    // The headline is not in the body: that copy's text is the wire's, word for word.
    QCOMPARE(model->index(1, 0).data(Ui::CopyArticleIdRole).toLongLong(), m_headline);
    QCOMPARE(model->index(1, Ui::CopyListModel::Similarity).data().toString(), u"100%"_s);
    const double trimmed = model->index(2, 0).data(Ui::CopySimilarityRole).toDouble();
    QVERIFY(trimmed > 0.35 && trimmed < 1.0);
    QCOMPARE(panel->summaryLabel()->text(),
        u"The story is in 5 articles; each copy is compared with the earliest, listed first."_s);
    // The open article is the chosen copy.
    QCOMPARE(panel->copyView()->currentIndex().row(), 2);
    QCOMPARE(panel->shownCopy(), m_trimmed);

    // An article without copies says so.
    open(m_other);
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(model->rowCount(), 0);
    QCOMPARE(panel->summaryLabel()->text(), u"No other article of the library is a copy of this story."_s);
    QVERIFY(panel->diffView()->toPlainText().isEmpty());
}

void CopiesWindowTest::chooseInDock(qint64 id)
{
    open(m_wire);
    showCopies();
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    // The earliest is open: the first copy is chosen. Click the one under test.
    const int row = panel->copyModel()->rowOfId(id);
    QVERIFY(row > 0);
    QTableView *view = panel->copyView();
    const QModelIndex index = panel->copyModel()->index(row, 0);
    view->scrollTo(index);
    QVERIFY(view->viewport()->rect().contains(view->visualRect(index).center()));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QTRY_COMPARE(panel->shownCopy(), id);
    QTRY_VERIFY(!panel->isLoading());
}

void CopiesWindowTest::diffMarksWhatACopyAddedAndCut_data()
{
    QTest::addColumn<QString>("copy");
    QTest::addColumn<QString>("added");
    QTest::addColumn<QString>("cut");
    QTest::newRow("inserted paragraph") << u"inserted"_s << Stories::insertedParagraph() << QString();
    QTest::newRow("trimmed ending") << u"trimmed"_s << QString() << Stories::wireParagraphs().last();
    QTest::newRow("new headline only") << u"headline"_s << QString() << QString();
}

void CopiesWindowTest::diffMarksWhatACopyAddedAndCut()
{
    QFETCH(QString, copy);
    QFETCH(QString, added);
    QFETCH(QString, cut);
    const qint64 id = copy == u"inserted"_s ? m_inserted : copy == u"trimmed"_s ? m_trimmed : m_headline;
    chooseInDock(id);
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::Added), added);
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::Cut), cut);
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::ChangedFrom), QString());
    // The view reads as the copy, with what it cut struck through in place.
    const QString shown = panel->diffView()->toPlainText();
    QVERIFY(shown.contains(Stories::wireParagraphs().at(1)));
    if (!added.isEmpty()) {
        QVERIFY(shown.contains(added));
    }
    if (!cut.isEmpty()) {
        QVERIFY(shown.endsWith(cut));
    }
    // The reader still shows the earliest: choosing is not opening.
    QCOMPARE(m_window->currentArticleId(), m_wire);
}

void CopiesWindowTest::diffMarksChangedWords()
{
    chooseInDock(m_substituted);
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    // "walked off the job" became "went on strike", "collapsed" "broke down", and so on: each a cut
    // run followed by an added one, in the changed colour.
    const QStringList from = panel->markedText(Ui::CopiesPanel::Mark::ChangedFrom).split(u'\n');
    const QStringList to = panel->markedText(Ui::CopiesPanel::Mark::ChangedTo).split(u'\n');
    QCOMPARE(from.size(), to.size());
    QVERIFY2(from.size() >= 5, qPrintable(from.join(u" | ")));
    QCOMPARE(from.first(), u"walked off the job"_s);
    QVERIFY2(to.first().startsWith(u"went"_s), qPrintable(to.first()));
    QVERIFY(from.contains(u"collapsed"_s));
    QVERIFY(to.contains(u"broke down"_s));
    // A minimal word diff keeps the copy's first "on" ("went on strike on Tuesday" against "walked
    // off the job on Tuesday"): "went" replaced the phrase, "strike on" is added after it.
    QCOMPARE(to.first(), u"went"_s);
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::Added), u"strike on"_s);
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::Cut), QString());
    // Changed words are coloured apart from added and cut ones, and what was replaced is struck through.
    QTextCursor cursor(panel->diffView()->document());
    const int at = panel->diffView()->toPlainText().indexOf(u"walked off the job"_s);
    QVERIFY(at >= 0);
    cursor.setPosition(at + 1);
    const QTextCharFormat changed = cursor.charFormat();
    QVERIFY(changed.fontStrikeOut());
    QVERIFY(changed.background().color() != QColor(0xc6, 0xef, 0xc6));
    QVERIFY(changed.background().color() != QColor(0xf7, 0xc5, 0xc5));
    QVERIFY(changed.background().style() != Qt::NoBrush);
}

void CopiesWindowTest::activatingACopyOpensIt()
{
    open(m_wire);
    showCopies();
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    QTableView *view = panel->copyView();
    const int row = panel->copyModel()->rowOfId(m_inserted);
    view->setCurrentIndex(panel->copyModel()->index(row, 0));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(m_window->currentArticleId(), m_inserted);
    QCOMPARE(m_window->documentView()->currentIndex().row(), listRow(m_inserted));
    QVERIFY(m_window->reader()->textEdit()->toPlainText().contains(Stories::insertedParagraph()));
    // The dock follows: the open copy stays the chosen one, its diff shown.
    QTRY_VERIFY(!panel->isLoading());
    QCOMPARE(panel->copyView()->currentIndex().row(), row);
    QCOMPARE(panel->shownCopy(), m_inserted);
    QCOMPARE(panel->markedText(Ui::CopiesPanel::Mark::Added), Stories::insertedParagraph());
}

void CopiesWindowTest::highlightOnOneCopyShowsOnAnother()
{
    // A highlight on the wire story, in the paragraph every copy kept.
    const QString body = Stories::wireBody();
    const QString quote = u"union secretary Marit Solberg"_s;
    const qsizetype start = body.indexOf(quote);
    m_window->revealBodyRange(m_wire, start, start + quote.size());
    QCOMPARE(m_window->currentArticleId(), m_wire);
    const qint64 annotation = m_window->highlightSelection({}, u"who speaks for the union"_s);
    QVERIFY(annotation > 0);
    QTRY_VERIFY(!m_window->isReadingCopyAnnotations());
    QVERIFY(m_window->reader()->copyAnnotations().isEmpty()); // its own, not a copy's

    // The copy with the inserted paragraph shows it where the passage is in its text.
    open(m_inserted);
    Ui::ReaderView *reader = m_window->reader();
    QTRY_COMPARE(reader->copyAnnotations().size(), 1);
    const Core::CopyAnnotation landed = reader->copyAnnotations().front();
    QCOMPARE(landed.annotation.id, annotation);
    QCOMPARE(landed.from.id, m_wire);
    const QString copyBody = Stories::editedCopy({ u"insert"_s });
    QCOMPARE(landed.annotation.anchor.start, copyBody.indexOf(quote));
    QCOMPARE(reader->copyAnnotationToolTip(landed.annotation.anchor.start + 3),
        u"from copy: %1 — who speaks for the union"_s.arg(wireTitle));
    QCOMPARE(reader->copyAnnotationToolTip(0), QString());
    // Read-only: not among the article's own highlights, so nothing to edit or remove under it.
    QVERIFY(reader->annotations().isEmpty());
    m_window->revealBodyRange(m_inserted, landed.annotation.anchor.start + 2, landed.annotation.anchor.start + 2);
    QCOMPARE(reader->annotationAtCursor(), -1);
    // Drawn as a dashed underline over the passage.
    const int from = reader->bodyPosition(landed.annotation.anchor.start);
    bool underlined = false;
    for (const QTextEdit::ExtraSelection &selection : reader->textEdit()->extraSelections()) {
        if (selection.cursor.selectionStart() == from
            && selection.format.underlineStyle() == QTextCharFormat::DashUnderline) {
            underlined = true;
        }
    }
    QVERIFY(underlined);

    // Another article's highlights do not reach an unrelated story; removing the highlight clears it.
    open(m_other);
    QTRY_VERIFY(!m_window->isReadingCopyAnnotations());
    QVERIFY(reader->copyAnnotations().isEmpty());
    open(m_inserted);
    QTRY_COMPARE(reader->copyAnnotations().size(), 1);
    QVERIFY(m_window->annotationController()->removeAnnotation(annotation));
    QTRY_VERIFY(reader->copyAnnotations().isEmpty());
}

void CopiesWindowTest::groupCopiesListsTheStoryOnce()
{
    Ui::DocumentListModel *model = m_window->documentModel();
    auto *group = m_window->findChild<QAction *>(u"groupCopiesAction"_s);
    QVERIFY(group);
    QVERIFY(group->isCheckable());
    QVERIFY(!group->isChecked());
    open(m_trimmed);
    group->trigger();
    QVERIFY(model->groupsCopies());
    // The wire story and its four copies are one row, the earliest (the wire's); the other story its own.
    QCOMPARE(model->rowCount(), 2);
    const int story = listRow(m_wire);
    QVERIFY(story >= 0);
    QCOMPARE(model->index(story, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), m_wire);
    QCOMPARE(model->index(story, Ui::DocumentListModel::Copies).data().toString(), u"5 copies"_s);
    QCOMPARE(model->index(listRow(m_other), Ui::DocumentListModel::Copies).data().toString(), QString());
    // The open copy stays open and selected: its story's row is the current one.
    QCOMPARE(m_window->currentArticleId(), m_trimmed);
    QCOMPARE(m_window->documentView()->currentIndex().row(), story);
    // The status bar says what it counts.
    const auto labels = m_window->findChildren<QLabel *>();
    const auto count = std::find_if(labels.cbegin(), labels.cend(),
        [](const QLabel *label) { return label->accessibleName() == u"Document count"; });
    QVERIFY(count != labels.cend());
    QCOMPARE((*count)->text(), u"2 stories \u00b7 6 of 6 articles"_s);

    // Clicking the story's row opens its earliest copy, and View › Copies lists the others.
    const QModelIndex other = model->index(listRow(m_other), 0);
    m_window->documentView()->setCurrentIndex(other);
    QCOMPARE(m_window->currentArticleId(), m_other);
    Ui::DocumentListView *list = m_window->documentView();
    const QRect rowRect = list->visualRect(model->index(story, Ui::DocumentListModel::Title));
    QTest::mouseClick(list->viewport(), Qt::LeftButton, {}, rowRect.center());
    QCOMPARE(m_window->currentArticleId(), m_wire);
    showCopies();
    Ui::CopiesPanel *panel = m_window->copiesPanel();
    QCOMPARE(panel->copyModel()->rowCount(), 5);
    // A copy opened from the dock: the reader shows it, the list keeps its story's row current.
    QTableView *copies = panel->copyView();
    copies->setCurrentIndex(panel->copyModel()->index(panel->copyModel()->rowOfId(m_inserted), 0));
    copies->setFocus();
    QTest::keyClick(copies, Qt::Key_Return);
    QCOMPARE(m_window->currentArticleId(), m_inserted);
    QVERIFY(m_window->reader()->textEdit()->toPlainText().contains(Stories::insertedParagraph()));
    QCOMPARE(list->currentIndex().row(), story);

    // A search that only the inserted copy matches lists the story as that copy, one of five.
    m_window->searchField()->setText(u"haulage"_s);
    QTRY_COMPARE(model->rowCount(), 1);
    QCOMPARE(model->index(0, 0).data(Ui::DocumentListModel::IdRole).toLongLong(), m_inserted);
    QCOMPARE(model->index(0, Ui::DocumentListModel::Copies).data().toString(), u"1 of 5 copies"_s);
    m_window->searchField()->clear();
    QTRY_COMPARE(model->rowCount(), 2);

    // Off again: every copy has its row, the open one current.
    group->trigger();
    QCOMPARE(model->rowCount(), 6);
    QCOMPARE(list->currentIndex().row(), listRow(m_inserted));
    QCOMPARE((*count)->text(), u"6 of 6 articles"_s);
    QCOMPARE(QSettings().value(u"list/groupCopies"_s).toBool(), false);
}

void CopiesWindowTest::groupingIsOnByDefaultAndRemembered()
{
    m_listTester.reset();
    m_window.reset();
    QSettings().remove(u"list/groupCopies"_s);
    m_window = Test::shownWindow(m_libraryPath, { 1400, 900 });
    QVERIFY(m_window);
    auto *group = m_window->findChild<QAction *>(u"groupCopiesAction"_s);
    QVERIFY(group && group->isChecked());
    QCOMPARE(m_window->documentModel()->rowCount(), 2);
    group->trigger();
    QCOMPARE(m_window->documentModel()->rowCount(), 6);
    m_window.reset();
    m_window = Test::shownWindow(m_libraryPath, { 1400, 900 });
    QVERIFY(m_window);
    QVERIFY(!m_window->findChild<QAction *>(u"groupCopiesAction"_s)->isChecked());
    QCOMPARE(m_window->documentModel()->rowCount(), 6);
}

void CopiesWindowTest::upgradedLibraryIsGroupedOffTheWindowsThread()
{
    m_listTester.reset();
    m_copyModelTester.reset();
    m_window.reset();
    // The library as upgraded from schema 10: its articles have no story yet.
    const QString upgraded = m_dir.filePath(u"upgraded.dossier"_s);
    for (const QString &suffix : { QString(), u"-wal"_s }) {
        QFile::remove(upgraded + suffix);
        QVERIFY(!QFile::exists(m_libraryPath + suffix) || QFile::copy(m_libraryPath + suffix, upgraded + suffix));
    }
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"strip"_s);
        db.setDatabaseName(upgraded);
        QVERIFY(db.open());
        QVERIFY(QSqlQuery(db).exec(u"DELETE FROM article_stories"_s));
        db.close();
    }
    QSqlDatabase::removeDatabase(u"strip"_s);
    QSettings().setValue(u"list/groupCopies"_s, true);
    // Another program holds the write lock: the fill cannot write the stories until it lets go.
    Test::WriteLock lock(upgraded);
    QVERIFY(lock.isHeld());
    m_window = Test::shownWindow(upgraded, { 1400, 900 });
    QVERIFY(m_window);
    Ui::DocumentListModel *model = m_window->documentModel();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    // The window opened without waiting for the stories: every copy listed, the fill in the status bar.
    QVERIFY(m_window->isFillingStories());
    QVERIFY(m_window->findChild<QAction *>(u"groupCopiesAction"_s)->isChecked());
    QVERIFY(!model->groupsCopies());
    QCOMPARE(model->rowCount(), 6);
    auto *status = m_window->findChild<QWidget *>(u"storyFillStatus"_s);
    QVERIFY(status);
    QVERIFY(status->isVisible());
    // The event loop runs meanwhile: a timer fires and the list answers while the fill waits.
    bool ticked = false;
    QTimer::singleShot(50, m_window.get(), [&ticked] { ticked = true; });
    QTRY_VERIFY(ticked);
    QVERIFY(m_window->isFillingStories());
    open(m_trimmed);

    QVERIFY(lock.release());
    // When the stories land, the list is grouped: the wire story once, the open copy on its row.
    QTRY_VERIFY_WITH_TIMEOUT(!m_window->isFillingStories(), 30000);
    QVERIFY(model->groupsCopies());
    QVERIFY(!status->isVisible());
    QCOMPARE(model->rowCount(), 2);
    const int story = listRow(m_wire);
    QVERIFY(story >= 0);
    QCOMPARE(model->index(story, Ui::DocumentListModel::Copies).data().toString(), u"5 copies"_s);
    QCOMPARE(m_window->currentArticleId(), m_trimmed);
    QCOMPARE(m_window->documentView()->currentIndex().row(), story);
}

void CopiesWindowTest::storyRowOpensOntoItsCopies()
{
    Ui::DocumentListModel *model = m_window->documentModel();
    Ui::DocumentListView *view = m_window->documentView();
    QVERIFY(!view->rootIsDecorated()); // a flat list: no branches
    m_window->groupCopiesAction()->trigger();
    QVERIFY(model->groupsCopies());
    QVERIFY(view->rootIsDecorated());
    const QModelIndex story = model->index(listRow(m_wire), 0);
    QVERIFY(model->hasChildren(story));
    QVERIFY(!model->hasChildren(model->index(listRow(m_other), 0)));
    // A click on the story's branch opens it onto its five copies, earliest first.
    const QRect row = view->visualRect(story);
    QTest::mouseClick(
        view->viewport(), Qt::LeftButton, {}, QPoint(row.left() - view->indentation() / 2, row.center().y()));
    QTRY_VERIFY(view->isExpanded(story));
    QCOMPARE(model->rowCount(story), 5);
    QList<qint64> ids;
    for (int i = 0; i < model->rowCount(story); ++i) {
        ids.append(model->index(i, 0, story).data(Ui::DocumentListModel::IdRole).toLongLong());
    }
    QCOMPARE(ids, (QList<qint64> { m_wire, m_headline, m_trimmed, m_inserted, m_substituted }));
    const QModelIndex inserted = model->index(3, Ui::DocumentListModel::Title, story);
    QCOMPARE(inserted.data().toString(), u"Halden port strike: residents divided"_s);
    QCOMPARE(model->index(3, Ui::DocumentListModel::Source, story).data().toString(), u"Halden Post"_s);
    QCOMPARE(model->index(3, Ui::DocumentListModel::Date, story).data().toString(), u"2026-03-06"_s);
    // Clicking a copy opens it in the reader; it stays the selected row.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(inserted).center());
    QCOMPARE(m_window->currentArticleId(), m_inserted);
    QVERIFY(m_window->reader()->textEdit()->toPlainText().contains(Stories::insertedParagraph()));
    QCOMPARE(view->currentIndex().parent(), story);
    QCOMPARE(view->currentIndex().row(), 3);
    // Another copy, by the keyboard.
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Down);
    QCOMPARE(m_window->currentArticleId(), m_substituted);
    QCOMPARE(view->currentIndex().parent(), story);
}

QTEST_MAIN(CopiesWindowTest)
#include "copieswindow_test.moc"
