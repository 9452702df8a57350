// A team library's members, roles and authorship, enforced by the PostgreSQL server (issue 17,
// step 3): each test connects as several login roles of a throwaway cluster (tests/pgserver.h;
// its socket trusts every role) and checks what the server lets each of them do, through the
// stores and through raw SQL.

#include "clirun.h"
#include "pgserver.h"
#include "store/library.h"
#include "testarticles.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include <memory>

using namespace Dossier::Core;
using Dossier::Test::CliRun;
using Dossier::Test::makeArticle;
using Dossier::Test::PgServer;
using Dossier::Test::runCli;

class TeamLibraryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void firstOpenMakesTheRoles();
    void annotatorsChangeOnlyTheirOwn();
    void theServerWritesTheAuthor();
    void readersCannotWrite();
    void privateHighlightsAreTheirAuthorsAlone();
    void editorsHideButNeverEdit();
    void historyIsWrittenAndKeptByTheServer();
    void staleEditOfAnotherMemberIsRefused();
    void editorsCodebookChangeRefusesStaleEdits();
    void editorsReimportUnderOthersAnnotations();
    void adminsManageMembers();
    void nonAdminsCannotManageMembers();
    void cliTeamCommands();
    void cliTeamNeedsATeamLibrary_data();
    void cliTeamNeedsATeamLibrary();

private:
    QString url(const QString &user = QStringLiteral("postgres")) const
    {
        return QStringLiteral("postgresql:///%1?host=%2&port=%3&user=%4")
            .arg(m_database, m_server->socketDir())
            .arg(PgServer::Port)
            .arg(user);
    }
    // Runs \a statement as \a user on the current test's database; the error's SQLSTATE, or
    // "" when it ran. The first column of its first row goes to \a value.
    QString sqlAs(const QString &user, const QString &statement, QVariant *value = nullptr)
    {
        return sqlIn(m_database, user, statement, value);
    }
    QString sqlIn(const QString &database, const QString &user, const QString &statement, QVariant *value = nullptr)
    {
        QString state = QStringLiteral("no connection");
        {
            QSqlDatabase db = m_server->connection(QStringLiteral("raw"), database, user);
            if (db.open()) {
                QSqlQuery query(db);
                if (query.exec(statement)) {
                    state.clear();
                    if (value && query.next()) {
                        *value = query.value(0);
                    }
                } else {
                    state = query.lastError().nativeErrorCode();
                }
            }
        }
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
        return state;
    }
    // The superuser makes the library, stores one article and makes \a members (name, role).
    qint64 makeLibrary(const QList<std::pair<QString, TeamRole>> &members)
    {
        Library owner(url());
        if (!owner.open()) {
            qWarning() << owner.errorString();
            return -1;
        }
        qint64 id = -1;
        const QString body = QStringLiteral("The harbour board approved a new ferry terminal on Thursday. Fishermen "
                                            "worry about the quay.");
        if (!owner.articles().store(makeArticle(QStringLiteral("harbour"), body), &id)
            || !owner.tags().ensure(QStringLiteral("Port"))) {
            qWarning() << owner.errorString();
        }
        for (const auto &[name, role] : members) {
            if (!owner.team().add(name, role)) {
                qWarning() << owner.errorString();
            }
        }
        return id;
    }

    std::unique_ptr<PgServer> m_server;
    QString m_database;
    int m_count = 0;
};

namespace
{

// The annotations \a name made.
AnnotationQuery byAuthor(const QString &name)
{
    AnnotationQuery query;
    query.author = name;
    return query;
}

// Opens the team library at \a url or fails the test.
#define OPEN(library) QVERIFY2((library).open(), qPrintable((library).errorString()))

} // namespace

void TeamLibraryTest::initTestCase()
{
    QVERIFY2(QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")),
        "Qt's PostgreSQL driver (libqt6sql6-psql) is missing: scripts/lib/env.sh installs it");
    m_server = std::make_unique<PgServer>();
    QVERIFY2(m_server->isRunning(), qPrintable(m_server->error()));
}

