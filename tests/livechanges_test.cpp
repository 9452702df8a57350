// Live updates of a team library (issue 17): every write that changes what others see sends a
// notice inside its transaction (NOTIFY), and a LibrarySession hears its colleagues' notices
// (LISTEN) and announces them with the same signals as its own changes. Two sessions, or a
// session and a plain Library acting as a colleague's dossier-cli, on one throwaway cluster
// (tests/pgserver.h); a fresh database per test function.

#include "store/changelistener.h"
#include "store/librarysession.h"
#include "store/teamstore.h"
#include "teamhelpers.h"
#include "testarticles.h"

#include <QRegularExpression>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Dossier::Core;
using Dossier::Test::addEntity;
using Dossier::Test::makeArticle;
using Dossier::Test::PgServer;

class LiveChangesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void cleanupTestCase();
    void noticeKeepsWhatChanged();
    void longNoticesSayAll();
    void foreignNoticesAreNotChanges();
    void colleaguesImportIsHeard();
    void colleaguesAnnotationIsHeard();
    void colleaguesTagsAreHeard();
    void colleaguesCorrectionIsHeard();
    void colleaguesRemovalIsHeard();
    void colleaguesMembershipChangeIsHeard();
    void rolledBackWritesSendNothing();
    void ownWritesAreAnnouncedOnce();
    void batchImportIsOneNotice();
    void libraryFileIsPolledNotHeard();
    void lostConnectionIsMadeAgain();

private:
    QString url() const { return Dossier::Test::libraryUrl(*m_server, m_database); }
    std::unique_ptr<PgServer> m_server;
    QString m_database;
    int m_count = 0;
    // The analyst's open window (its session), the colleague's dossier-cli (a plain library), and
    // the article both read.
    std::unique_ptr<LibrarySession> m_session;
    std::unique_ptr<Library> m_colleague;
    qint64 m_article = -1;
};

namespace
{

const QString harbourBody
    = QStringLiteral("Aiko Tanabe said the harbour board approved a new ferry terminal on Thursday in Manila.");

// The ids every emission of \a spy (a signal with one QList<qint64> argument) carried, in order.
QList<qint64> idsOf(const QSignalSpy &spy)
{
    QList<qint64> ids;
    for (const QList<QVariant> &arguments : spy) {
        ids += arguments.at(0).value<QList<qint64>>();
    }
    return ids;
}

} // namespace

void LiveChangesTest::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QString why;
    m_server = Dossier::Test::startServer(&why);
    QVERIFY2(m_server, qPrintable(why));
}

void LiveChangesTest::init()
{
    m_database = QStringLiteral("live_%1").arg(++m_count);
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("CREATE DATABASE %1").arg(m_database)));
    m_colleague = std::make_unique<Library>(url());
    QVERIFY2(m_colleague->open(), qPrintable(m_colleague->errorString()));
    Article harbour = makeArticle(QStringLiteral("Harbour"), harbourBody);
    addEntity(harbour, EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(m_colleague->articles().store(harbour, &m_article));
    m_session = std::make_unique<LibrarySession>();
    QVERIFY2(m_session->open(url()), qPrintable(m_session->errorString()));
    QVERIFY(m_session->isListening());
}

void LiveChangesTest::cleanup()
{
    m_session.reset();
    m_colleague.reset();
}

void LiveChangesTest::cleanupTestCase()
{
    m_server.reset();
}

void LiveChangesTest::noticeKeepsWhatChanged()
{
    ChangeNotice notice;
    notice.author = QStringLiteral("ana");
    notice.connection = 4242;
    notice.changes.articles = { 3, 7 };
    notice.changes.annotationsOf = { 7 };
    notice.changes.annotations = { 12 };
    notice.changes.tags = true;
    notice.changes.rules = true;
    notice.changes.members = true;
    const std::optional<ChangeNotice> read = ChangeNotice::fromPayload(notice.toPayload());
    QVERIFY(read);
    QCOMPARE(read->author, notice.author);
    QCOMPARE(read->connection, notice.connection);
    QCOMPARE(read->changes.articles, notice.changes.articles);
    QCOMPARE(read->changes.annotationsOf, notice.changes.annotationsOf);
    QCOMPARE(read->changes.annotations, notice.changes.annotations);
    QVERIFY(read->changes.tags);
    QVERIFY(read->changes.rules);
    QVERIFY(read->changes.members);
    QVERIFY(!read->changes.entities);
    QVERIFY(!read->changes.allArticles);
    QVERIFY(!read->changes.allAnnotations);
}

