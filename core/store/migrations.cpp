#include "store/migrations_p.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <array>

namespace Dossier::Core::Migrations
{

namespace
{

// Version 1: articles, library-wide entities, per-article entity links and aliases, mentions,
// and an FTS5 index over title + body kept in step by triggers.
constexpr const char *version1[] = {
    R"(CREATE TABLE articles (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL,
        size INTEGER NOT NULL DEFAULT 0,
        modified INTEGER NOT NULL DEFAULT 0,
        format TEXT NOT NULL,
        encoding TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        body TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT '',
        date TEXT NOT NULL DEFAULT '',
        source TEXT NOT NULL DEFAULT '',
        dateline TEXT NOT NULL DEFAULT '',
        author TEXT NOT NULL DEFAULT '',
        url TEXT NOT NULL DEFAULT '',
        language TEXT NOT NULL DEFAULT '',
        entity_count INTEGER NOT NULL DEFAULT 0,
        imported_at INTEGER NOT NULL
    ))",
    "CREATE INDEX articles_date ON articles(date)",
    "CREATE INDEX articles_title ON articles(title COLLATE NOCASE)",
    "CREATE INDEX articles_source ON articles(source COLLATE NOCASE)",
    R"(CREATE TABLE entities (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        UNIQUE (type, key)
    ))",
    R"(CREATE TABLE article_entities (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        position INTEGER NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (article_id, entity_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX article_entities_entity ON article_entities(entity_id)",
    R"(CREATE TABLE article_aliases (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        alias TEXT NOT NULL,
        key TEXT NOT NULL,
        PRIMARY KEY (article_id, entity_id, alias)
    ) WITHOUT ROWID)",
    "CREATE INDEX article_aliases_key ON article_aliases(key)",
    "CREATE INDEX article_aliases_entity ON article_aliases(entity_id)",
    R"(CREATE TABLE mentions (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        type TEXT NOT NULL,
        entity_id INTEGER NOT NULL REFERENCES entities(id),
        PRIMARY KEY (article_id, start)
    ) WITHOUT ROWID)",
    "CREATE INDEX mentions_entity ON mentions(entity_id)",
    R"(CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    ))",
    R"(CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
    R"(CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END)",
    R"(CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
};

// Version 2: the document list sorts by entity count in SQL.
constexpr const char *version2[] = {
    "CREATE INDEX articles_entity_count ON articles(entity_count)",
};

// Version 3: the long texts leave the articles table, so listing, sorting and filtering read
// small rows only (at 100,000 articles the wide rows made every filtered list read the bodies).
// The FTS index now takes its content from article_texts.
constexpr const char *version3[] = {
    R"(CREATE TABLE article_texts (
        id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        raw_text TEXT NOT NULL,
        body TEXT NOT NULL
    ))",
    "INSERT INTO article_texts (id, title, raw_text, body) SELECT id, title, raw_text, body FROM articles",
    "DROP TRIGGER articles_fts_insert",
    "DROP TRIGGER articles_fts_delete",
    "DROP TRIGGER articles_fts_update",
    "DROP TABLE articles_fts",
    "ALTER TABLE articles DROP COLUMN raw_text",
    "ALTER TABLE articles DROP COLUMN body",
    R"(CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='article_texts', content_rowid='id',
        tokenize='unicode61 remove_diacritics 2'
    ))",
    R"(CREATE TRIGGER article_texts_fts_insert AFTER INSERT ON article_texts BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
    R"(CREATE TRIGGER article_texts_fts_delete AFTER DELETE ON article_texts BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END)",
    R"(CREATE TRIGGER article_texts_fts_update AFTER UPDATE ON article_texts BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
    "INSERT INTO articles_fts(articles_fts) VALUES ('rebuild')",
};