void TeamLibraryTest::init()
{
    // A database per test function, and its own group roles (named after it).
    m_database = QStringLiteral("desk_%1").arg(++m_count);
    QCOMPARE(sqlIn(QStringLiteral("postgres"), QStringLiteral("postgres"),
                 QStringLiteral("CREATE DATABASE %1").arg(m_database)),
        QString());
}

void TeamLibraryTest::cleanupTestCase()
{
    m_server.reset();
}

void TeamLibraryTest::firstOpenMakesTheRoles()
{
    Library owner(url());
    OPEN(owner);
    QCOMPARE(owner.team().isSetUp(), true);
    QVariant count;
    QCOMPARE(sqlAs(QStringLiteral("postgres"),
                 QStringLiteral("SELECT count(*) FROM pg_roles WHERE rolname IN ('%1_reader', '%1_annotator', "
                                "'%1_editor', '%1_admin')")
                     .arg(m_database),
                 &count),
        QString());
    QCOMPARE(count.toInt(), 4);
    QCOMPARE(owner.team().members()->size(), 0);
    // Opened again, nothing is made twice.
    Library again(url());
    OPEN(again);
    QCOMPARE(again.team().members()->size(), 0);
}

void TeamLibraryTest::annotatorsChangeOnlyTheirOwn()
{
    const qint64 article = makeLibrary(
        { { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("ben"), TeamRole::Annotator } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    QCOMPARE(ana.author(), QStringLiteral("ana"));
    QCOMPARE(ana.team().myRole(), TeamRole::Annotator);
    const auto note = ana.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }, QStringLiteral("who?"));
    QVERIFY2(note, qPrintable(ana.errorString()));
    QCOMPARE(note->author, QStringLiteral("ana"));

    // Ben reads it, and who wrote it.
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    const auto seen = ben.annotations().list();
    QVERIFY2(seen, qPrintable(ben.errorString()));
    QCOMPARE(seen->size(), 1);
    QCOMPARE(seen->front().author, QStringLiteral("ana"));
    QCOMPARE(seen->front().note, QStringLiteral("who?"));
    // He can neither change it nor delete it, and is told why.
    Annotation changed = seen->front();
    changed.note = QStringLiteral("ben's words");
    QVERIFY(!ben.annotations().update(changed));
    QCOMPARE(ben.lastError().kind, StoreError::Kind::Denied);
    QVERIFY2(ben.errorString().startsWith(u"you are an annotator in this library: "), qPrintable(ben.errorString()));
    QVERIFY2(ben.errorString().contains(u"ana's"), qPrintable(ben.errorString()));
    QVERIFY(!ben.annotations().remove(note->id));
    QCOMPARE(ben.lastError().kind, StoreError::Kind::Denied);
    changed.note = note->note;
    changed.tags.clear();
    QVERIFY(!ben.annotations().update(changed)); // nor take its tags off
    QCOMPARE(ben.lastError().kind, StoreError::Kind::Denied);
    // Nor through SQL of his own: the server refuses it.
    QCOMPARE(
        sqlAs(QStringLiteral("ben"), QStringLiteral("UPDATE annotations SET note = 'x' WHERE id = %1").arg(note->id)),
        QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("ben"), QStringLiteral("DELETE FROM annotations WHERE id = %1").arg(note->id)),
        QStringLiteral("42501"));
    const auto kept = ana.annotations().get(note->id);
    QCOMPARE(kept->note, QStringLiteral("who?"));
    QCOMPARE(kept->tags, QStringList { QStringLiteral("Port") });

    // His own he edits and deletes; so does Ana hers.
    const auto own = ben.annotations().annotate(article, 18, 21);
    QVERIFY2(own, qPrintable(ben.errorString()));
    Annotation edited = *own;
    edited.note = QStringLiteral("mine");
    QVERIFY2(ben.annotations().update(edited), qPrintable(ben.errorString()));
    QVERIFY2(ben.annotations().remove(own->id), qPrintable(ben.errorString()));
    changed = *kept;
    changed.note = QStringLiteral("who approved it?");
    QVERIFY2(ana.annotations().update(changed), qPrintable(ana.errorString()));
    QCOMPARE(ben.annotations().get(note->id)->note, QStringLiteral("who approved it?"));
    // Article tags are the annotators' too, each with its author.
    QVERIFY2(ben.tags().tagArticle(article, { QStringLiteral("Port") }), qPrintable(ben.errorString()));
    QVariant tagAuthor;
    QCOMPARE(
        sqlAs(QStringLiteral("postgres"), QStringLiteral("SELECT author FROM article_tags"), &tagAuthor), QString());
    QCOMPARE(tagAuthor.toString(), QStringLiteral("ben"));
}

