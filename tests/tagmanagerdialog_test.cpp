#include "annotationcontroller.h"
#include "guihelpers.h"
#include "historydialog.h"
#include "store/library.h"
#include "store/librarysession.h"
#include "tagmanagerdialog.h"
#include "testarticles.h"

#include <QApplication>
#include <QColorDialog>
#include <QInputDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTreeWidget>
#include <QUndoStack>

using namespace Dossier;
using Dossier::Test::bridgeBody;
using Dossier::Test::harbourBody;
using Dossier::Test::whenModal;

class TagManagerDialogTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void listsTheCodebookWithCounts();
    void createsATag();
    void renames();
    void renameClashIsShownNotSwallowed();
    void recolours();
    void mergesIntoAnotherTag();
    void deletesAfterConfirmation();
    void cancelledDeleteKeepsTheTag();
    void staleEditIsRefusedAndShown_data();
    void staleEditIsRefusedAndShown();
    void historyListsTheCodebooksChangesAndRestores_data();
    void historyListsTheCodebooksChangesAndRestores();

private:
    qint64 tagId(const QString &name) const;
    QStringList tagNames() const;
    QTreeWidgetItem *item(const QString &name) const;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<Core::LibrarySession> m_session;
    Core::Library *m_library = nullptr; // the session's
    std::unique_ptr<Ui::AnnotationController> m_controller;
    std::unique_ptr<Ui::TagManagerDialog> m_dialog;
};

qint64 TagManagerDialogTest::tagId(const QString &name) const
{
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        if (tag.name == name) {
            return tag.id;
        }
    }
    return -1;
}

QStringList TagManagerDialogTest::tagNames() const
{
    QStringList names;
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        names.append(tag.name);
    }
    return names;
}

QTreeWidgetItem *TagManagerDialogTest::item(const QString &name) const
{
    const auto found = m_dialog->tagList()->findItems(name, Qt::MatchExactly, Ui::TagManagerDialog::Name);
    return found.isEmpty() ? nullptr : found.first();
}

void TagManagerDialogTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_session = std::make_unique<Core::LibrarySession>();
    QVERIFY(m_session->open(m_dir->filePath(QStringLiteral("tags.dossier"))));
    m_library = m_session->library();
    qint64 harbour = -1;
    qint64 bridge = -1;
    QVERIFY(m_library->articles().store(Dossier::Test::makeArticle(QStringLiteral("harbour"), harbourBody), &harbour));
    QVERIFY(m_library->articles().store(Dossier::Test::makeArticle(QStringLiteral("bridge"), bridgeBody), &bridge));
    const auto annotate = [&](qint64 article, const QString &body, const QString &quote, const QStringList &tags) {
        const qsizetype at = body.indexOf(quote);
        QVERIFY(m_library->annotations().annotate(article, at, at + quote.size(), tags));
    };
    annotate(harbour, harbourBody, QStringLiteral("repaint the pier railings"), { QStringLiteral("Council") });
    annotate(harbour, harbourBody, QStringLiteral("ferry timetable"), { QStringLiteral("Transport") });
    annotate(bridge, bridgeBody, QStringLiteral("closed to lorries"),
        { QStringLiteral("Transport"), QStringLiteral("Safety") });
    QVERIFY(m_library->tags().tagArticle(harbour, { QStringLiteral("Transport") }));
    QVERIFY(m_library->tags().tagArticle(bridge, { QStringLiteral("Transport"), QStringLiteral("Safety") }));

    m_controller = std::make_unique<Ui::AnnotationController>();
    m_controller->setSession(m_session.get());
    m_dialog = std::make_unique<Ui::TagManagerDialog>(m_controller.get());
    m_dialog->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
}

void TagManagerDialogTest::cleanup()
{
    m_dialog.reset();
    m_controller.reset();
    m_session.reset();
    m_library = nullptr;
}

void TagManagerDialogTest::listsTheCodebookWithCounts()
{
    QTreeWidget *list = m_dialog->tagList();
    QCOMPARE(list->topLevelItemCount(), 3);
    QCOMPARE(list->topLevelItem(0)->text(Ui::TagManagerDialog::Name), QStringLiteral("Council"));
    QTreeWidgetItem *transport = item(QStringLiteral("Transport"));
    QVERIFY(transport);
    QCOMPARE(transport->text(Ui::TagManagerDialog::Articles), QStringLiteral("2"));
    QCOMPARE(transport->text(Ui::TagManagerDialog::Passages), QStringLiteral("2"));
    QVERIFY(!transport->icon(Ui::TagManagerDialog::Name).isNull());
    QCOMPARE(item(QStringLiteral("Council"))->text(Ui::TagManagerDialog::Articles), QStringLiteral("0"));
}

