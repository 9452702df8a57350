#include "annotationcontroller.h"
#include "annotationlistmodel.h"
#include "annotationspanel.h"
#include "guihelpers.h"
#include "historydialog.h"
#include "roles.h"
#include "store/library.h"
#include "store/librarysession.h"
#include "testarticles.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Dossier;
using Dossier::Test::bridgeBody;
using Dossier::Test::harbourBody;
using Dossier::Test::whenModal;
using Dossier::Test::whenPopupChoose;

class AnnotationsPanelTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void typingNarrowsTheRows();
    void tagArticleAndOrphanFiltersNarrowTheRows();
    void activatingARowEmitsItsIds();
    void deleteRemovesThroughTheControllerAndUndoRestores();
    void editNoteGoesThroughTheController();
    void followsControllerChanges();
    void authorFilterNarrowsToOnePersonsPassages();
    void historyListsVersionsAndRestoresOne();
    void staleNoteEditIsRefusedAndReloaded();
    void staleTagsEditIsRefused();
    void undoOfAnEditChangedSinceIsRefused();
    void hidesAndShowsHiddenPassages();

private:
    int rows() const { return m_panel->model()->rowCount(); }
    // Has \a other change the railings' note while the next input dialog is open, then types \a typed.
    void theyChangeTheNoteWhileTyping(Core::Library &other, const QString &typed);
    // The panel's error line, checked to be shown and to say who changed the note.
    QString conflictShown(const Core::Library &other) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Core::LibrarySession> m_session;
    Core::Library *m_library = nullptr; // the session's
    std::unique_ptr<Ui::AnnotationController> m_controller;
    std::unique_ptr<Ui::AnnotationsPanel> m_panel;
    qint64 m_harbour = -1;
    qint64 m_bridge = -1;
    qint64 m_railings = -1;
};

void AnnotationsPanelTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<Core::LibrarySession>();
    QVERIFY(m_session->open(m_dir->filePath(QStringLiteral("panel.dossier"))));
    m_library = m_session->library();
    QVERIFY(
        m_library->articles().store(Dossier::Test::makeArticle(QStringLiteral("harbour"), harbourBody), &m_harbour));
    QVERIFY(m_library->articles().store(Dossier::Test::makeArticle(QStringLiteral("bridge"), bridgeBody), &m_bridge));
    const auto annotate = [&](qint64 article, const QString &body, const QString &quote, const QStringList &tags,
                              const QString &note = {}) {
        const qsizetype at = body.indexOf(quote);
        const auto made = m_library->annotations().annotate(article, at, at + quote.size(), tags, note);
        return made ? made->id : qint64(-1);
    };
    m_railings = annotate(m_harbour, harbourBody, QStringLiteral("repaint the pier railings"),
        { QStringLiteral("Council") }, QStringLiteral("paint budget"));
    QVERIFY(m_railings > 0);
    QVERIFY(annotate(m_harbour, harbourBody, QStringLiteral("ferry timetable"), { QStringLiteral("Transport") }) > 0);
    QVERIFY(annotate(m_bridge, bridgeBody, QStringLiteral("closed to lorries"), { QStringLiteral("Transport") }) > 0);
    // The bridge report loses its first sentence: "closed to lorries" is orphaned.
    Core::Article changed
        = Dossier::Test::makeArticle(QStringLiteral("bridge"), QStringLiteral("Engineers test the cables."));
    changed.sha256 = "bridge-2";
    QVERIFY(m_library->articles().store(changed));

    m_controller = std::make_unique<Ui::AnnotationController>();
    m_controller->setSession(m_session.get());
    m_panel = std::make_unique<Ui::AnnotationsPanel>();
    m_panel->setController(m_controller.get());
    m_panel->resize(700, 400);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
    QCOMPARE(rows(), 3);
}

void AnnotationsPanelTest::cleanup()
{
    m_panel.reset();
    m_controller.reset();
    m_session.reset();
    m_library = nullptr;
}