void LiveChangesTest::longNoticesSayAll()
{
    // A batch of thousands of articles: the server refuses a payload of 8000 bytes.
    ChangeNotice notice;
    for (qint64 id = 1'000'000; id < 1'005'000; ++id) {
        notice.changes.articles.append(id);
        notice.changes.annotationsOf.append(id);
    }
    const QByteArray payload = notice.toPayload();
    QVERIFY2(payload.size() < 8000, payload.left(100).constData());
    const std::optional<ChangeNotice> read = ChangeNotice::fromPayload(payload);
    QVERIFY(read);
    QVERIFY(read->changes.allArticles);
    QVERIFY(read->changes.allAnnotations);
    QVERIFY(read->changes.articles.isEmpty());
}

void LiveChangesTest::foreignNoticesAreNotChanges()
{
    QVERIFY(!ChangeNotice::fromPayload("not json"));
    QVERIFY(!ChangeNotice::fromPayload(R"({"by":"ana"})"));
    QVERIFY(!ChangeNotice::fromPayload("[1,2]"));
    // Another program's NOTIFY on the channel is no change of the library.
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("that is not Dossier's: \"hello\"")));
    QSignalSpy any(m_session.get(), &LibrarySession::colleaguesChanged);
    QSignalSpy tags(m_session.get(), &LibrarySession::tagsChanged);
    QVERIFY(Dossier::Test::serverExec(*m_server, QStringLiteral("NOTIFY dossier_changes, 'hello'"), m_database));
    // Then a real change: it alone arrives.
    QVERIFY(m_colleague->tags().ensure(QStringLiteral("Ferries")));
    QVERIFY(tags.wait(5000));
    QCOMPARE(any.size(), 1);
}

void LiveChangesTest::colleaguesImportIsHeard()
{
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QSignalSpy entities(m_session.get(), &LibrarySession::entitiesChanged);
    QSignalSpy colleagues(m_session.get(), &LibrarySession::colleaguesChanged);
    qint64 id = -1;
    Article ferry
        = makeArticle(QStringLiteral("Ferry"), QStringLiteral("The ferry to Cebu was delayed by Maria Reyes."));
    addEntity(ferry, EntityType::Person, QStringLiteral("Maria Reyes"));
    QVERIFY(m_colleague->articles().store(ferry, &id));
    QVERIFY(articles.wait(5000));
    QCOMPARE(idsOf(articles), QList<qint64> { id });
    QCOMPARE(entities.size(), 1);
    QCOMPARE(colleagues.size(), 1);
    QCOMPARE(colleagues.at(0).at(0).toStringList(), QStringList { QStringLiteral("postgres") });
    // What the signal said is there to read through the session's own connection.
    QCOMPARE(m_session->library()->articles().count(), 2);
    QVERIFY(m_session->library()->entities().find(EntityType::Person, QStringLiteral("Maria Reyes")));
}

void LiveChangesTest::colleaguesAnnotationIsHeard()
{
    QSignalSpy annotations(m_session.get(), &LibrarySession::annotationsChanged);
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    const auto highlight
        = m_colleague->annotations().annotate(m_article, 6, 17, {}, QStringLiteral("who is she?"), {}, false);
    QVERIFY(highlight);
    QVERIFY(annotations.wait(5000));
    QCOMPARE(idsOf(annotations), QList<qint64> { m_article });
    QCOMPARE(articles.size(), 0); // a highlight changes no row of the list
    const auto listed = m_session->library()->annotations().list({});
    QVERIFY(listed);
    QCOMPARE(listed->size(), 1);
    QCOMPARE(listed->first().note, QStringLiteral("who is she?"));

    // An edit and a removal are heard the same way.
    Annotation edited = *highlight;
    edited.note = QStringLiteral("the minister");
    QVERIFY(m_colleague->annotations().update(edited));
    QTRY_COMPARE_WITH_TIMEOUT(annotations.size(), 2, 5000);
    QVERIFY(m_colleague->annotations().remove(highlight->id));
    QTRY_COMPARE_WITH_TIMEOUT(annotations.size(), 3, 5000);
    QCOMPARE(idsOf(annotations), (QList<qint64> { m_article, m_article, m_article }));
    QCOMPARE(m_session->library()->annotations().list({})->size(), 0);
}