// Version 4: the analyst's own work. A codebook of tags (each with its colour), tags on articles,
// and annotations: highlighted passages anchored by quote + context + offsets, with their tags in
// order and a note. Annotations outlive their article (article_id turns NULL and the annotation
// is orphaned) so that removing or re-importing an article never loses one.
constexpr const char *version4[] = {
    R"(CREATE TABLE tags (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        color TEXT NOT NULL,
        created_at INTEGER NOT NULL
    ))",
    R"(CREATE TABLE article_tags (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        PRIMARY KEY (article_id, tag_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX article_tags_tag ON article_tags(tag_id, article_id)",
    R"(CREATE TABLE annotations (
        id INTEGER PRIMARY KEY,
        article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
        article_path TEXT NOT NULL,
        article_sha256 TEXT NOT NULL,
        start INTEGER NOT NULL,
        end INTEGER NOT NULL,
        exact TEXT NOT NULL,
        prefix TEXT NOT NULL,
        suffix TEXT NOT NULL,
        color TEXT NOT NULL DEFAULT '',
        note TEXT NOT NULL DEFAULT '',
        state TEXT NOT NULL DEFAULT 'anchored',
        previous_exact TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        modified_at INTEGER NOT NULL
    ))",
    "CREATE INDEX annotations_article ON annotations(article_id, start)",
    "CREATE INDEX annotations_path ON annotations(article_path)",
    R"(CREATE TABLE annotation_tags (
        annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        position INTEGER NOT NULL,
        PRIMARY KEY (annotation_id, tag_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX annotation_tags_tag ON annotation_tags(tag_id, annotation_id)",
    R"(CREATE TRIGGER articles_orphan_annotations BEFORE DELETE ON articles BEGIN
        UPDATE annotations SET article_id = NULL, state = 'orphaned' WHERE article_id = old.id;
    END)",
};

// Version 5: the analyst's corrections to entities. Rules map an entity (or one surface form of
// it) to another name and type, or suppress it; a watchlist of names to find in every article;
// the articles waiting to be re-tagged after a change; and a counter that tells every open
// connection (other processes too) to reload the rules.
constexpr const char *version5[] = {
    R"(CREATE TABLE entity_rules (
        id INTEGER PRIMARY KEY,
        scope TEXT NOT NULL,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        label TEXT NOT NULL,
        action TEXT NOT NULL,
        target_type TEXT NOT NULL DEFAULT '',
        target_name TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        UNIQUE (scope, type, key)
    ))",
    R"(CREATE TABLE watchlist (
        id INTEGER PRIMARY KEY,
        type TEXT NOT NULL,
        key TEXT NOT NULL,
        name TEXT NOT NULL,
        aliases TEXT NOT NULL DEFAULT '[]',
        created_at INTEGER NOT NULL,
        UNIQUE (type, key)
    ))",
    R"(CREATE TABLE retag_queue (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE
    ))",
    "CREATE TABLE curation_state (version INTEGER NOT NULL)",
    "INSERT INTO curation_state (version) VALUES (0)",
};

// Version 6: the library says what it is. SQLite's application_id marks the file as a Dossier
// library, so that Dossier can refuse another program's database instead of changing it.
constexpr const char *version6[] = {
    "PRAGMA application_id = 1148154739",
};

// Version 7: a second full-text index over the same texts whose words are reduced to their stems
// (Porter), so "attack" finds "attacks" and "attacked". Quoted words and phrases still search
// articles_fts, word for word (store/searchplan.cpp chooses). And the page starts of paged
// articles (PDF: body offsets, comma-separated), so a passage can say which page it is on.
constexpr const char *version7[] = {
    "ALTER TABLE article_texts ADD COLUMN page_starts TEXT NOT NULL DEFAULT ''",
    R"(CREATE VIRTUAL TABLE articles_stem USING fts5(
        title, body, content='article_texts', content_rowid='id',
        tokenize='porter unicode61 remove_diacritics 2'
    ))",
    R"(CREATE TRIGGER article_texts_stem_insert AFTER INSERT ON article_texts BEGIN
        INSERT INTO articles_stem(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
    R"(CREATE TRIGGER article_texts_stem_delete AFTER DELETE ON article_texts BEGIN
        INSERT INTO articles_stem(articles_stem, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
    END)",
    R"(CREATE TRIGGER article_texts_stem_update AFTER UPDATE ON article_texts BEGIN
        INSERT INTO articles_stem(articles_stem, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
        INSERT INTO articles_stem(rowid, title, body) VALUES (new.id, new.title, new.body);
    END)",
    "INSERT INTO articles_stem(articles_stem) VALUES ('rebuild')",
};