void AnnotationsPanelTest::typingNarrowsTheRows()
{
    QTest::keyClicks(m_panel->filterField(), QStringLiteral("timeta"));
    // Debounced: the list is read once typing pauses.
    QTRY_COMPARE(rows(), 1);
    QCOMPARE(m_panel->model()->index(0, 0).data().toString(), QStringLiteral("ferry timetable"));
    m_panel->filterField()->clear();
    QTRY_COMPARE(rows(), 3);
    // Notes match too.
    QTest::keyClicks(m_panel->filterField(), QStringLiteral("BUDGET"));
    QTRY_COMPARE(rows(), 1);
    QCOMPARE(m_panel->model()->index(0, 0).data(Ui::AnnotationIdRole).toLongLong(), m_railings);
}

void AnnotationsPanelTest::tagArticleAndOrphanFiltersNarrowTheRows()
{
    QComboBox *tags = m_panel->tagFilter();
    QCOMPARE(tags->itemText(0), QStringLiteral("All tags"));
    const int transport = tags->findText(QStringLiteral("Transport"));
    QVERIFY(transport > 0);
    QVERIFY(!tags->itemIcon(transport).isNull());
    tags->setCurrentIndex(transport);
    Q_EMIT tags->activated(transport);
    QCOMPARE(rows(), 2);

    m_panel->setCurrentArticle(m_harbour);
    m_panel->thisArticleOnly()->setChecked(true);
    QCOMPARE(rows(), 1);
    m_panel->setCurrentArticle(m_bridge);
    QCOMPARE(rows(), 1);
    QCOMPARE(m_panel->model()->index(0, 0).data(Ui::ArticleIdRole).toLongLong(), m_bridge);
    m_panel->setCurrentArticle(-1);
    QCOMPARE(rows(), 0);
    m_panel->thisArticleOnly()->setChecked(false);
    tags->setCurrentIndex(0);
    Q_EMIT tags->activated(0);
    QCOMPARE(rows(), 3);

    m_panel->orphanedOnly()->setChecked(true);
    QCOMPARE(rows(), 1);
    QCOMPARE(m_panel->model()->index(0, Ui::AnnotationListModel::State).data().toString(), QStringLiteral("orphaned"));
}

void AnnotationsPanelTest::activatingARowEmitsItsIds()
{
    QSignalSpy activated(m_panel.get(), &Ui::AnnotationsPanel::annotationActivated);
    QTableView *view = m_panel->view();
    const int row = m_panel->model()->rowOfAnnotation(m_railings);
    const QModelIndex index = m_panel->model()->index(row, Ui::AnnotationListModel::Quote);

    // A click.
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, view->visualRect(index).center());
    QCOMPARE(activated.size(), 1);
    QCOMPARE(activated.first().at(0).toLongLong(), m_harbour);
    QCOMPARE(activated.first().at(1).toLongLong(), m_railings);
    QCOMPARE(m_panel->currentAnnotation(), m_railings);

    // Enter on another row.
    const QModelIndex other = m_panel->model()->index(row == 0 ? 1 : 0, Ui::AnnotationListModel::Quote);
    view->setCurrentIndex(other);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Return);
    QCOMPARE(activated.size(), 2);
    QCOMPARE(activated.last().at(1).toLongLong(), other.data(Ui::AnnotationIdRole).toLongLong());
    QCOMPARE(activated.last().at(0).toLongLong(), other.data(Ui::ArticleIdRole).toLongLong());

    // selectAnnotation() moves the current row without announcing it.
    m_panel->selectAnnotation(m_railings);
    QCOMPARE(m_panel->currentAnnotation(), m_railings);
    QCOMPARE(activated.size(), 2);
}

void AnnotationsPanelTest::deleteRemovesThroughTheControllerAndUndoRestores()
{
    QTableView *view = m_panel->view();
    m_panel->selectAnnotation(m_railings);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_Delete);
    QTRY_COMPARE(rows(), 2);
    QVERIFY(!m_library->annotations().get(m_railings));
    QCOMPARE(m_panel->model()->rowOfAnnotation(m_railings), -1);
    QCOMPARE(m_controller->undoStack()->count(), 1);

    m_controller->undoStack()->undo();
    QTRY_COMPARE(rows(), 3);
    QVERIFY(m_library->annotations().get(m_railings));
    QVERIFY(m_panel->model()->rowOfAnnotation(m_railings) >= 0);

    // Several rows at once are one undo step.
    view->selectAll();
    m_panel->removeSelected();
    QTRY_COMPARE(rows(), 0);
    QCOMPARE(m_library->annotations().list()->size(), 0);
    m_controller->undoStack()->undo();
    QTRY_COMPARE(rows(), 3);
}

