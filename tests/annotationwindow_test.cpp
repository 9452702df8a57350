#include "annotatedialog.h"
#include "annotationcontroller.h"
#include "articlehighlighter.h"
#include "documentlistmodel.h"
#include "guihelpers.h"
#include "historydialog.h"
#include "mainwindow.h"
#include "readerhelpers.h"
#include "readerview.h"
#include "tagfacetlist.h"
#include "testarticles.h"

#include <QAction>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Dossier;

// Highlighting passages in the real main window: select text in the reader, highlight it with a
// tag, see it stored and painted; undo and redo through the Edit menu's actions.
class AnnotationWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void highlightIsStoredPaintedAndUndoable();
    void overlappingHighlightsStayVisible();
    void removeHighlightUnderCursorAndUndo();
    void staleEditHighlightIsRefused();
    void tagArticleAndUndo();
    void tagFacetFiltersTheList();
    void articleHistoryListsItsPassagesAndTagsAndRestores();

private:
    void selectBody(qsizetype start, qsizetype end);
    QVariant propertyAt(qsizetype bodyOffset, int property) const;
    QAction *editAction(QKeySequence::StandardKey key) const;
    QList<Core::Annotation> stored() const;

    QTemporaryDir m_dir;
    QString m_libraryPath;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{
const QString body = QStringLiteral("The harbour board approved the new terminal on Monday. Its cost is forty million "
                                    "euros, the chair said, and work starts in spring.");
}

void AnnotationWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    m_libraryPath = m_dir.filePath(QStringLiteral("annotate.dossier"));
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    QVERIFY(library.articles().store(Test::makeArticle(QStringLiteral("harbour"), body)));
}

void AnnotationWindowTest::init()
{
    m_window = std::make_unique<Ui::MainWindow>();
    QVERIFY(m_window->openLibrary(m_libraryPath));
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    m_window->documentView()->setCurrentIndex(m_window->documentModel()->index(0, 0));
    QTRY_VERIFY(m_window->currentArticleId() >= 0);
}

void AnnotationWindowTest::cleanup()
{
    // Leave the fixture library as it was for the next test.
    Core::Library library(m_libraryPath);
    QVERIFY(library.open());
    const auto annotations = library.annotations().list();
    QVERIFY(annotations);
    for (const Core::Annotation &a : *annotations) {
        library.annotations().remove(a.id);
    }
    const auto tags = library.tags().all();
    QVERIFY(tags);
    for (const Core::Tag &tag : *tags) {
        library.tags().remove(tag.id);
    }
    m_window.reset();
}

void AnnotationWindowTest::selectBody(qsizetype start, qsizetype end)
{
    Ui::ReaderView *reader = m_window->reader();
    QTextCursor cursor(reader->document());
    cursor.setPosition(reader->bodyPosition(start));
    cursor.setPosition(reader->bodyPosition(end), QTextCursor::KeepAnchor);
    reader->textEdit()->setTextCursor(cursor);
}

QVariant AnnotationWindowTest::propertyAt(qsizetype bodyOffset, int property) const
{
    return Test::readerPropertyAt(m_window->reader(), bodyOffset, property);
}

QAction *AnnotationWindowTest::editAction(QKeySequence::StandardKey key) const
{
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->shortcut() == QKeySequence(key)) {
            return action;
        }
    }
    return nullptr;
}

QList<Core::Annotation> AnnotationWindowTest::stored() const
{
    const auto annotations = m_window->annotationController()->library()->annotations().list();
    return annotations.value_or(QList<Core::Annotation> {});
}

void AnnotationWindowTest::highlightIsStoredPaintedAndUndoable()
{
    const QString quote = QStringLiteral("forty million euros");
    const qsizetype start = body.indexOf(quote);
    // A selection with white space around it highlights the words only.
    selectBody(start - 1, start + quote.size());
    QVERIFY(m_window->highlightAction()->isEnabled());
    const qint64 id = m_window->highlightSelection({ QStringLiteral("Cost") }, QStringLiteral("check the budget"));
    QVERIFY(id >= 0);

    QCOMPARE(stored().size(), 1);
    const Core::Annotation a = stored().first();
    QCOMPARE(a.anchor.exact, quote);
    QCOMPARE(a.tags, QStringList { QStringLiteral("Cost") });
    QCOMPARE(a.note, QStringLiteral("check the budget"));
    // Painted over the whole quote, not beyond.
    QCOMPARE(propertyAt(start, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), id);
    QCOMPARE(propertyAt(start + quote.size() - 1, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), id);
    QVERIFY(!propertyAt(start - 2, Ui::ArticleHighlighter::AnnotationIdProperty).isValid());
    QVERIFY(!propertyAt(start + quote.size(), Ui::ArticleHighlighter::AnnotationIdProperty).isValid());
    const QColor tagColor(m_window->annotationController()->tags().first().color);
    QCOMPARE(propertyAt(start, Ui::ArticleHighlighter::AnnotationColorProperty).value<QColor>(), tagColor);

    QAction *undo = editAction(QKeySequence::Undo);
    QAction *redo = editAction(QKeySequence::Redo);
    QVERIFY(undo && redo);
    QVERIFY(undo->isEnabled());
    undo->trigger();
    QCOMPARE(stored().size(), 0);
    QVERIFY(!propertyAt(start, Ui::ArticleHighlighter::AnnotationIdProperty).isValid());

    QVERIFY(redo->isEnabled());
    redo->trigger();
    QCOMPARE(stored().size(), 1);
    QCOMPARE(stored().first().id, id); // the same annotation, back under its id
    QCOMPARE(stored().first().note, QStringLiteral("check the budget"));
    QCOMPARE(propertyAt(start, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), id);
}