// Version 8: watched folders. Folders whose new and changed files are imported as they appear
// (import/folderwatcher.cpp), each with its state (ok, or missing: gone from the disk, nothing of
// it removed from the library) and the time it was last scanned (ms since the epoch, 0: never).
constexpr const char *version8[] = {
    R"(CREATE TABLE watched_folders (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL UNIQUE,
        state TEXT NOT NULL DEFAULT 'ok',
        last_scan INTEGER NOT NULL DEFAULT 0,
        added_at INTEGER NOT NULL
    ))",
};

// Version 9: near-duplicates (core/analysis/nearduplicates.h). Each article's MinHash signature
// (128 little-endian 32-bit minima over its body's 5-word shingles; empty when the body has no word)
// and its 42 LSH band keys (32-bit), so that the copies of a story are found without comparing every pair.
// Articles of an upgraded library get theirs lazily: DuplicateStore computes the missing ones
// before it looks for copies.
constexpr const char *version9[] = {
    R"(CREATE TABLE article_signatures (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        signature BLOB NOT NULL
    ))",
    R"(CREATE TABLE article_bands (
        band INTEGER NOT NULL,
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        PRIMARY KEY (band, article_id)
    ) WITHOUT ROWID)",
    "CREATE INDEX article_bands_article ON article_bands(article_id)",
};

// Version 10: saved searches. A search query and the rest of the document list's filter (entities
// by type and name, tags by name, the publication period; JSON) under a name, with when it was
// saved and last opened and how many articles it listed then, so that what was imported since is
// told apart (articles.imported_at after last_opened).
constexpr const char *version10[] = {
    R"(CREATE TABLE saved_searches (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        query TEXT NOT NULL DEFAULT '',
        filters TEXT NOT NULL DEFAULT '{}',
        created INTEGER NOT NULL,
        last_opened INTEGER NOT NULL,
        last_count INTEGER NOT NULL DEFAULT 0
    ))",
};

// Version 11: stories. The copies of one story (the articles DuplicateStore::copiesOf() connects)
// share a story id, so that the document list can show one row per story in SQL (View › Group
// Copies). Kept with each stored, updated or removed article (stories.cpp); the articles of an
// upgraded library get theirs the first time the list is grouped (fillMissingStories()).
constexpr const char *version11[] = {
    R"(CREATE TABLE article_stories (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        story_id INTEGER NOT NULL
    ))",
    "CREATE INDEX article_stories_story ON article_stories(story_id, article_id)",
    // A story's id is its smallest article id (stories.cpp): one entry per story, counted without
    // sorting every story id (100,000 articles: 3-35 ms instead of 110-170 ms).
    "CREATE INDEX article_stories_lead ON article_stories(article_id) WHERE story_id = article_id",
};

// Version 12: authorship (issue 17). Annotations, tags, article tags and entity rules say who made
// them (the store writes the local user's name into a library file; on a team library the server
// writes its role, migrationsserver.cpp), article tags when, tags when last changed. Rows made
// before have no author (''). An annotation can be private to its author ('private': only the
// author sees it on a team library) and hidden by an editor (hidden = 1: kept, not shown).
constexpr const char *version12[] = {
    "ALTER TABLE annotations ADD COLUMN author TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE annotations ADD COLUMN visibility TEXT NOT NULL DEFAULT 'shared'",
    "ALTER TABLE annotations ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE tags ADD COLUMN author TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE tags ADD COLUMN modified_at INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE article_tags ADD COLUMN author TEXT NOT NULL DEFAULT ''",
    "ALTER TABLE article_tags ADD COLUMN created_at INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE entity_rules ADD COLUMN author TEXT NOT NULL DEFAULT ''",
    "CREATE INDEX annotations_author ON annotations(author)",
};