void TagManagerDialogTest::createsATag()
{
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("  Leads  "));
        dialog->accept();
    });
    m_dialog->newTag();
    QVERIFY(tagNames().contains(QStringLiteral("Leads")));
    QTRY_VERIFY(item(QStringLiteral("Leads")));
    QCOMPARE(m_dialog->currentTag(), tagId(QStringLiteral("Leads")));
    QVERIFY(m_dialog->errorText().isEmpty());

    // An existing name (in any case) is an error, and nothing is added.
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("leads"));
        dialog->accept();
    });
    m_dialog->newTag();
    QCOMPARE(tagNames().size(), 4);
    QVERIFY(m_dialog->errorText().contains(QLatin1String("already exists")));
}

void TagManagerDialogTest::renames()
{
    const qint64 council = tagId(QStringLiteral("Council"));
    m_dialog->selectTag(council);
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        QCOMPARE(dialog->textValue(), QStringLiteral("Council"));
        dialog->setTextValue(QStringLiteral("Town council"));
        dialog->accept();
    });
    m_dialog->renameCurrent();
    QCOMPARE(tagNames(),
        QStringList({ QStringLiteral("Safety"), QStringLiteral("Town council"), QStringLiteral("Transport") }));
    QCOMPARE(tagId(QStringLiteral("Town council")), council);
    QTRY_VERIFY(item(QStringLiteral("Town council")));
    QVERIFY(!item(QStringLiteral("Council")));
    QCOMPARE(m_dialog->currentTag(), council);
    QVERIFY(m_dialog->errorText().isEmpty());

    // Undoable through the controller.
    m_controller->undoStack()->undo();
    QVERIFY(tagNames().contains(QStringLiteral("Council")));
    QTRY_VERIFY(item(QStringLiteral("Council")));
}

void TagManagerDialogTest::renameClashIsShownNotSwallowed()
{
    m_dialog->selectTag(tagId(QStringLiteral("Transport")));
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        dialog->setTextValue(QStringLiteral("safety"));
        dialog->accept();
    });
    m_dialog->renameCurrent();
    QVERIFY2(m_dialog->errorText().contains(QLatin1String("safety")), qPrintable(m_dialog->errorText()));
    QCOMPARE(
        tagNames(), QStringList({ QStringLiteral("Council"), QStringLiteral("Safety"), QStringLiteral("Transport") }));
    QCOMPARE(m_controller->undoStack()->count(), 0);
}

void TagManagerDialogTest::recolours()
{
    const qint64 safety = tagId(QStringLiteral("Safety"));
    m_dialog->selectTag(safety);
    whenModal<QColorDialog>([](QColorDialog *dialog) {
        dialog->setCurrentColor(QColor(QStringLiteral("#123456")));
        dialog->accept();
    });
    m_dialog->recolourCurrent();
    QString color;
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        if (tag.id == safety) {
            color = tag.color;
        }
    }
    QCOMPARE(color, QStringLiteral("#123456"));
    QTRY_COMPARE(item(QStringLiteral("Safety"))->data(Ui::TagManagerDialog::Name, Qt::UserRole + 1).toString(),
        QStringLiteral("#123456"));
}

void TagManagerDialogTest::mergesIntoAnotherTag()
{
    const qint64 transport = tagId(QStringLiteral("Transport"));
    m_dialog->selectTag(tagId(QStringLiteral("Council")));
    whenModal<QInputDialog>([](QInputDialog *dialog) {
        QCOMPARE(dialog->comboBoxItems(), QStringList({ QStringLiteral("Safety"), QStringLiteral("Transport") }));
        dialog->setTextValue(QStringLiteral("Transport"));
        dialog->accept();
    });
    m_dialog->mergeCurrent();
    QCOMPARE(tagNames(), QStringList({ QStringLiteral("Safety"), QStringLiteral("Transport") }));
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        if (tag.id == transport) {
            QCOMPARE(tag.annotations, 3);
        }
    }
    QTRY_COMPARE(m_dialog->tagList()->topLevelItemCount(), 2);
    QCOMPARE(m_dialog->currentTag(), transport);
    QCOMPARE(item(QStringLiteral("Transport"))->text(Ui::TagManagerDialog::Passages), QStringLiteral("3"));
    m_controller->undoStack()->undo();
    QCOMPARE(tagNames().size(), 3);
}