void TeamLibraryTest::theServerWritesTheAuthor()
{
    const qint64 article = makeLibrary(
        { { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("ben"), TeamRole::Annotator } });
    QVERIFY(article >= 0);
    // Ben writes Ana's name: the server writes his.
    QCOMPARE(sqlAs(QStringLiteral("ben"),
                 QStringLiteral("INSERT INTO annotations (article_id, article_path, article_sha256, start, \"end\", "
                                "exact, prefix, suffix, created_at, modified_at, author) VALUES (%1, 'p', 's', 0, 3, "
                                "'The', '', '', 0, 0, 'ana')")
                     .arg(article)),
        QString());
    QVariant author;
    QCOMPARE(sqlAs(QStringLiteral("postgres"), QStringLiteral("SELECT author FROM annotations"), &author), QString());
    QCOMPARE(author.toString(), QStringLiteral("ben"));
    // Nor can anyone change an author afterwards.
    QCOMPARE(sqlAs(QStringLiteral("ben"), QStringLiteral("UPDATE annotations SET author = 'ana'")), QString());
    QCOMPARE(sqlAs(QStringLiteral("postgres"), QStringLiteral("SELECT author FROM annotations"), &author), QString());
    QCOMPARE(author.toString(), QStringLiteral("ben"));
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    QCOMPARE(ana.annotations().list(byAuthor(QStringLiteral("ben")))->size(), 1);
    QCOMPARE(ana.annotations().list(byAuthor(QStringLiteral("ana")))->size(), 0);
}

void TeamLibraryTest::readersCannotWrite()
{
    const qint64 article = makeLibrary({ { QStringLiteral("rita"), TeamRole::Reader } });
    QVERIFY(article >= 0);
    Library rita(url(QStringLiteral("rita")));
    OPEN(rita);
    QCOMPARE(rita.team().myRole(), TeamRole::Reader);
    // She reads everything.
    QCOMPARE(rita.articles().count(), 1);
    QVERIFY(rita.documents().search(QStringLiteral("ferry")).value_or(QList<ArticleSummary> {}).size() == 1);
    // And writes nothing, told so.
    QVERIFY(!rita.annotations().annotate(article, 4, 17));
    QCOMPARE(rita.lastError().kind, StoreError::Kind::Denied);
    QVERIFY2(rita.errorString().startsWith(u"you are a reader in this library: "), qPrintable(rita.errorString()));
    QVERIFY(!rita.tags().tagArticle(article, { QStringLiteral("Port") }));
    QCOMPARE(rita.lastError().kind, StoreError::Kind::Denied);
    QVERIFY(!rita.articles().remove(article));
    QCOMPARE(rita.lastError().kind, StoreError::Kind::Denied);
    QCOMPARE(sqlAs(QStringLiteral("rita"),
                 QStringLiteral("INSERT INTO annotations (article_id, article_path, article_sha256, start, \"end\", "
                                "exact, prefix, suffix, created_at, modified_at) VALUES (%1, 'p', 's', 0, 3, 'The', "
                                "'', '', 0, 0)")
                     .arg(article)),
        QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("rita"), QStringLiteral("DELETE FROM articles")), QStringLiteral("42501"));
    QCOMPARE(rita.articles().count(), 1);
}