// Version 13: history and versions (issue 17). An append-only record of every change to the
// analyst's work, written by triggers so that no client skips it: the table and row, what was done,
// who did it, when (ms since the epoch, UTC) and the row's fields before and after (JSON). The
// annotations' row holds its anchor and tags too, so that a deleted one can be re-created. The
// triggers of a library file leave the author empty and the connection fills it in with the local
// user (a TEMP trigger of library.cpp: only the author of a row without one may be set); a row
// written by another program keeps it empty. On a team library the server writes current_user
// (migrationsserver.cpp). And a version on each editable row, counted up by each change of its
// editable fields, so that an edit made on a stale copy is refused (AnnotationStore::update()).
constexpr const char *version13[] = {
    "ALTER TABLE annotations ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE tags ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    "ALTER TABLE entity_rules ADD COLUMN version INTEGER NOT NULL DEFAULT 1",
    R"(CREATE TABLE history (
        id INTEGER PRIMARY KEY,
        table_name TEXT NOT NULL,
        row_id INTEGER NOT NULL,
        article_id INTEGER,
        action TEXT NOT NULL,
        author TEXT NOT NULL DEFAULT '',
        changed_at INTEGER NOT NULL,
        before_row TEXT,
        after_row TEXT,
        private_author TEXT NOT NULL DEFAULT ''
    ))",
    "CREATE INDEX history_row ON history(table_name, row_id, id)",
    "CREATE INDEX history_article ON history(article_id, id)",
    R"(CREATE TRIGGER history_append_only BEFORE UPDATE ON history WHEN OLD.author <> '' BEGIN
        SELECT RAISE(ABORT, 'the history of a library is append-only');
    END)",
    R"(CREATE TRIGGER history_fixed BEFORE UPDATE OF id, table_name, row_id, article_id, action, changed_at,
        before_row, after_row, private_author ON history BEGIN
        SELECT RAISE(ABORT, 'the history of a library is append-only');
    END)",
    R"(CREATE TRIGGER history_kept BEFORE DELETE ON history BEGIN
        SELECT RAISE(ABORT, 'the history of a library is append-only');
    END)",
    R"(CREATE TRIGGER annotations_history_insert AFTER INSERT ON annotations BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, after_row, private_author)
        VALUES ('annotations', NEW.id, NEW.article_id, 'insert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('article_id', NEW.article_id, 'article_path', NEW.article_path, 'article_sha256', NEW.article_sha256, 'start', NEW.start, 'end', NEW."end", 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'note', NEW.note, 'color', NEW.color, 'visibility', NEW.visibility, 'hidden', NEW.hidden, 'author', NEW.author, 'created_at', NEW.created_at, 'tags', json((SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = NEW.id ORDER BY x.position)))), CASE NEW.visibility WHEN 'private' THEN NEW.author ELSE '' END);
    END)",
    R"(CREATE TRIGGER annotations_history_update AFTER UPDATE OF note, color, visibility, hidden ON annotations
        WHEN (OLD.note, OLD.color, OLD.visibility, OLD.hidden) IS NOT (NEW.note, NEW.color, NEW.visibility, NEW.hidden)
    BEGIN
        UPDATE annotations SET version = OLD.version + 1 WHERE id = NEW.id;
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, before_row, after_row, private_author)
        VALUES ('annotations', NEW.id, NEW.article_id, 'update', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('article_id', OLD.article_id, 'article_path', OLD.article_path, 'article_sha256', OLD.article_sha256, 'start', OLD.start, 'end', OLD."end", 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'note', OLD.note, 'color', OLD.color, 'visibility', OLD.visibility, 'hidden', OLD.hidden, 'author', OLD.author, 'created_at', OLD.created_at, 'tags', json((SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = OLD.id ORDER BY x.position)))), json_object('article_id', NEW.article_id, 'article_path', NEW.article_path, 'article_sha256', NEW.article_sha256, 'start', NEW.start, 'end', NEW."end", 'exact', NEW.exact, 'prefix', NEW.prefix, 'suffix', NEW.suffix, 'note', NEW.note, 'color', NEW.color, 'visibility', NEW.visibility, 'hidden', NEW.hidden, 'author', NEW.author, 'created_at', NEW.created_at, 'tags', json((SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = NEW.id ORDER BY x.position)))), CASE WHEN 'private' IN (OLD.visibility, NEW.visibility) THEN NEW.author ELSE '' END);
    END)",
    R"(CREATE TRIGGER annotations_history_delete BEFORE DELETE ON annotations BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, before_row, private_author)
        VALUES ('annotations', OLD.id, OLD.article_id, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('article_id', OLD.article_id, 'article_path', OLD.article_path, 'article_sha256', OLD.article_sha256, 'start', OLD.start, 'end', OLD."end", 'exact', OLD.exact, 'prefix', OLD.prefix, 'suffix', OLD.suffix, 'note', OLD.note, 'color', OLD.color, 'visibility', OLD.visibility, 'hidden', OLD.hidden, 'author', OLD.author, 'created_at', OLD.created_at, 'tags', json((SELECT json_group_array(name) FROM (SELECT t.name FROM annotation_tags x JOIN tags t ON t.id = x.tag_id WHERE x.annotation_id = OLD.id ORDER BY x.position)))), CASE OLD.visibility WHEN 'private' THEN OLD.author ELSE '' END);
    END)",
    // An annotation's tags: each one added or taken off, but not those its deletion takes along
    // (the annotation's own row lists them).
    R"(CREATE TRIGGER annotation_tags_history_insert AFTER INSERT ON annotation_tags BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, after_row, private_author)
        SELECT 'annotation_tags', NEW.annotation_id, a.article_id, 'insert',
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('annotation_id', NEW.annotation_id, 'tag_id', NEW.tag_id, 'tag',
                (SELECT name FROM tags WHERE id = NEW.tag_id), 'position', NEW.position),
            CASE a.visibility WHEN 'private' THEN a.author ELSE '' END
        FROM annotations a WHERE a.id = NEW.annotation_id;
    END)",
    R"(CREATE TRIGGER annotation_tags_history_delete BEFORE DELETE ON annotation_tags BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, before_row, private_author)
        SELECT 'annotation_tags', OLD.annotation_id, a.article_id, 'delete',
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('annotation_id', OLD.annotation_id, 'tag_id', OLD.tag_id, 'tag',
                (SELECT name FROM tags WHERE id = OLD.tag_id), 'position', OLD.position),
            CASE a.visibility WHEN 'private' THEN a.author ELSE '' END
        FROM annotations a WHERE a.id = OLD.annotation_id;
    END)",
    R"(CREATE TRIGGER article_tags_history_insert AFTER INSERT ON article_tags BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, after_row)
        VALUES ('article_tags', NEW.article_id, NEW.article_id, 'insert',
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('article_id', NEW.article_id, 'tag_id', NEW.tag_id, 'tag',
                (SELECT name FROM tags WHERE id = NEW.tag_id), 'author', NEW.author, 'created_at', NEW.created_at));
    END)",
    R"(CREATE TRIGGER article_tags_history_delete BEFORE DELETE ON article_tags BEGIN
        INSERT INTO history (table_name, row_id, article_id, action, changed_at, before_row)
        VALUES ('article_tags', OLD.article_id, OLD.article_id, 'delete',
            CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('article_id', OLD.article_id, 'tag_id', OLD.tag_id, 'tag',
                (SELECT name FROM tags WHERE id = OLD.tag_id), 'author', OLD.author, 'created_at', OLD.created_at));
    END)",
    R"(CREATE TRIGGER tags_history_insert AFTER INSERT ON tags BEGIN
        INSERT INTO history (table_name, row_id, action, changed_at, after_row)
        VALUES ('tags', NEW.id, 'insert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('name', NEW.name, 'color', NEW.color, 'author', NEW.author, 'created_at', NEW.created_at));
    END)",
    R"(CREATE TRIGGER tags_history_update AFTER UPDATE OF name, color ON tags
        WHEN (OLD.name, OLD.color) IS NOT (NEW.name, NEW.color)
    BEGIN
        UPDATE tags SET version = OLD.version + 1 WHERE id = NEW.id;
        INSERT INTO history (table_name, row_id, action, changed_at, before_row, after_row)
        VALUES ('tags', NEW.id, 'update', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('name', OLD.name, 'color', OLD.color, 'author', OLD.author, 'created_at', OLD.created_at),
            json_object('name', NEW.name, 'color', NEW.color, 'author', NEW.author, 'created_at', NEW.created_at));
    END)",
    R"(CREATE TRIGGER tags_history_delete BEFORE DELETE ON tags BEGIN
        INSERT INTO history (table_name, row_id, action, changed_at, before_row)
        VALUES ('tags', OLD.id, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('name', OLD.name, 'color', OLD.color, 'author', OLD.author, 'created_at', OLD.created_at));
    END)",
    R"(CREATE TRIGGER entity_rules_history_insert AFTER INSERT ON entity_rules BEGIN
        INSERT INTO history (table_name, row_id, action, changed_at, after_row)
        VALUES ('entity_rules', NEW.id, 'insert', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object('scope', NEW.scope, 'type', NEW.type, 'key', NEW.key, 'label', NEW.label, 'action', NEW.action, 'target_type', NEW.target_type, 'target_name', NEW.target_name, 'author', NEW.author, 'created_at', NEW.created_at));
    END)",
    R"(CREATE TRIGGER entity_rules_history_update AFTER UPDATE OF scope, type, key, label, action, target_type,
        target_name ON entity_rules
    BEGIN
        UPDATE entity_rules SET version = OLD.version + 1 WHERE id = NEW.id;
        INSERT INTO history (table_name, row_id, action, changed_at, before_row, after_row)
        VALUES ('entity_rules', NEW.id, 'update', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER),
            json_object('scope', OLD.scope, 'type', OLD.type, 'key', OLD.key, 'label', OLD.label, 'action', OLD.action, 'target_type', OLD.target_type, 'target_name', OLD.target_name, 'author', OLD.author, 'created_at', OLD.created_at), json_object('scope', NEW.scope, 'type', NEW.type, 'key', NEW.key, 'label', NEW.label, 'action', NEW.action, 'target_type', NEW.target_type, 'target_name', NEW.target_name, 'author', NEW.author, 'created_at', NEW.created_at));
    END)",
    R"(CREATE TRIGGER entity_rules_history_delete BEFORE DELETE ON entity_rules BEGIN
        INSERT INTO history (table_name, row_id, action, changed_at, before_row)
        VALUES ('entity_rules', OLD.id, 'delete', CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER), json_object('scope', OLD.scope, 'type', OLD.type, 'key', OLD.key, 'label', OLD.label, 'action', OLD.action, 'target_type', OLD.target_type, 'target_name', OLD.target_name, 'author', OLD.author, 'created_at', OLD.created_at));
    END)",
};