void LiveChangesTest::colleaguesTagsAreHeard()
{
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QSignalSpy tags(m_session.get(), &LibrarySession::tagsChanged);
    QVERIFY(m_colleague->tags().tagArticle(m_article, { QStringLiteral("Ferries") }));
    QVERIFY(articles.wait(5000));
    QCOMPARE(idsOf(articles), QList<qint64> { m_article });
    QCOMPARE(tags.size(), 1);
    QCOMPARE(*m_session->library()->tags().ofArticle(m_article), QStringList { QStringLiteral("Ferries") });

    // A tag renamed in the codebook: every row and passage that shows it.
    QSignalSpy annotations(m_session.get(), &LibrarySession::annotationsChanged);
    const qint64 tagId = m_session->library()->tags().all()->first().id;
    QVERIFY(m_colleague->tags().rename(tagId, QStringLiteral("Ferry routes")));
    QTRY_COMPARE_WITH_TIMEOUT(tags.size(), 2, 5000);
    QCOMPARE(articles.last().at(0).value<QList<qint64>>(), QList<qint64> {}); // any article
    QCOMPARE(annotations.size(), 1);
}

void LiveChangesTest::colleaguesCorrectionIsHeard()
{
    QSignalSpy rules(m_session.get(), &LibrarySession::rulesChanged);
    const auto entity = m_colleague->entities().find(EntityType::Person, QStringLiteral("Aiko Tanabe"));
    QVERIFY(entity);
    QVERIFY(m_colleague->curation().renameEntity(entity->id, QStringLiteral("Aiko Tanabe-Cruz")));
    QVERIFY(rules.wait(5000));
    QCOMPARE(m_session->library()->curation().rules()->size(), 1);
}

void LiveChangesTest::colleaguesRemovalIsHeard()
{
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QSignalSpy annotations(m_session.get(), &LibrarySession::annotationsChanged);
    QVERIFY(m_colleague->articles().remove(m_article));
    QVERIFY(articles.wait(5000));
    QCOMPARE(idsOf(articles), QList<qint64> { m_article });
    QCOMPARE(idsOf(annotations), QList<qint64> { m_article }); // its annotations are orphaned
    QCOMPARE(m_session->library()->articles().count(), 0);
}

void LiveChangesTest::colleaguesMembershipChangeIsHeard()
{
    QSignalSpy members(m_session.get(), &LibrarySession::membersChanged);
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QVERIFY2(m_colleague->team().add(QStringLiteral("dora"), TeamRole::Reader), qPrintable(m_colleague->errorString()));
    QVERIFY(members.wait(5000));
    QVERIFY(m_session->library()->team().members()->contains(TeamMember { QStringLiteral("dora"), TeamRole::Reader }));
    QVERIFY(m_colleague->team().setRole(QStringLiteral("dora"), TeamRole::Annotator));
    QVERIFY(members.wait(5000));
    QVERIFY(m_colleague->team().remove(QStringLiteral("dora")));
    QVERIFY(members.wait(5000));
    QCOMPARE(members.size(), 3);
    QCOMPARE(articles.size(), 0); // nothing else said to have changed
    // A refused change (no such member) is rolled back, unheard.
    QVERIFY(!m_colleague->team().setRole(QStringLiteral("nobody_here"), TeamRole::Reader));
    QVERIFY(!members.wait(1000));
}

void LiveChangesTest::rolledBackWritesSendNothing()
{
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    // Tagging an article that is not there fails after the write began: rolled back, unheard.
    QVERIFY(!m_colleague->tags().tagArticle(m_article + 1000, { QStringLiteral("Ferries") }));
    QVERIFY(m_colleague->tags().tagArticle(m_article, { QStringLiteral("Ports") }));
    QVERIFY(articles.wait(5000));
    QCOMPARE(idsOf(articles), QList<qint64> { m_article });
    // A re-import of the same text changes nothing and says nothing; a changed one is heard.
    QVERIFY(m_colleague->articles().store(makeArticle(QStringLiteral("Harbour"), harbourBody)));
    Article changed = makeArticle(QStringLiteral("Harbour"), harbourBody + QStringLiteral(" Fares rise."));
    changed.sha256 = "changed";
    QVERIFY(m_colleague->articles().store(changed));
    QTRY_COMPARE_WITH_TIMEOUT(articles.size(), 2, 5000);
    QCOMPARE(idsOf(articles), (QList<qint64> { m_article, m_article }));
}