void TeamLibraryTest::privateHighlightsAreTheirAuthorsAlone()
{
    const qint64 article
        = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("ben"), TeamRole::Editor } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto mine = ana.annotations().annotate(article, 4, 17, {}, QStringLiteral("draft"), {}, true);
    QVERIFY2(mine, qPrintable(ana.errorString()));
    QVERIFY(mine->isPrivate);
    QVERIFY(ana.annotations().annotate(article, 18, 21));
    QCOMPARE(ana.annotations().list()->size(), 2);
    // Ben (an editor, even) does not see it: not through the store, not through SQL.
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    QCOMPARE(ben.annotations().list()->size(), 1);
    QVERIFY(!ben.annotations().get(mine->id));
    QCOMPARE(ben.lastError().kind, StoreError::Kind::NotFound);
    QVariant seen;
    QCOMPARE(sqlAs(QStringLiteral("ben"), QStringLiteral("SELECT count(*) FROM annotations"), &seen), QString());
    QCOMPARE(seen.toInt(), 1);
    QCOMPARE(
        sqlAs(QStringLiteral("ben"), QStringLiteral("UPDATE annotations SET hidden = 1 WHERE id = %1").arg(mine->id)),
        QString());
    QVERIFY(!ana.annotations().get(mine->id)->hidden);
    // Shared, everyone sees it.
    Annotation shared = *mine;
    shared.isPrivate = false;
    QVERIFY2(ana.annotations().update(shared), qPrintable(ana.errorString()));
    QCOMPARE(ben.annotations().list()->size(), 2);
}

void TeamLibraryTest::historyIsWrittenAndKeptByTheServer()
{
    const qint64 article = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator },
        { QStringLiteral("ben"), TeamRole::Editor }, { QStringLiteral("rita"), TeamRole::Reader } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto shared = ana.annotations().annotate(article, 4, 17, {}, QStringLiteral("who?"));
    QVERIFY2(shared, qPrintable(ana.errorString()));
    Annotation edited = *shared;
    edited.note = QStringLiteral("who pays?");
    QVERIFY2(ana.annotations().update(edited), qPrintable(ana.errorString()));
    const auto secret = ana.annotations().annotate(article, 18, 21, {}, QStringLiteral("draft"), {}, true);
    QVERIFY2(secret, qPrintable(ana.errorString()));

    // A reader reads the history, with the author the server wrote.
    Library rita(url(QStringLiteral("rita")));
    OPEN(rita);
    HistoryQuery ofShared;
    ofShared.annotationId = shared->id;
    const auto seen = rita.history().list(ofShared);
    QVERIFY2(seen, qPrintable(rita.errorString()));
    QCOMPARE(seen->size(), 2);
    QCOMPARE(seen->front().author, QStringLiteral("ana"));
    QCOMPARE(seen->front().after.value(QLatin1String("note")).toString(), QStringLiteral("who pays?"));
    // The changes to a private highlight are its author's alone, as the highlight is.
    HistoryQuery ofSecret;
    ofSecret.annotationId = secret->id;
    QCOMPARE(rita.history().list(ofSecret)->size(), 0);
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    QCOMPARE(ben.history().list(ofSecret)->size(), 0);
    QCOMPARE(ana.history().list(ofSecret)->size(), 1);
    QVariant count;
    QCOMPARE(sqlAs(QStringLiteral("ben"),
                 QStringLiteral("SELECT count(*) FROM history WHERE table_name = 'annotations'"), &count),
        QString());
    QCOMPARE(count.toInt(), 2);

    // Nobody changes or deletes it: not a reader, not an editor, not the tables' owner.
    QCOMPARE(sqlAs(QStringLiteral("rita"), QStringLiteral("UPDATE history SET author = 'x'")), QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("ben"), QStringLiteral("DELETE FROM history")), QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("ben"), QStringLiteral("UPDATE history SET author = 'x'")), QStringLiteral("42501"));
    QCOMPARE(
        sqlAs(QStringLiteral("postgres"), QStringLiteral("UPDATE history SET author = 'x'")), QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("postgres"), QStringLiteral("DELETE FROM history")), QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("postgres"), QStringLiteral("TRUNCATE history")), QStringLiteral("42501"));
    QCOMPARE(sqlAs(QStringLiteral("rita"),
                 QStringLiteral("INSERT INTO history (table_name, row_id, action, changed_at) VALUES ('tags', 1, "
                                "'insert', 0)")),
        QStringLiteral("42501"));
    // A member's own row says who wrote it and when, whatever was sent.
    QCOMPARE(sqlAs(QStringLiteral("ben"),
                 QStringLiteral("INSERT INTO history (table_name, row_id, action, changed_at, author) VALUES ('tags', "
                                "1, 'insert', 0, 'ana')")),
        QString());
    QVariant author;
    QCOMPARE(sqlAs(QStringLiteral("postgres"),
                 QStringLiteral("SELECT author || ' ' || (changed_at > 0)::text FROM history ORDER BY id DESC LIMIT 1"),
                 &author),
        QString());
    QCOMPARE(author.toString(), QStringLiteral("ben true"));
    QCOMPARE(ana.history().list(ofShared)->size(), 2);
}