void TagManagerDialogTest::deletesAfterConfirmation()
{
    m_dialog->selectTag(tagId(QStringLiteral("Transport")));
    QString asked;
    whenModal<QMessageBox>([&asked](QMessageBox *box) {
        asked = box->text() + QLatin1Char(' ') + box->informativeText();
        box->button(QMessageBox::Yes)->click();
    });
    m_dialog->deleteCurrent();
    // The confirmation says what is lost.
    QVERIFY2(asked.contains(QLatin1String("Transport")), qPrintable(asked));
    QVERIFY2(asked.contains(QLatin1String("2 article")), qPrintable(asked));
    QVERIFY2(asked.contains(QLatin1String("2 passage")), qPrintable(asked));
    QCOMPARE(tagNames(), QStringList({ QStringLiteral("Council"), QStringLiteral("Safety") }));
    QTRY_COMPARE(m_dialog->tagList()->topLevelItemCount(), 2);
    m_controller->undoStack()->undo();
    QCOMPARE(
        tagNames(), QStringList({ QStringLiteral("Council"), QStringLiteral("Safety"), QStringLiteral("Transport") }));
    QTRY_COMPARE(m_dialog->tagList()->topLevelItemCount(), 3);
}

void TagManagerDialogTest::cancelledDeleteKeepsTheTag()
{
    m_dialog->selectTag(tagId(QStringLiteral("Safety")));
    whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Cancel)->click(); });
    m_dialog->deleteCurrent();
    QCOMPARE(tagNames().size(), 3);
    QCOMPARE(m_controller->undoStack()->count(), 0);
}

void TagManagerDialogTest::staleEditIsRefusedAndShown_data()
{
    QTest::addColumn<QString>("edit");
    for (const char *edit : { "rename", "recolour", "merge", "delete" }) {
        QTest::newRow(edit) << QString::fromLatin1(edit);
    }
}

void TagManagerDialogTest::staleEditIsRefusedAndShown()
{
    QFETCH(QString, edit);
    m_session->setPollInterval(0); // the window has not heard of the colleague's change yet
    const qint64 council = tagId(QStringLiteral("Council"));
    m_dialog->selectTag(council);
    QString colleague;
    {
        Core::Library other(m_dir->filePath(QStringLiteral("tags.dossier")));
        QVERIFY(other.open());
        QVERIFY(other.tags().rename(council, QStringLiteral("Town council")));
        colleague = other.author();
    }
    QVERIFY(item(QStringLiteral("Council"))); // what the user still sees

    if (edit == u"rename") {
        whenModal<QInputDialog>([](QInputDialog *dialog) {
            dialog->setTextValue(QStringLiteral("Parish council"));
            dialog->accept();
        });
        m_dialog->renameCurrent();
    } else if (edit == u"recolour") {
        whenModal<QColorDialog>([](QColorDialog *dialog) {
            dialog->setCurrentColor(QColor(QStringLiteral("#123456")));
            dialog->accept();
        });
        m_dialog->recolourCurrent();
    } else if (edit == u"merge") {
        whenModal<QInputDialog>([](QInputDialog *dialog) {
            dialog->setTextValue(QStringLiteral("Transport"));
            dialog->accept();
        });
        m_dialog->mergeCurrent();
    } else {
        whenModal<QMessageBox>([](QMessageBox *box) { box->button(QMessageBox::Yes)->click(); });
        m_dialog->deleteCurrent();
    }
    const QString error = m_dialog->errorText();
    QVERIFY2(error.startsWith(colleague + QStringLiteral(" changed this tag at ")), qPrintable(error));
    QVERIFY2(error.endsWith(QStringLiteral(" — reload")), qPrintable(error));
    QCOMPARE(m_controller->lastErrorKind(), Core::StoreError::Kind::Conflict);
    QCOMPARE(m_controller->undoStack()->count(), 0);
    // Nothing of the stale edit was written.
    QCOMPARE(tagNames(),
        QStringList({ QStringLiteral("Safety"), QStringLiteral("Town council"), QStringLiteral("Transport") }));
    for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
        if (tag.id == council) {
            QCOMPARE(tag.annotations, 1);
            QVERIFY(tag.color != QStringLiteral("#123456"));
        } else if (tag.name == u"Transport") {
            QCOMPARE(tag.annotations, 2);
        }
    }
    // The dialog shows the codebook as the colleague left it, the tag still chosen.
    QVERIFY(item(QStringLiteral("Town council")));
    QVERIFY(!item(QStringLiteral("Council")));
    QCOMPARE(m_dialog->currentTag(), council);
    QCOMPARE(m_dialog->errorText(), error);
}