// Version 14: what the timeline's events and co-occurrence by sentence compute per article, written
// with its mentions (sentencerows.cpp) so that those views need not read and cut every listed body.
// article_sentences: every article's mentions in start order with the sentence around each (a row
// per article, empty when it has none: its presence says the article's rows are written);
// article_events: each DATE mention whose sentence says something besides its dates, with that
// sentence, its code-point offsets and the people, organisations and places named in it (ids,
// space-separated). The articles of an upgraded library get theirs from a background fill
// (TimelineQuery::fillSentenceRows()); until every article has its row the views read the bodies.
constexpr const char *version14[] = {
    R"(CREATE TABLE article_sentences (
        article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        mentions BLOB NOT NULL
    ))",
    R"(CREATE TABLE article_events (
        article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        date_start INTEGER NOT NULL,
        date_end INTEGER NOT NULL,
        date_entity_id INTEGER NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        start_cp INTEGER NOT NULL,
        end_cp INTEGER NOT NULL,
        sentence TEXT NOT NULL,
        entities TEXT NOT NULL
    ))",
    "CREATE INDEX article_events_article ON article_events(article_id)",
};

// Version 15: files gone from the disk, and what an article came in (issue 15). missing_since is
// when a watched folder's check found the article's file gone (ms since the epoch; 0: it is there):
// nothing of the article is removed, and the mark goes when the file is back. parent_id links an
// article read from inside another (an e-mail's attachment) to the article it came in (its
// message); NULL for a file of its own and for a message of a mailbox (the mailbox is no article).
// An upgraded library's parts get theirs from their paths ("FILE#PART": the article at FILE; the
// rtrim() keeps the path up to its last '#').
constexpr const char *version15[] = {
    "ALTER TABLE articles ADD COLUMN missing_since INTEGER NOT NULL DEFAULT 0",
    "ALTER TABLE articles ADD COLUMN parent_id INTEGER REFERENCES articles(id) ON DELETE SET NULL",
    "CREATE INDEX articles_parent ON articles(parent_id) WHERE parent_id IS NOT NULL",
    "CREATE INDEX articles_missing ON articles(missing_since) WHERE missing_since <> 0",
    R"(UPDATE articles SET parent_id = (SELECT p.id FROM articles p WHERE p.path = substr(rtrim(articles.path,
        replace(articles.path, '#', '')), 1, length(rtrim(articles.path, replace(articles.path, '#', ''))) - 1)
        AND p.format = 'email') WHERE instr(path, '#') > 0)",
};