void TeamLibraryTest::staleEditOfAnotherMemberIsRefused()
{
    const qint64 article
        = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("ben"), TeamRole::Editor } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto note = ana.annotations().annotate(article, 4, 17, {}, QStringLiteral("who?"));
    QVERIFY2(note, qPrintable(ana.errorString()));
    // Ben hides it while Ana has it open.
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    QVERIFY2(ben.annotations().setHidden(note->id, true), qPrintable(ben.errorString()));
    Annotation edited = *note;
    edited.note = QStringLiteral("who pays?");
    QVERIFY(!ana.annotations().update(edited, note->version));
    QCOMPARE(ana.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY2(ana.errorString().startsWith(u"ben changed this note at "), qPrintable(ana.errorString()));
    QVERIFY2(ana.errorString().endsWith(u" — reload"), qPrintable(ana.errorString()));
    QVERIFY(!ana.annotations().remove(note->id, note->version));
    QCOMPARE(ana.lastError().kind, StoreError::Kind::Conflict);
    const auto reloaded = ana.annotations().get(note->id);
    QCOMPARE(reloaded->note, QStringLiteral("who?"));
    QVERIFY(reloaded->hidden);
    // Reloaded, her edit goes through.
    edited.version = reloaded->version;
    QVERIFY2(ana.annotations().update(edited, reloaded->version), qPrintable(ana.errorString()));
    QCOMPARE(ben.annotations().list(byAuthor(QStringLiteral("ana")))->size(), 0); // still hidden
    QCOMPARE(ana.annotations().get(note->id)->note, QStringLiteral("who pays?"));
}

void TeamLibraryTest::editorsCodebookChangeRefusesStaleEdits()
{
    const qint64 article
        = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("ben"), TeamRole::Editor } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto note = ana.annotations().annotate(article, 4, 17, { QStringLiteral("Port") }, QStringLiteral("fees"));
    QVERIFY2(note, qPrintable(ana.errorString()));
    // Ben, an editor, removes the tag from the codebook while Ana has the passage open: its tags changed, and
    // with them its version, though the passage is hers.
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    const auto tags = ben.tags().all();
    QVERIFY(tags && tags->size() == 1);
    QVERIFY2(ben.tags().remove(tags->front().id, tags->front().version), qPrintable(ben.errorString()));
    Annotation edited = *note;
    edited.note = QStringLiteral("port fees");
    QVERIFY(!ana.annotations().update(edited, note->version));
    QCOMPARE(ana.lastError().kind, StoreError::Kind::Conflict);
    QVERIFY2(ana.errorString().startsWith(u"ben changed this note at "), qPrintable(ana.errorString()));
    const auto reloaded = ana.annotations().get(note->id);
    QCOMPARE(reloaded->tags, QStringList {});
    QCOMPARE(reloaded->note, QStringLiteral("fees"));
    QCOMPARE(ben.tags().all()->size(), 0); // the stale edit did not make the tag again
}

