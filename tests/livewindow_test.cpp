// Live updates in the window (issue 17): the main window on a team library of a throwaway
// PostgreSQL server (tests/pgserver.h), and a colleague writing to the same library through a
// connection of their own (what their window or dossier-cli does). What the colleague commits
// reaches the open window through the server's notices, without polling.

#include "annotationlistmodel.h"
#include "annotationspanel.h"
#include "articlehighlighter.h"
#include "documentlistmodel.h"
#include "entityfacetmodel.h"
#include "entitysidebar.h"
#include "mainwindow.h"
#include "readerhelpers.h"
#include "readerview.h"
#include "store/librarysession.h"
#include "teamhelpers.h"
#include "testarticles.h"
#include "translations.h"
#include "windowhelpers.h"

#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>

#include <memory>

using namespace Dossier;

class LiveWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void colleaguesHighlightAppears();
    void colleaguesImportGrowsTheList();
    void colleaguesTagShowsInItsRow();

private:
    QString url() const { return Dossier::Test::libraryUrl(*m_server, m_database); }
    // The reader's property \a property at \a bodyOffset of the open article's body.
    QVariant propertyAt(qsizetype bodyOffset, int property) const
    {
        return Test::readerPropertyAt(m_window->reader(), bodyOffset, property);
    }

    std::unique_ptr<Test::PgServer> m_server;
    QString m_database;
    int m_count = 0;
    std::unique_ptr<Core::Library> m_colleague;
    qint64 m_harbour = -1;
    std::unique_ptr<Ui::MainWindow> m_window;
};

namespace
{
const QString harbourBody = QStringLiteral(
    "Aiko Tanabe said the harbour board approved the new ferry terminal on Monday. Its cost is forty million euros.");
} // namespace

void LiveWindowTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(Core::installTranslator(QLocale(QLocale::English)));
    QString why;
    m_server = Test::startServer(&why);
    QVERIFY2(m_server, qPrintable(why));
}

void LiveWindowTest::init()
{
    m_database = QStringLiteral("desk_%1").arg(++m_count);
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("CREATE DATABASE %1").arg(m_database)));
    m_colleague = std::make_unique<Core::Library>(url());
    QVERIFY2(m_colleague->open(), qPrintable(m_colleague->errorString()));
    Core::Article harbour = Test::makeArticle(QStringLiteral("Harbour terminal approved"), harbourBody);
    Test::addEntity(harbour, Core::EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(m_colleague->articles().store(harbour, &m_harbour));

    m_window = Test::shownWindow(url());
    QVERIFY(m_window);
    QVERIFY(m_window->librarySession()->isListening());
    QTRY_COMPARE(m_window->documentModel()->rowCount(), 1);
    m_window->documentView()->setCurrentIndex(m_window->documentModel()->index(0, 0));
    QTRY_COMPARE(m_window->currentArticleId(), m_harbour);
}

void LiveWindowTest::cleanup()
{
    m_window.reset();
    m_colleague.reset();
}

void LiveWindowTest::cleanupTestCase()
{
    m_server.reset();
}

void LiveWindowTest::colleaguesHighlightAppears()
{
    Ui::AnnotationListModel *panel = m_window->annotationsPanel()->model();
    QCOMPARE(panel->rowCount(), 0);
    const qsizetype start = harbourBody.indexOf(u"forty million euros");
    const auto highlight = m_colleague->annotations().annotate(
        m_harbour, start, start + 19, { QStringLiteral("Cost") }, QStringLiteral("check the budget"));
    QVERIFY2(highlight, qPrintable(m_colleague->errorString()));
    // The annotations panel lists it, with its author and note; the reader paints it.
    QTRY_COMPARE_WITH_TIMEOUT(panel->rowCount(), 1, 5000);
    QCOMPARE(panel->index(0, Ui::AnnotationListModel::Note).data().toString(), QStringLiteral("check the budget"));
    QCOMPARE(panel->index(0, Ui::AnnotationListModel::Author).data().toString(), QStringLiteral("postgres"));
    QTRY_COMPARE_WITH_TIMEOUT(
        propertyAt(start, Ui::ArticleHighlighter::AnnotationIdProperty).toLongLong(), highlight->id, 5000);
    QVERIFY(!propertyAt(start - 2, Ui::ArticleHighlighter::AnnotationIdProperty).isValid());

    // The colleague deletes it: gone from both.
    QVERIFY(m_colleague->annotations().remove(highlight->id));
    QTRY_COMPARE_WITH_TIMEOUT(panel->rowCount(), 0, 5000);
    QTRY_VERIFY_WITH_TIMEOUT(!propertyAt(start, Ui::ArticleHighlighter::AnnotationIdProperty).isValid(), 5000);
}

void LiveWindowTest::colleaguesImportGrowsTheList()
{
    Ui::DocumentListModel *list = m_window->documentModel();
    QSignalSpy inserted(list, &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(list, &QAbstractItemModel::modelReset);
    Core::Article ferry = Test::makeArticle(
        QStringLiteral("Ferry to Cebu delayed"), QStringLiteral("Maria Reyes said the ferry to Cebu was delayed."));
    Test::addEntity(ferry, Core::EntityType::Person, QStringLiteral("Maria Reyes"));
    qint64 id = -1;
    QVERIFY(m_colleague->articles().store(ferry, &id));
    // One row more, inserted in place: the open article stays open and current.
    QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 2, 5000);
    QCOMPARE(inserted.size(), 1);
    QCOMPARE(reset.size(), 0);
    QCOMPARE(Test::listedTitles(*m_window),
        (QStringList { QStringLiteral("Ferry to Cebu delayed"), QStringLiteral("Harbour terminal approved") }));
    QCOMPARE(m_window->currentArticleId(), m_harbour);
    QCOMPARE(m_window->documentView()->currentIndex().data(Ui::DocumentListModel::IdRole).toLongLong(), m_harbour);
    // The entity sidebar lists the new person.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_window->entitySidebar()
            ->model()
            ->indexOfEntity(m_colleague->entities().find(Core::EntityType::Person, QStringLiteral("Maria Reyes"))->id)
            .isValid(),
        5000);
}

void LiveWindowTest::colleaguesTagShowsInItsRow()
{
    Ui::DocumentListModel *list = m_window->documentModel();
    QSignalSpy changed(list, &QAbstractItemModel::dataChanged);
    QSignalSpy reset(list, &QAbstractItemModel::modelReset);
    QVERIFY(m_colleague->tags().tagArticle(m_harbour, { QStringLiteral("Ferries") }));
    QTRY_VERIFY_WITH_TIMEOUT(!changed.isEmpty(), 5000);
    QCOMPARE(reset.size(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(list->index(0, Ui::DocumentListModel::Tags).data().toString().contains(u"Ferries"), 5000);
}

QTEST_MAIN(LiveWindowTest)
#include "livewindow_test.moc"
