// LibrarySession: the one place changes to the open library are announced, by writes through it,
// by background jobs, and by other connections (another program) found by the data-version poll.

#include "store/librarysession.h"
#include "testarticles.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Dossier;
using Core::Library;
using Core::LibraryChanges;
using Core::LibrarySession;

namespace
{

// Every announcement of one session, in order, as "kind:ids" ("articles:3", "annotations:*").
class Announcements
{
public:
    explicit Announcements(LibrarySession *session)
    {
        const auto ids = [](const QList<qint64> &list) {
            if (list.isEmpty()) {
                return QStringLiteral("*");
            }
            QStringList words;
            for (qint64 id : list) {
                words.append(QString::number(id));
            }
            return words.join(u',');
        };
        QObject::connect(session, &LibrarySession::articlesChanged, session,
            [this, ids](const QList<qint64> &list) { m_seen.append(QStringLiteral("articles:") + ids(list)); });
        QObject::connect(session, &LibrarySession::annotationsChanged, session,
            [this, ids](const QList<qint64> &list) { m_seen.append(QStringLiteral("annotations:") + ids(list)); });
        QObject::connect(
            session, &LibrarySession::tagsChanged, session, [this] { m_seen.append(QStringLiteral("tags")); });
        QObject::connect(
            session, &LibrarySession::entitiesChanged, session, [this] { m_seen.append(QStringLiteral("entities")); });
        QObject::connect(
            session, &LibrarySession::rulesChanged, session, [this] { m_seen.append(QStringLiteral("rules")); });
        QObject::connect(
            session, &LibrarySession::libraryChanged, session, [this] { m_seen.append(QStringLiteral("library")); });
    }
    QStringList take() { return std::exchange(m_seen, {}); }

private:
    QStringList m_seen;
};

} // namespace

class LibrarySessionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void openAnnouncesTheNewLibrary();
    void failedOpenKeepsTheOpenLibrary();
    void opensInTheBackground_data();
    void opensInTheBackground();
    void writeAnnouncesWhatItChanged_data();
    void writeAnnouncesWhatItChanged();
    void failedWriteAnnouncesNothing();
    void writeWithoutLibraryFails();
    void otherConnectionsAreAnnouncedOnce();
    void announcedJobChangesAreNotAnnouncedAgain();
    void pollFindsOutsideChanges();
    void closeLetsGoOfTheLibrary();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
    std::unique_ptr<LibrarySession> m_session;
    qint64 m_article = -1;
};

void LibrarySessionTest::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(QStringLiteral("session.dossier"));
    Library seed(m_path);
    QVERIFY(seed.open());
    QVERIFY(seed.articles().store(
        Test::makeArticle(QStringLiteral("harbour"), QStringLiteral("The harbour council met on Monday.")),
        &m_article));
    m_session = std::make_unique<LibrarySession>();
    m_session->setPollInterval(0); // the tests poll by hand
    QVERIFY(m_session->open(m_path));
}

void LibrarySessionTest::cleanup()
{
    m_session.reset();
    m_dir.reset();
}

void LibrarySessionTest::openAnnouncesTheNewLibrary()
{
    LibrarySession session;
    Announcements seen(&session);
    QSignalSpy aboutToChange(&session, &LibrarySession::libraryAboutToChange);
    QVERIFY(session.open(m_path));
    QCOMPARE(seen.take(), QStringList { QStringLiteral("library") });
    QCOMPARE(aboutToChange.count(), 0); // nothing was open to let go of
    QVERIFY(session.library());
    QCOMPARE(session.library()->articles().count(), std::optional<qint64>(1));

    const QString other = m_dir->filePath(QStringLiteral("other.dossier"));
    QVERIFY(session.open(other));
    QCOMPARE(aboutToChange.count(), 1);
    QCOMPARE(seen.take(), QStringList { QStringLiteral("library") });
    QCOMPARE(session.library()->path(), other);
}

void LibrarySessionTest::failedOpenKeepsTheOpenLibrary()
{
    Announcements seen(m_session.get());
    QVERIFY(!m_session->open(m_dir->path())); // a folder
    QCOMPARE(m_session->openFailure(), Library::OpenFailure::Other);
    QVERIFY(m_session->errorString().contains(QLatin1String("directory")));
    QVERIFY(seen.take().isEmpty());
    QCOMPARE(m_session->library()->path(), m_path);
    QCOMPARE(m_session->library()->articles().count(), std::optional<qint64>(1));
}