void TeamLibraryTest::editorsHideButNeverEdit()
{
    const qint64 article = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator },
        { QStringLiteral("ben"), TeamRole::Annotator }, { QStringLiteral("eve"), TeamRole::Editor } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto note = ana.annotations().annotate(article, 4, 17, {}, QStringLiteral("off topic"));
    QVERIFY2(note, qPrintable(ana.errorString()));
    // An annotator may not hide another's annotation.
    Library ben(url(QStringLiteral("ben")));
    OPEN(ben);
    QVERIFY(!ben.annotations().setHidden(note->id, true));
    QCOMPARE(ben.lastError().kind, StoreError::Kind::Denied);
    // An editor may; it is then listed only when asked for.
    AnnotationQuery withHidden;
    withHidden.withHidden = true;
    Library eve(url(QStringLiteral("eve")));
    OPEN(eve);
    QCOMPARE(eve.team().myRole(), TeamRole::Editor);
    QVERIFY2(eve.annotations().setHidden(note->id, true), qPrintable(eve.errorString()));
    QCOMPARE(ana.annotations().list()->size(), 0);
    const auto all = ana.annotations().list(withHidden);
    QCOMPARE(all->size(), 1);
    QVERIFY(all->front().hidden);
    // But never change its text.
    Annotation changed = *note;
    changed.note = QStringLiteral("on topic");
    QVERIFY(!eve.annotations().update(changed));
    QCOMPARE(eve.lastError().kind, StoreError::Kind::Denied);
    QVERIFY2(eve.errorString().startsWith(u"you are an editor in this library: "), qPrintable(eve.errorString()));
    QVERIFY2(eve.annotations().setHidden(note->id, false), qPrintable(eve.errorString()));
    QCOMPARE(ana.annotations().list()->front().note, QStringLiteral("off topic"));
}

void TeamLibraryTest::editorsReimportUnderOthersAnnotations()
{
    // Re-importing a changed article moves every member's passages with its text, and removing it
    // orphans them: an anchor is no author's to guard.
    const qint64 article
        = makeLibrary({ { QStringLiteral("ana"), TeamRole::Annotator }, { QStringLiteral("eve"), TeamRole::Editor } });
    QVERIFY(article >= 0);
    Library ana(url(QStringLiteral("ana")));
    OPEN(ana);
    const auto note = ana.annotations().annotate(article, 33, 47, {}, QStringLiteral("where?"));
    QVERIFY2(note, qPrintable(ana.errorString()));
    QCOMPARE(note->anchor.exact, QStringLiteral("ferry terminal"));
    Library eve(url(QStringLiteral("eve")));
    OPEN(eve);
    Article changed = *eve.articles().get(article);
    changed.body.prepend(QStringLiteral("Late news. "));
    changed.sha256 = "v2";
    QVERIFY2(eve.articles().store(changed), qPrintable(eve.errorString()));
    const auto moved = ana.annotations().get(note->id);
    QCOMPARE(moved->anchor.start, note->anchor.start + 11);
    QCOMPARE(moved->anchor.exact, QStringLiteral("ferry terminal"));
    QCOMPARE(moved->author, QStringLiteral("ana"));
    QVERIFY2(eve.articles().remove(article), qPrintable(eve.errorString()));
    const auto orphaned = ana.annotations().get(note->id);
    QCOMPARE(orphaned->state, AnnotationState::Orphaned);
    QCOMPARE(orphaned->note, QStringLiteral("where?"));
}