void AnnotationWindowTest::overlappingHighlightsStayVisible()
{
    const qsizetype cost = body.indexOf(u"Its cost is forty million euros");
    const qsizetype euros = body.indexOf(u"million euros, the chair said");
    selectBody(cost, cost + 31);
    const qint64 outer = m_window->highlightSelection({ QStringLiteral("Cost") });
    selectBody(euros, euros + 29);
    const qint64 inner = m_window->highlightSelection({ QStringLiteral("Attribution") });
    QVERIFY(outer >= 0 && inner >= 0);
    // Only the outer one: its colour, no overlap mark.
    QCOMPARE(propertyAt(cost, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), outer);
    QCOMPARE(propertyAt(cost, Ui::ArticleHighlighter::OverlapProperty).toBool(), false);
    // Both: the inner one painted, the overlap marked.
    QCOMPARE(propertyAt(euros, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), inner);
    QCOMPARE(propertyAt(euros, Ui::ArticleHighlighter::OverlapProperty).toBool(), true);
    // Only the inner one again after the outer ends.
    QCOMPARE(propertyAt(euros + 20, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), inner);
    QCOMPARE(propertyAt(euros + 20, Ui::ArticleHighlighter::OverlapProperty).toBool(), false);
}

void AnnotationWindowTest::removeHighlightUnderCursorAndUndo()
{
    const qsizetype start = body.indexOf(u"work starts in spring");
    selectBody(start, start + 21);
    const qint64 id = m_window->highlightSelection();
    QVERIFY(id >= 0);
    // A bare cursor inside the highlight enables Remove.
    QTextCursor cursor(m_window->reader()->document());
    cursor.setPosition(m_window->reader()->bodyPosition(start + 5));
    m_window->reader()->textEdit()->setTextCursor(cursor);
    QVERIFY(m_window->removeHighlightAction()->isEnabled());
    m_window->removeHighlightAction()->trigger();
    QCOMPARE(stored().size(), 0);
    QVERIFY(!propertyAt(start + 5, Ui::ArticleHighlighter::AnnotationIdProperty).isValid());
    editAction(QKeySequence::Undo)->trigger();
    QCOMPARE(stored().size(), 1);
    QCOMPARE(propertyAt(start + 5, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), id);
}

void AnnotationWindowTest::staleEditHighlightIsRefused()
{
    const qsizetype start = body.indexOf(u"work starts in spring");
    selectBody(start, start + 21);
    const qint64 id = m_window->highlightSelection({}, QStringLiteral("mine"));
    QVERIFY(id >= 0);
    QTextCursor cursor(m_window->reader()->document());
    cursor.setPosition(m_window->reader()->bodyPosition(start + 5));
    m_window->reader()->textEdit()->setTextCursor(cursor);
    QAction *edit = nullptr;
    for (QAction *action : m_window->findChildren<QAction *>()) {
        if (action->text() == u"&Edit Highlight…") {
            edit = action;
        }
    }
    QVERIFY(edit && edit->isEnabled());
    // While the dialog is open, another window changes the note.
    QString warning;
    QString theirAuthor;
    Test::whenModal<Ui::AnnotateDialog>([&](Ui::AnnotateDialog *dialog) {
        Core::Library other(m_libraryPath);
        QVERIFY(other.open());
        theirAuthor = other.author();
        Core::Annotation theirs = *other.annotations().get(id);
        theirs.note = QStringLiteral("their words");
        QVERIFY(other.annotations().update(theirs, theirs.version));
        Test::whenModal<QMessageBox>([&warning](QMessageBox *box) {
            warning = box->text();
            box->accept();
        });
        dialog->setNote(QStringLiteral("my words"));
        dialog->setTags({ QStringLiteral("Mine") });
        dialog->accept();
    });
    edit->trigger();
    QTRY_VERIFY(!warning.isEmpty());
    QVERIFY2(warning.startsWith(theirAuthor + QStringLiteral(" changed this note at ")), qPrintable(warning));
    // Nothing of the stale edit was saved, nor put on the undo stack.
    QCOMPARE(stored().size(), 1);
    QCOMPARE(stored().first().note, QStringLiteral("their words"));
    QVERIFY(stored().first().tags.isEmpty());
    QCOMPARE(m_window->annotationController()->undoStack()->count(), 1); // the highlight itself
}