void LibrarySessionTest::opensInTheBackground_data()
{
    QTest::addColumn<QString>("what"); // the library asked for
    QTest::addColumn<QString>("then"); // what happens before it is open
    QTest::newRow("a library") << QStringLiteral("other.dossier") << QString();
    QTest::newRow("a folder") << QString() << QString();
    QTest::newRow("cancelled") << QStringLiteral("other.dossier") << QStringLiteral("cancel");
    QTest::newRow("another opened meanwhile") << QStringLiteral("other.dossier") << QStringLiteral("open");
    QTest::newRow("another asked for meanwhile")
        << QStringLiteral("other.dossier") << QStringLiteral("open in the background");
}

void LibrarySessionTest::opensInTheBackground()
{
    QFETCH(QString, what);
    QFETCH(QString, then);
    const QString path = what.isEmpty() ? m_dir->path() : m_dir->filePath(what);
    const QString third = m_dir->filePath(QStringLiteral("third.dossier"));
    Announcements seen(m_session.get());
    QSignalSpy finished(m_session.get(), &LibrarySession::openFinished);
    m_session->openInBackground(path);
    QVERIFY(m_session->isOpening());
    QCOMPARE(m_session->openingPath(), path);
    // Until it is done, the library open before is there and in use.
    QCOMPARE(m_session->library()->path(), m_path);
    QCOMPARE(m_session->library()->articles().count(), std::optional<qint64>(1));
    if (then == u"cancel") {
        m_session->cancelOpen();
    } else if (then == u"open") {
        QVERIFY(m_session->open(third));
    } else if (then == u"open in the background") {
        m_session->openInBackground(third);
        QVERIFY(m_session->isOpening());
        QCOMPARE(m_session->openingPath(), third);
    }
    // Whatever was abandoned finishes unheard; what counts says how it went.
    const bool waits = then.isEmpty() || then == u"open in the background";
    if (waits) {
        QTRY_COMPARE(finished.count(), 1);
    } else {
        QVERIFY(!m_session->isOpening());
        QTest::qWait(300); // long enough for the abandoned open of a file
        QCOMPARE(finished.count(), 0);
    }
    QVERIFY(!m_session->isOpening());
    const QString opened = then.isEmpty() ? (what.isEmpty() ? m_path : path) : (then == u"cancel" ? m_path : third);
    if (waits) {
        QCOMPARE(finished.at(0).at(0).toString(), then.isEmpty() ? path : third);
        QCOMPARE(finished.at(0).at(1).toBool(), !what.isEmpty());
    }
    QCOMPARE(m_session->library()->path(), opened);
    QCOMPARE(seen.take(), opened == m_path ? QStringList() : QStringList { QStringLiteral("library") });
    if (what.isEmpty()) {
        QCOMPARE(m_session->openFailure(), Library::OpenFailure::Other);
        QVERIFY2(m_session->errorString().contains(QLatin1String("directory")), qPrintable(m_session->errorString()));
    }
    // The library opened on another thread is this one's to use: read and write it.
    QVERIFY(m_session->library()->articles().count().has_value());
    QVERIFY2(m_session->write({ .tags = true },
                 [](Library &library) { return library.tags().ensure(QStringLiteral("Port")).has_value(); }),
        qPrintable(m_session->errorString()));
}

void LibrarySessionTest::writeAnnouncesWhatItChanged_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QStringList>("expected");
    // 0: an annotation on the article; 1: a tag on the article; 2: a tag renamed; 3: a rule.
    QTest::newRow("annotation") << 0 << QStringList { QStringLiteral("tags"), QStringLiteral("annotations:1") };
    QTest::newRow("article tag") << 1 << QStringList { QStringLiteral("tags"), QStringLiteral("articles:1") };
    QTest::newRow("codebook") << 2
                              << QStringList { QStringLiteral("tags"), QStringLiteral("articles:*"),
                                     QStringLiteral("annotations:*") };
    QTest::newRow("rule") << 3 << QStringList { QStringLiteral("rules") };
}

void LibrarySessionTest::writeAnnouncesWhatItChanged()
{
    QFETCH(int, kind);
    QFETCH(QStringList, expected);
    QCOMPARE(m_article, 1);
    QVERIFY(m_session->library()->tags().ensure(QStringLiteral("Port")));
    Announcements seen(m_session.get());
    LibraryChanges changes;
    bool ok = false;
    switch (kind) {
    case 0:
        changes.annotationsOf = { m_article };
        changes.tags = true;
        ok = m_session->write(changes, [this](Library &library) {
            return library.annotations().annotate(m_article, 4, 11, { QStringLiteral("Port") }).has_value();
        });
        break;
    case 1:
        changes.articles = { m_article };
        changes.tags = true;
        ok = m_session->write(changes,
            [this](Library &library) { return library.tags().tagArticle(m_article, { QStringLiteral("Port") }); });
        break;
    case 2:
        changes.allArticles = true;
        changes.allAnnotations = true;
        changes.tags = true;
        ok = m_session->write(changes, [](Library &library) {
            const auto tag = library.tags().ensure(QStringLiteral("Port"));
            return tag && library.tags().rename(tag->id, QStringLiteral("Harbour"));
        });
        break;
    case 3:
        changes.rules = true;
        ok = m_session->write(changes, [](Library &library) {
            return library.curation()
                .watch(Core::WatchEntry { -1, Core::EntityType::Org, QStringLiteral("Harbour Council"), {} })
                .has_value();
        });
        break;
    }
    QVERIFY2(ok, qPrintable(m_session->errorString()));
    QCOMPARE(seen.take(), expected);
    // Its own writes do not move the data version of its connection: the poll stays quiet.
    m_session->checkForChanges();
    QVERIFY(seen.take().isEmpty());
}