void TeamLibraryTest::adminsManageMembers()
{
    QVERIFY(makeLibrary({ { QStringLiteral("adam"), TeamRole::Admin } }) >= 0);
    Library adam(url(QStringLiteral("adam")));
    OPEN(adam);
    QCOMPARE(adam.team().myRole(), TeamRole::Admin);
    // A new member: its login role is made, and it reads the library.
    QVERIFY2(adam.team().add(QStringLiteral("cleo"), TeamRole::Reader), qPrintable(adam.errorString()));
    QCOMPARE(*adam.team().members(),
        (QList<TeamMember> {
            { QStringLiteral("adam"), TeamRole::Admin }, { QStringLiteral("cleo"), TeamRole::Reader } }));
    Library cleo(adam.team().urlFor(QStringLiteral("cleo")));
    OPEN(cleo);
    QCOMPARE(cleo.author(), QStringLiteral("cleo"));
    QCOMPARE(cleo.articles().count(), 1);
    QVERIFY(!cleo.annotations().annotate(1, 0, 3));
    // Another role, then none.
    QVERIFY2(adam.team().setRole(QStringLiteral("cleo"), TeamRole::Annotator), qPrintable(adam.errorString()));
    QCOMPARE(adam.team().members()->last(), (TeamMember { QStringLiteral("cleo"), TeamRole::Annotator }));
    Library cleoAgain(adam.team().urlFor(QStringLiteral("cleo")));
    OPEN(cleoAgain);
    QVERIFY2(cleoAgain.annotations().annotate(1, 0, 3), qPrintable(cleoAgain.errorString()));
    // Admins make admins.
    QVERIFY2(adam.team().add(QStringLiteral("dana"), TeamRole::Admin), qPrintable(adam.errorString()));
    Library dana(adam.team().urlFor(QStringLiteral("dana")));
    OPEN(dana);
    QCOMPARE(dana.team().myRole(), TeamRole::Admin);
    QVERIFY2(adam.team().remove(QStringLiteral("cleo")), qPrintable(adam.errorString()));
    QCOMPARE(adam.team().members()->size(), 2);
    QVERIFY(!adam.team().remove(QStringLiteral("cleo")));
    QCOMPARE(adam.lastError().kind, StoreError::Kind::NotFound);
    // No member reads nothing.
    Library gone(adam.team().urlFor(QStringLiteral("cleo")));
    QVERIFY(!gone.open());
    QCOMPARE(gone.lastError().kind, StoreError::Kind::Denied);
    QVERIFY2(
        gone.errorString().startsWith(u"you are not a member of the team library"), qPrintable(gone.errorString()));
}

void TeamLibraryTest::nonAdminsCannotManageMembers()
{
    QVERIFY(makeLibrary({ { QStringLiteral("eve"), TeamRole::Editor }, { QStringLiteral("ana"), TeamRole::Annotator } })
        >= 0);
    Library eve(url(QStringLiteral("eve")));
    OPEN(eve);
    QVERIFY(!eve.team().add(QStringLiteral("zoe"), TeamRole::Reader));
    QVERIFY2(eve.errorString().contains(u"zoe"), qPrintable(eve.errorString()));
    QVERIFY(!eve.team().setRole(QStringLiteral("ana"), TeamRole::Admin));
    QCOMPARE(eve.lastError().kind, StoreError::Kind::Denied);
    QVERIFY2(eve.errorString().startsWith(u"you are an editor in this library: "), qPrintable(eve.errorString()));
    QCOMPARE(eve.team().members()->size(), 2);
}