void LiveChangesTest::ownWritesAreAnnouncedOnce()
{
    // A second window: each session announces its own writes once (write()), and hears the other's.
    LibrarySession other;
    QVERIFY2(other.open(url()), qPrintable(other.errorString()));
    QSignalSpy mine(m_session.get(), &LibrarySession::annotationsChanged);
    QSignalSpy mineFromOthers(m_session.get(), &LibrarySession::colleaguesChanged);
    QSignalSpy theirs(&other, &LibrarySession::annotationsChanged);
    LibraryChanges changes;
    changes.annotationsOf = { m_article };
    QVERIFY(m_session->write(changes, [&](Library &library) {
        return library.annotations().annotate(m_article, 0, 4, {}, {}, {}, false).has_value();
    }));
    QCOMPARE(mine.size(), 1);
    QVERIFY(theirs.wait(5000));
    // The server delivers notices in the order of their commits: once this session hears the other
    // window's write, it has had its own notice too, and left it out.
    QSignalSpy tags(m_session.get(), &LibrarySession::tagsChanged);
    QVERIFY(other.write({ .tags = true },
        [](Library &library) { return library.tags().ensure(QStringLiteral("Ferries")).has_value(); }));
    QVERIFY(tags.wait(5000));
    QCOMPARE(mine.size(), 1);
    QCOMPARE(mineFromOthers.size(), 1);
}

void LiveChangesTest::batchImportIsOneNotice()
{
    // A colleague's import of several articles in one transaction: one announcement of them all.
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QList<qint64> ids;
    QVERIFY(m_colleague->articles().beginBatch());
    for (const QString &name : { QStringLiteral("One"), QStringLiteral("Two"), QStringLiteral("Three") }) {
        qint64 id = -1;
        QVERIFY(m_colleague->articles().store(makeArticle(name, QStringLiteral("Ferry news.")), &id));
        ids.append(id);
    }
    QVERIFY(m_colleague->articles().commitBatch());
    QVERIFY(articles.wait(5000));
    QCOMPARE(articles.size(), 1);
    QCOMPARE(idsOf(articles), ids);
}

void LiveChangesTest::libraryFileIsPolledNotHeard()
{
    QTemporaryDir dir;
    LibrarySession session;
    QVERIFY(session.open(dir.filePath(QStringLiteral("personal.dossier"))));
    QVERIFY(!session.isListening());
    QCOMPARE(session.library()->connectionId(), -1);
}

void LiveChangesTest::lostConnectionIsMadeAgain()
{
    // The server ends the listening connection (as a restart or a dropped network would): the
    // session's own connection and the colleague's stay.
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QSignalSpy colleagues(m_session.get(), &LibrarySession::colleaguesChanged);
    {
        QSqlDatabase admin = m_server->connection(QStringLiteral("live-admin"));
        QVERIFY(admin.open());
        QSqlQuery ended(admin);
        QVERIFY(ended.exec(QStringLiteral("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = "
                                          "'%1' AND query LIKE 'LISTEN%'")
                .arg(m_database)));
        QVERIFY(ended.next() && ended.value(0).toBool());
        QVERIFY(!ended.next()); // one listener
        ended.finish();
        admin.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("live-admin"));

    // A colleague tags the article while nobody listens: that notice is lost.
    QVERIFY(m_colleague->tags().tagArticle(m_article, { QStringLiteral("Ferries") }));
    QTest::qWait(500);
    QCOMPARE(articles.size(), 0);

    // The next check finds the connection gone, connects again and says anything may have changed.
    m_session->setConnectionCheckInterval(100);
    QTRY_VERIFY_WITH_TIMEOUT(articles.size() >= 1, 5000);
    QCOMPARE(articles.constFirst().at(0).value<QList<qint64>>(), QList<qint64> {}); // any article
    QCOMPARE(colleagues.size(), 0); // nobody to name
    QVERIFY(m_session->isListening());
    QCOMPARE(*m_session->library()->tags().ofArticle(m_article), QStringList { QStringLiteral("Ferries") });

    // Heard again, by name.
    articles.clear();
    QVERIFY(m_colleague->tags().tagArticle(m_article, { QStringLiteral("Ports") }));
    QTRY_VERIFY_WITH_TIMEOUT(colleagues.size() >= 1, 5000);
    QTRY_VERIFY(!articles.isEmpty());
    QCOMPARE(idsOf(articles), QList<qint64> { m_article });
}

QTEST_GUILESS_MAIN(LiveChangesTest)
#include "livechanges_test.moc"