void LibrarySessionTest::failedWriteAnnouncesNothing()
{
    Announcements seen(m_session.get());
    LibraryChanges changes;
    changes.tags = true;
    QVERIFY(!m_session->write(changes, [](Library &library) {
        return library.tags().ensure(QStringLiteral("Port"), QStringLiteral("red")).has_value();
    }));
    QVERIFY2(m_session->errorString().contains(QLatin1String("#RRGGBB")), qPrintable(m_session->errorString()));
    QVERIFY(seen.take().isEmpty());
    QCOMPARE(m_session->library()->tags().all()->size(), 0);
}

void LibrarySessionTest::writeWithoutLibraryFails()
{
    LibrarySession session;
    bool ran = false;
    QVERIFY(!session.write(LibraryChanges::everything(), [&](Library &) { return ran = true; }));
    QVERIFY(!ran);
    QVERIFY(!session.errorString().isEmpty());
}

void LibrarySessionTest::otherConnectionsAreAnnouncedOnce()
{
    Announcements seen(m_session.get());
    {
        Library other(m_path); // another program, as far as SQLite can tell
        QVERIFY(other.open());
        QVERIFY(other.tags().tagArticle(m_article, { QStringLiteral("Elsewhere") }));
    }
    m_session->checkForChanges();
    QCOMPARE(seen.take(),
        (QStringList { QStringLiteral("rules"), QStringLiteral("tags"), QStringLiteral("entities"),
            QStringLiteral("articles:*"), QStringLiteral("annotations:*") }));
    m_session->checkForChanges();
    QVERIFY(seen.take().isEmpty());
    QCOMPARE(*m_session->library()->tags().ofArticle(m_article), QStringList { QStringLiteral("Elsewhere") });
}

void LibrarySessionTest::announcedJobChangesAreNotAnnouncedAgain()
{
    Announcements seen(m_session.get());
    {
        Library job(m_path); // an import job's connection, on its own thread in the program
        QVERIFY(job.open());
        QVERIFY(job.articles().store(
            Test::makeArticle(QStringLiteral("bridge"), QStringLiteral("The bridge reopened on Tuesday."))));
    }
    LibraryChanges changes;
    changes.allArticles = true;
    changes.entities = true;
    m_session->announce(changes);
    QCOMPARE(seen.take(), (QStringList { QStringLiteral("entities"), QStringLiteral("articles:*") }));
    m_session->checkForChanges();
    QVERIFY(seen.take().isEmpty());
    QCOMPARE(m_session->library()->articles().count(), std::optional<qint64>(2));
}

void LibrarySessionTest::pollFindsOutsideChanges()
{
    m_session->setPollInterval(20);
    QSignalSpy articles(m_session.get(), &LibrarySession::articlesChanged);
    QTest::qWait(60);
    QCOMPARE(articles.count(), 0);
    Library other(m_path);
    QVERIFY(other.open());
    QVERIFY(other.articles().remove(m_article));
    QTRY_COMPARE(articles.count(), 1);
    QCOMPARE(m_session->library()->articles().count(), std::optional<qint64>(0));
}

void LibrarySessionTest::closeLetsGoOfTheLibrary()
{
    Announcements seen(m_session.get());
    QSignalSpy aboutToChange(m_session.get(), &LibrarySession::libraryAboutToChange);
    m_session->close();
    QCOMPARE(aboutToChange.count(), 1);
    QCOMPARE(seen.take(), QStringList { QStringLiteral("library") });
    QVERIFY(!m_session->isOpen());
    QVERIFY(!m_session->library());
    m_session->checkForChanges(); // nothing to check, nothing announced
    m_session->close();
    QVERIFY(seen.take().isEmpty());
}

QTEST_GUILESS_MAIN(LibrarySessionTest)
#include "librarysession_test.moc"