// Version 16: the timeline's events by date (TimelineQuery::eventDates() counts them, and a page of
// them is read by its dates) without reading every dated sentence: 1.4 s for the whole library at
// 100,000 articles without the index. The dates of a filtered list's events come from the index by
// article, which holds them too.
constexpr const char *version16[] = {
    "CREATE INDEX article_events_date ON article_events(date_entity_id, article_id)",
    "DROP INDEX article_events_article",
    "CREATE INDEX article_events_article ON article_events(article_id, date_entity_id)",
};

struct Step {
    const char *const *statements;
    size_t count;
};

template<size_t N> constexpr Step step(const char *const (&statements)[N])
{
    return Step { statements, N };
}

// steps[i] takes the schema from version i to version i + 1. Append; never edit a released step.
// Every step after version 10 needs its PostgreSQL spelling in migrationsserver.cpp too.
constexpr std::array steps { step(version1), step(version2), step(version3), step(version4), step(version5),
    step(version6), step(version7), step(version8), step(version9), step(version10), step(version11), step(version12),
    step(version13), step(version14), step(version15), step(version16) };

} // namespace

int latestVersion()
{
    return int(steps.size());
}

bool migrate(QSqlDatabase &db, QString *error)
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
        *error = QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text());
        return false;
    }
    const int current = query.value(0).toInt();
    if (current > latestVersion()) {
        *error = QStringLiteral("this library was written by a newer Dossier (schema version %1; this build knows up "
                                "to %2); it was left untouched")
                     .arg(current)
                     .arg(latestVersion());
        return false;
    }
    query.finish();
    for (int version = current; version < latestVersion(); ++version) {
        // IMMEDIATE takes the write lock first, waiting (busy timeout) for another process opening
        // the same new library at this moment; a deferred transaction would fail instead of waiting.
        if (!query.exec(QStringLiteral("BEGIN IMMEDIATE"))) {
            *error = QStringLiteral("cannot start the migration: %1").arg(query.lastError().text());
            return false;
        }
        // That process may have taken the library past this step meanwhile.
        if (!query.exec(QStringLiteral("PRAGMA user_version")) || !query.next()) {
            *error = QStringLiteral("cannot read the schema version: %1").arg(query.lastError().text());
            db.rollback();
            return false;
        }
        const int now = query.value(0).toInt();
        query.finish();
        if (now > version) {
            db.rollback();
            version = now - 1;
            continue;
        }
        const Step &s = steps[size_t(version)];
        for (size_t i = 0; i < s.count; ++i) {
            if (!query.exec(QString::fromUtf8(s.statements[i]))) {
                *error = QStringLiteral("migration to version %1 failed: %2")
                             .arg(version + 1)
                             .arg(query.lastError().text());
                db.rollback();
                return false;
            }
        }
        if (!query.exec(QStringLiteral("PRAGMA user_version = %1").arg(version + 1)) || !db.commit()) {
            *error = QStringLiteral("migration to version %1 failed: %2").arg(version + 1).arg(db.lastError().text());
            db.rollback();
            return false;
        }
    }
    return true;
}

} // namespace Dossier::Core::Migrations