void TeamLibraryTest::cliTeamCommands()
{
    QVERIFY(makeLibrary({}) >= 0);
    const CliRun add = runCli({ QStringLiteral("team"), QStringLiteral("add"), QStringLiteral("dora"),
        QStringLiteral("--role"), QStringLiteral("editor"), QStringLiteral("--library"), url() });
    QVERIFY2(add.exitCode == 0, add.err.constData());
    QCOMPARE(add.lines().size(), 1);
    const QJsonObject added = add.lines().front();
    QCOMPARE(added.value(u"name").toString(), QStringLiteral("dora"));
    QCOMPARE(added.value(u"role").toString(), QStringLiteral("editor"));
    // The URL connects as the new member, without more set-up.
    const QString doraUrl = added.value(u"url").toString();
    const CliRun tag = runCli({ QStringLiteral("tag"), QStringLiteral("--library"), doraUrl, QStringLiteral("--doc"),
        QStringLiteral("1"), QStringLiteral("Checked") });
    QVERIFY2(tag.exitCode == 0, tag.err.constData());
    QVariant author;
    QCOMPARE(
        sqlAs(QStringLiteral("postgres"), QStringLiteral("SELECT author FROM tags WHERE name = 'Checked'"), &author),
        QString());
    QCOMPARE(author.toString(), QStringLiteral("dora"));
    const CliRun role = runCli({ QStringLiteral("team"), QStringLiteral("role"), QStringLiteral("dora"),
        QStringLiteral("reader"), QStringLiteral("--library"), url() });
    QVERIFY2(role.exitCode == 0, role.err.constData());
    const CliRun list = runCli({ QStringLiteral("team"), QStringLiteral("list"), QStringLiteral("--library"), url() });
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QCOMPARE(list.lines(),
        (QList<QJsonObject> { QJsonObject { { QStringLiteral("name"), QStringLiteral("dora") },
            { QStringLiteral("role"), QStringLiteral("reader") } } }));
    // A reader is told what she is when she writes.
    const CliRun refused = runCli({ QStringLiteral("annotate"), QStringLiteral("--library"), doraUrl,
        QStringLiteral("--doc"), QStringLiteral("1"), QStringLiteral("--quote"), QStringLiteral("ferry terminal") });
    QCOMPARE(refused.exitCode, 1);
    QVERIFY2(refused.err.contains("you are a reader in this library"), refused.err.constData());
    // Only admins manage members.
    const CliRun notAdmin = runCli({ QStringLiteral("team"), QStringLiteral("remove"), QStringLiteral("dora"),
        QStringLiteral("--library"), doraUrl });
    QCOMPARE(notAdmin.exitCode, 1);
    QVERIFY2(notAdmin.err.contains("you are a reader in this library"), notAdmin.err.constData());
    const CliRun remove = runCli({ QStringLiteral("team"), QStringLiteral("remove"), QStringLiteral("dora"),
        QStringLiteral("--library"), url() });
    QVERIFY2(remove.exitCode == 0, remove.err.constData());
    const CliRun empty = runCli({ QStringLiteral("team"), QStringLiteral("list"), QStringLiteral("--library"), url() });
    QCOMPARE(empty.exitCode, 0);
    QCOMPARE(empty.lines().size(), 0);
}

void TeamLibraryTest::cliTeamNeedsATeamLibrary_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("message");
    QTest::newRow("a library file") << QStringList { QStringLiteral("list"), QStringLiteral("--library"),
        QStringLiteral("/tmp/x.dossier") }
                                    << QByteArray("is a library file");
    QTest::newRow("no such role") << QStringList { QStringLiteral("add"), QStringLiteral("zoe"),
        QStringLiteral("--role"), QStringLiteral("owner") }
                                  << QByteArray("'owner' is not a role");
    QTest::newRow("no action") << QStringList {} << QByteArray("unknown team action");
    QTest::newRow("missing name") << QStringList { QStringLiteral("remove") } << QByteArray("takes 1 argument");
}

void TeamLibraryTest::cliTeamNeedsATeamLibrary()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, message);
    arguments.prepend(QStringLiteral("team"));
    if (!arguments.contains(u"--library")) {
        arguments << QStringLiteral("--library") << url();
    }
    const CliRun run = runCli(arguments);
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(message), run.err.constData());
}

QTEST_GUILESS_MAIN(TeamLibraryTest)
#include "teamlibrary_test.moc"