void AnnotationsPanelTest::editNoteGoesThroughTheController()
{
    m_panel->selectAnnotation(m_railings);
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        QCOMPARE(dialog->textValue(), QStringLiteral("paint budget"));
        dialog->setTextValue(QStringLiteral("ask the treasurer"));
        dialog->accept();
    });
    m_panel->editNote();
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("ask the treasurer"));
    const int row = m_panel->model()->rowOfAnnotation(m_railings);
    QTRY_COMPARE(m_panel->model()->index(row, Ui::AnnotationListModel::Note).data().toString(),
        QStringLiteral("ask the treasurer"));
    m_controller->undoStack()->undo();
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("paint budget"));
    QTRY_COMPARE(
        m_panel->model()->index(row, Ui::AnnotationListModel::Note).data().toString(), QStringLiteral("paint budget"));

    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("Council, Works , council"));
        dialog->accept();
    });
    m_panel->editTags();
    QCOMPARE(m_library->annotations().get(m_railings)->tags,
        QStringList({ QStringLiteral("Council"), QStringLiteral("Works") }));
    // The new tag reaches the tag filter.
    QTRY_VERIFY(m_panel->tagFilter()->findText(QStringLiteral("Works")) > 0);
}

void AnnotationsPanelTest::followsControllerChanges()
{
    // A highlight made elsewhere (the reader) shows up.
    const qsizetype at = harbourBody.indexOf(QStringLiteral("before summer"));
    QVERIFY(m_controller->annotate(m_harbour, at, at + 13, { QStringLiteral("Dates") }) > 0);
    QTRY_COMPARE(rows(), 4);
    QTRY_VERIFY(m_panel->tagFilter()->findText(QStringLiteral("Dates")) > 0);

    // Filtering by a tag that is then renamed keeps filtering by it.
    QComboBox *tags = m_panel->tagFilter();
    const int council = tags->findText(QStringLiteral("Council"));
    tags->setCurrentIndex(council);
    Q_EMIT tags->activated(council);
    QCOMPARE(rows(), 1);
    qint64 councilId = -1;
    for (const Core::Tag &tag : m_controller->tags()) {
        if (tag.name == QLatin1String("Council")) {
            councilId = tag.id;
        }
    }
    QVERIFY(m_controller->renameTag(councilId, QStringLiteral("Town council")));
    QTRY_COMPARE(tags->currentText(), QStringLiteral("Town council"));
    QCOMPARE(rows(), 1);
    QVERIFY(m_controller->removeTag(councilId));
    QTRY_COMPARE(tags->currentIndex(), 0);
    QCOMPARE(rows(), 4);
}

void AnnotationsPanelTest::authorFilterNarrowsToOnePersonsPassages()
{
    // One author (a personal library): nothing to choose between.
    QVERIFY(m_panel->authorFilter()->isHidden());
    QCOMPARE(rows(), 3);
    // Someone else writes in the same file.
    qputenv("DOSSIER_AUTHOR", "Ben Okafor");
    const auto unset = qScopeGuard([] { qunsetenv("DOSSIER_AUTHOR"); });
    {
        Core::Library ben(m_dir->filePath(QStringLiteral("panel.dossier")));
        QVERIFY(ben.open());
        const qsizetype at = harbourBody.indexOf(u"ferry");
        QVERIFY2(ben.annotations().annotate(m_harbour, at, at + 5), qPrintable(ben.errorString()));
    }
    m_panel->refresh();
    QCOMPARE(rows(), 4);
    QComboBox *authors = m_panel->authorFilter();
    QVERIFY(!authors->isHidden());
    QCOMPARE(authors->count(), 3);
    const int benIndex = authors->findText(QStringLiteral("Ben Okafor"));
    QVERIFY(benIndex > 0);
    authors->setCurrentIndex(benIndex);
    Q_EMIT authors->activated(benIndex);
    QCOMPARE(rows(), 1);
    QCOMPARE(
        m_panel->model()->index(0, Ui::AnnotationListModel::Author).data().toString(), QStringLiteral("Ben Okafor"));
    authors->setCurrentIndex(0);
    Q_EMIT authors->activated(0);
    QCOMPARE(rows(), 4);
}