void AnnotationWindowTest::tagArticleAndUndo()
{
    Ui::AnnotationController *controller = m_window->annotationController();
    const qint64 article = m_window->currentArticleId();
    QVERIFY(controller->tagArticle(article, { QStringLiteral("Ports"), QStringLiteral("Follow up") }));
    QCOMPARE(*controller->library()->tags().ofArticle(article),
        (QStringList { QStringLiteral("Follow up"), QStringLiteral("Ports") }));
    editAction(QKeySequence::Undo)->trigger();
    QCOMPARE(*controller->library()->tags().ofArticle(article), QStringList());
    editAction(QKeySequence::Redo)->trigger();
    QCOMPARE(controller->library()->tags().ofArticle(article)->size(), 2);
    QVERIFY(controller->untagArticle(article, QStringLiteral("Ports")));
    QVERIFY(controller->untagArticle(article, QStringLiteral("Follow up")));
}

void AnnotationWindowTest::tagFacetFiltersTheList()
{
    Ui::AnnotationController *controller = m_window->annotationController();
    const qint64 article = m_window->currentArticleId();
    QVERIFY(controller->tagArticle(article, { QStringLiteral("Ports") }));
    QVERIFY(controller->createTag(QStringLiteral("Unused")));
    QListWidget *list = m_window->tagFacets()->list();
    QTRY_COMPARE(list->count(), 2);
    QCOMPARE(list->item(0)->text(), QStringLiteral("Ports (1)"));
    QCOMPARE(list->item(1)->text(), QStringLiteral("Unused (0)"));
    // The tags column shows the article's tags.
    QCOMPARE(
        m_window->documentModel()->index(0, Ui::DocumentListModel::Tags).data().toString(), QStringLiteral("Ports"));

    list->item(1)->setCheckState(Qt::Checked); // no document carries it
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 0);
    list = m_window->tagFacets()->list();
    m_window->tagFacets()->clearChecked();
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    m_window->tagFacets()->list()->item(0)->setCheckState(Qt::Checked);
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    m_window->tagFacets()->clearChecked();
    controller->undoStack()->undo(); // the new tag
    controller->undoStack()->undo(); // the article's tag
    QTRY_COMPARE(m_window->tagFacets()->list()->count(), 1);
    QCOMPARE(m_window->tagFacets()->list()->item(0)->text(), QStringLiteral("Ports (0)"));
}

void AnnotationWindowTest::articleHistoryListsItsPassagesAndTagsAndRestores()
{
    Ui::AnnotationController *controller = m_window->annotationController();
    const qint64 article = m_window->currentArticleId();
    const QString quote = QStringLiteral("forty million euros");
    selectBody(body.indexOf(quote), body.indexOf(quote) + quote.size());
    QVERIFY(m_window->highlightSelection({ QStringLiteral("Costs") }, QStringLiteral("check the figure")) >= 0);
    QVERIFY(controller->tagArticle(article, { QStringLiteral("Ports") }));
    QVERIFY(controller->untagArticle(article, QStringLiteral("Ports")));

    auto *action = m_window->findChild<QAction *>(QStringLiteral("articleHistoryAction"));
    QVERIFY(action);
    QVERIFY(action->isEnabled());
    action->trigger();
    auto *dialog = m_window->findChild<Ui::HistoryDialog *>();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("History of the Article"));
    QTreeWidget *versions = dialog->versions();
    // Newest first: the tag taken off, put on, then the passage's tag and the passage itself (in one
    // transaction, either order), each passage's change naming the passage.
    QVERIFY(versions->topLevelItemCount() >= 4);
    QCOMPARE(versions->topLevelItem(0)->text(2), QStringLiteral("Article tag “Ports” taken off"));
    QCOMPARE(versions->topLevelItem(1)->text(2), QStringLiteral("Article tagged “Ports”"));
    QStringList passage { versions->topLevelItem(2)->text(2), versions->topLevelItem(3)->text(2) };
    passage.sort();
    QCOMPARE(passage,
        QStringList({ QStringLiteral("Passage “forty million euros”: Highlighted, with the note “check the figure”"),
            QStringLiteral("Passage “forty million euros”: Tag “Costs” added") }));
    for (int row = 0; row < versions->topLevelItemCount(); ++row) {
        QVERIFY(!versions->topLevelItem(row)->text(0).isEmpty());
    }

    // Restoring the tag's putting on puts it back on the article, as a new change listed first.
    versions->setCurrentItem(versions->topLevelItem(1));
    dialog->restoreButton()->click();
    QVERIFY2(dialog->errorLabel()->isHidden(), qPrintable(dialog->errorLabel()->text()));
    QCOMPARE(*controller->library()->tags().ofArticle(article), QStringList({ QStringLiteral("Ports") }));
    QCOMPARE(versions->topLevelItem(0)->text(2), QStringLiteral("Article tagged “Ports”"));
    QTRY_COMPARE(
        m_window->documentModel()->index(0, Ui::DocumentListModel::Tags).data().toString(), QStringLiteral("Ports"));
    dialog->close();
    QVERIFY(controller->untagArticle(article, QStringLiteral("Ports")));
}

QTEST_MAIN(AnnotationWindowTest)
#include "annotationwindow_test.moc"