void TagManagerDialogTest::historyListsTheCodebooksChangesAndRestores_data()
{
    QTest::addColumn<QString>("change"); // made to the codebook before History… opens
    QTest::addColumn<QString>("described"); // the history's newest row
    QTest::addColumn<QString>("restored"); // the row restored
    QTest::addColumn<QString>("tag"); // the tag then listed (a recoloured one: with its first colour)

    QTest::newRow("a rename taken back") << QStringLiteral("rename")
                                         << QStringLiteral("Tag “Council” renamed “Town council”")
                                         << QStringLiteral("Tag “Council” made") << QStringLiteral("Council");
    QTest::newRow("a recolour taken back")
        << QStringLiteral("recolour") << QStringLiteral("Tag “Safety” recoloured %1 → #123456")
        << QStringLiteral("Tag “Safety” made") << QStringLiteral("Safety");
    QTest::newRow("a removed tag made again")
        << QStringLiteral("remove") << QStringLiteral("Tag “Transport” removed")
        << QStringLiteral("Tag “Transport” removed") << QStringLiteral("Transport");
}

void TagManagerDialogTest::historyListsTheCodebooksChangesAndRestores()
{
    QFETCH(QString, change);
    QFETCH(QString, described);
    QFETCH(QString, restored);
    QFETCH(QString, tag);

    const auto colorOf = [this](const QString &name) {
        for (const Core::Tag &tag : m_library->tags().all().value_or(QList<Core::Tag>())) {
            if (tag.name == name) {
                return tag.color;
            }
        }
        return QString();
    };
    const QString safetyColor = colorOf(QStringLiteral("Safety"));
    if (change == u"rename") {
        QVERIFY(m_library->tags().rename(tagId(QStringLiteral("Council")), QStringLiteral("Town council")));
    } else if (change == u"recolour") {
        QVERIFY(m_library->tags().setColor(tagId(QStringLiteral("Safety")), QStringLiteral("#123456")));
        described = described.arg(safetyColor);
    } else {
        QVERIFY(m_library->tags().remove(tagId(QStringLiteral("Transport"))));
    }
    m_dialog->refresh();

    QPushButton *history = nullptr;
    for (QPushButton *button : m_dialog->findChildren<QPushButton *>()) {
        if (button->accessibleName() == u"History of the tags") {
            history = button;
        }
    }
    QVERIFY(history && history->isEnabled());
    history->click();
    auto *dialog = m_dialog->findChild<Ui::HistoryDialog *>();
    QVERIFY(dialog);
    QVERIFY(dialog->isVisible());
    QCOMPARE(dialog->windowTitle(), QStringLiteral("History of the Tags"));
    QTreeWidget *versions = dialog->versions();
    // Every tag's making (three, by the annotations of init()), then the change, newest first; no
    // passage's or article's change.
    QCOMPARE(versions->topLevelItemCount(), 4);
    QCOMPARE(versions->topLevelItem(0)->text(2), described);
    QStringList made;
    for (int row = 1; row < versions->topLevelItemCount(); ++row) {
        made.append(versions->topLevelItem(row)->text(2));
    }
    made.sort();
    QCOMPARE(made,
        QStringList({ QStringLiteral("Tag “Council” made"), QStringLiteral("Tag “Safety” made"),
            QStringLiteral("Tag “Transport” made") }));

    const auto rows = versions->findItems(restored, Qt::MatchExactly, 2);
    QCOMPARE(rows.size(), 1);
    versions->setCurrentItem(rows.first());
    QVERIFY(dialog->restoreButton()->isEnabled());
    dialog->restoreButton()->click();
    QVERIFY2(dialog->errorLabel()->isHidden(), qPrintable(dialog->errorLabel()->text()));
    QVERIFY(tagNames().contains(tag));
    if (change == u"recolour") {
        QCOMPARE(colorOf(QStringLiteral("Safety")), safetyColor);
    }
    // The codebook lists it again, and the history shows the restoration as the newest change.
    QTRY_VERIFY(item(tag));
    QCOMPARE(versions->topLevelItemCount(), 5);
    QVERIFY(versions->topLevelItem(0)->text(2) != described);
}

QTEST_MAIN(TagManagerDialogTest)
#include "tagmanagerdialog_test.moc"