void AnnotationsPanelTest::historyListsVersionsAndRestoresOne()
{
    m_panel->selectAnnotation(m_railings);
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("ask the treasurer"));
        dialog->accept();
    });
    m_panel->editNote();
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("ask the treasurer"));

    // Its context menu's History… lists the passage's versions, newest first.
    const QModelIndex index = m_panel->model()->index(m_panel->model()->rowOfAnnotation(m_railings), 0);
    whenPopupChoose(QStringLiteral("History…"));
    Q_EMIT m_panel->view()->customContextMenuRequested(m_panel->view()->visualRect(index).center());
    Ui::HistoryDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_panel->findChild<Ui::HistoryDialog *>()) != nullptr);
    QVERIFY(QTest::qWaitForWindowExposed(dialog));
    QTreeWidget *versions = dialog->versions();
    QCOMPARE(versions->topLevelItemCount(), 3);
    QCOMPARE(versions->topLevelItem(0)->text(0), m_library->author());
    QCOMPARE(versions->topLevelItem(0)->text(2), QStringLiteral("Note: “paint budget” → “ask the treasurer”"));
    QCOMPARE(versions->topLevelItem(1)->text(2), QStringLiteral("Tag “Council” added"));
    QCOMPARE(versions->topLevelItem(2)->text(2), QStringLiteral("Highlighted, with the note “paint budget”"));
    QVERIFY(!versions->topLevelItem(2)->text(1).isEmpty());

    // Restore This Version on the first one: the note comes back, as a new change listed on top.
    versions->setCurrentItem(versions->topLevelItem(2));
    QVERIFY(dialog->restoreButton()->isEnabled());
    QTest::mouseClick(dialog->restoreButton(), Qt::LeftButton);
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("paint budget"));
    QCOMPARE(versions->topLevelItemCount(), 4);
    QCOMPARE(versions->topLevelItem(0)->text(2), QStringLiteral("Note: “ask the treasurer” → “paint budget”"));
    QVERIFY(dialog->errorLabel()->isHidden());
    const int row = m_panel->model()->rowOfAnnotation(m_railings);
    QTRY_COMPARE(
        m_panel->model()->index(row, Ui::AnnotationListModel::Note).data().toString(), QStringLiteral("paint budget"));
    dialog->close();
}

void AnnotationsPanelTest::theyChangeTheNoteWhileTyping(Core::Library &other, const QString &typed)
{
    whenModal<QInputDialog>([&other, typed, this](QInputDialog *dialog) {
        Core::Annotation theirs = *other.annotations().get(m_railings);
        theirs.note = QStringLiteral("their words");
        QVERIFY(other.annotations().update(theirs, theirs.version));
        dialog->setTextValue(typed);
        dialog->accept();
    });
}

QString AnnotationsPanelTest::conflictShown(const Core::Library &other) const
{
    for (QLabel *label : m_panel->findChildren<QLabel *>()) {
        if (label->accessibleName() == u"Annotations error") {
            // Empty (and the test fails) unless it is shown saying who changed the note.
            const bool says = label->isVisible()
                && label->text().startsWith(other.author() + QStringLiteral(" changed this note at "));
            if (!says) {
                qWarning("error line: %s", qPrintable(label->text()));
            }
            return says ? label->text() : QString();
        }
    }
    return {};
}

void AnnotationsPanelTest::staleNoteEditIsRefusedAndReloaded()
{
    m_panel->selectAnnotation(m_railings);
    const QString location = m_dir->filePath(QStringLiteral("panel.dossier"));
    Core::Library other(location);
    QVERIFY(other.open());
    // While the note is being written, another window changes it.
    theyChangeTheNoteWhileTyping(other, QStringLiteral("my words"));
    m_panel->editNote();
    // Nothing was overwritten; the panel says who changed it and shows their note.
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("their words"));
    QVERIFY(conflictShown(other).endsWith(QStringLiteral(" — reload")));
    const int row = m_panel->model()->rowOfAnnotation(m_railings);
    QTRY_COMPARE(
        m_panel->model()->index(row, Ui::AnnotationListModel::Note).data().toString(), QStringLiteral("their words"));
    QCOMPARE(m_controller->undoStack()->count(), 0);
}

void AnnotationsPanelTest::staleTagsEditIsRefused()
{
    m_panel->selectAnnotation(m_railings);
    Core::Library other(m_dir->filePath(QStringLiteral("panel.dossier")));
    QVERIFY(other.open());
    // While the tags are being typed, another window changes the note.
    theyChangeTheNoteWhileTyping(other, QStringLiteral("Council, Budget"));
    m_panel->editTags();
    const Core::Annotation now = *m_library->annotations().get(m_railings);
    QCOMPARE(now.tags, QStringList { QStringLiteral("Council") });
    QCOMPARE(now.note, QStringLiteral("their words"));
    QVERIFY(!conflictShown(other).isEmpty());
    QCOMPARE(m_controller->undoStack()->count(), 0);
}

void AnnotationsPanelTest::undoOfAnEditChangedSinceIsRefused()
{
    m_panel->selectAnnotation(m_railings);
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("my words"));
        dialog->accept();
    });
    m_panel->editNote();
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("my words"));
    QCOMPARE(m_controller->undoStack()->count(), 1);
    // Someone changes its tags after the edit: undoing it would overwrite them, so it is refused.
    Core::Library other(m_dir->filePath(QStringLiteral("panel.dossier")));
    QVERIFY(other.open());
    Core::Annotation theirs = *other.annotations().get(m_railings);
    theirs.tags = { QStringLiteral("Council"), QStringLiteral("Paint") };
    QVERIFY(other.annotations().update(theirs, theirs.version));
    QSignalSpy errors(m_controller.get(), &Ui::AnnotationController::errorOccurred);
    m_controller->undoStack()->undo();
    QCOMPARE(errors.size(), 1);
    QVERIFY2(errors.front().front().toString().contains(QStringLiteral(" changed this note at ")),
        qPrintable(errors.front().front().toString()));
    QCOMPARE(m_controller->lastErrorKind(), Core::StoreError::Kind::Conflict);
    const Core::Annotation now = *m_library->annotations().get(m_railings);
    QCOMPARE(now.note, QStringLiteral("my words"));
    QCOMPARE(now.tags, theirs.tags);
}

void AnnotationsPanelTest::hidesAndShowsHiddenPassages()
{
    const int before = rows();
    m_panel->selectAnnotation(m_railings);
    QAction *hide = m_panel->hideAction();
    QVERIFY(hide->isEnabled());
    QCOMPARE(hide->text(), QStringLiteral("Hide"));
    hide->trigger();
    QVERIFY(m_library->annotations().get(m_railings)->hidden);
    // Its text is kept; it leaves the list until hidden ones are asked for.
    QCOMPARE(m_library->annotations().get(m_railings)->note, QStringLiteral("paint budget"));
    QTRY_COMPARE(rows(), before - 1);
    QCOMPARE(m_panel->model()->rowOfAnnotation(m_railings), -1);
    m_panel->showHidden()->setChecked(true);
    QTRY_COMPARE(rows(), before);
    const int row = m_panel->model()->rowOfAnnotation(m_railings);
    QVERIFY(row >= 0);
    QCOMPARE(m_panel->model()->index(row, Ui::AnnotationListModel::State).data().toString(),
        QStringLiteral("anchored, hidden"));
    m_panel->selectAnnotation(m_railings);
    QCOMPARE(hide->text(), QStringLiteral("Show Again"));
    hide->trigger();
    QVERIFY(!m_library->annotations().get(m_railings)->hidden);
    QTRY_COMPARE(m_panel->model()
                     ->index(m_panel->model()->rowOfAnnotation(m_railings), Ui::AnnotationListModel::State)
                     .data()
                     .toString(),
        QStringLiteral("anchored"));
    // Undoable: the undo hides it again.
    m_controller->undoStack()->undo();
    QVERIFY(m_library->annotations().get(m_railings)->hidden);
    m_panel->showHidden()->setChecked(false);
    QTRY_COMPARE(rows(), before - 1);
}

QTEST_MAIN(AnnotationsPanelTest)
#include "annotationspanel_test.moc"
