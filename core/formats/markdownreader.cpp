#include "formats/markdownreader.h"

#include "analysis/dates.h"
#include "formats/htmldom.h"
#include "formats/officetext.h"
#include "formats/textdecoder.h"

#include <QRegularExpression>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>
#include <cstring>
#include <memory>
#include <mutex>

namespace Dossier::Core
{

namespace
{

void applyFrontMatter(const QString &key, const QString &value, ArticleMetadata *meta)
{
    if (key == u"title") {
        meta->title = value;
    } else if (key == u"date" || key == u"published") {
        meta->date = Dates::parse(value);
    } else if (key == u"source" || key == u"publisher" || key == u"site") {
        meta->source = value;
    } else if (key == u"author" || key == u"by") {
        meta->author = value;
    } else if (key == u"url" || key == u"link") {
        meta->url = value;
    } else if (key == u"lang" || key == u"language") {
        meta->language = value;
    } else if (key == u"dateline") {
        meta->dateline = value;
    }
}

// Reads a leading YAML front matter block ("---" lines around "key: value" lines) into \a meta and
// returns the text after it (the whole text when there is none; nothing when it is not closed).
QString readFrontMatter(const QString &text, ArticleMetadata *meta)
{
    QStringList lines = text.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
    }
    if (lines.isEmpty() || lines.front().trimmed() != u"---") {
        return text;
    }
    static const QRegularExpression field(QStringLiteral(R"(^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$)"));
    qsizetype i = 1;
    for (; i < lines.size() && lines[i].trimmed() != u"---"; ++i) {
        const auto match = field.match(lines[i]);
        if (match.hasMatch()) {
            QString value = match.captured(2);
            if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'')
                && value.back() == value.front()) {
                value = value.mid(1, value.size() - 2);
            }
            applyFrontMatter(match.captured(1).toLower(), value, meta);
        }
    }
    return lines.mid(i + 1).join(QLatin1Char('\n'));
}

struct ParserDeleter {
    void operator()(cmark_parser *parser) const { cmark_parser_free(parser); }
};
struct NodeDeleter {
    void operator()(cmark_node *node) const { cmark_node_free(node); }
};
struct IterDeleter {
    void operator()(cmark_iter *iter) const { cmark_iter_free(iter); }
};

QString literal(cmark_node *node)
{
    const char *text = cmark_node_get_literal(node);
    return text != nullptr ? QString::fromUtf8(text) : QString();
}

// A footnote is known by the definition node cmark links each of its references to, not by label.
QString noteKey(const cmark_node *definition)
{
    return QString::number(quintptr(definition), 16);
}

bool isType(cmark_node *node, const char *name)
{
    const char *type = cmark_node_get_type_string(node);
    return type != nullptr && std::strcmp(type, name) == 0;
}

// Parses \a markdown as CommonMark with the GitHub tables, strikethrough and bare links (and footnotes).
cmark_node *parse(const QByteArray &markdown)
{
    // cmark-gfm is not thread-safe with extensions: their registry is process-wide, and each parse
    // adds their characters to a global table of special characters and removes them again at its
    // end (github/cmark-gfm#221), so a parse beside another one misses "~~" or a bare link
    // (markdownreader_test's readsTheSameOnManyThreads fails without the lock). One parse at a time;
    // walking the tree after it needs no lock.
    static std::mutex mutex;
    const std::lock_guard lock(mutex);
    static const bool registered = [] {
        cmark_gfm_core_extensions_ensure_registered();
        return true;
    }();
    (void)registered;
    const std::unique_ptr<cmark_parser, ParserDeleter> parser(cmark_parser_new(CMARK_OPT_FOOTNOTES));
    for (const char *name : { "table", "strikethrough", "autolink" }) {
        if (cmark_syntax_extension *extension = cmark_find_syntax_extension(name)) {
            cmark_parser_attach_syntax_extension(parser.get(), extension);
        }
    }
    cmark_parser_feed(parser.get(), markdown.constData(), size_t(markdown.size()));
    return cmark_parser_finish(parser.get());
}

// The first paragraph of a list item carries its bullet.
bool startsListItem(cmark_node *paragraph)
{
    cmark_node *parent = cmark_node_parent(paragraph);
    return parent != nullptr && cmark_node_get_type(parent) == CMARK_NODE_ITEM
        && cmark_node_first_child(parent) == paragraph;
}

// Adds the blocks of an HTML block: its text without tags, entities decoded (gumbo parses it; scripts
// and styles are dropped, nothing runs or is fetched).
void addHtmlBlock(const QString &html, OfficeTextBuilder *text)
{
    for (const QString &paragraph : Html::stripTags(html).split(QStringLiteral("\n\n"))) {
        text->beginParagraph();
        text->addText(paragraph);
        text->endParagraph();
    }
}

// Walks the CommonMark tree (without recursion: cmark's iterator) into \a text.
void collect(cmark_node *document, OfficeTextBuilder *text)
{
    const std::unique_ptr<cmark_iter, IterDeleter> iter(cmark_iter_new(document));
    cmark_event_type event;
    while ((event = cmark_iter_next(iter.get())) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter.get());
        const bool enter = event == CMARK_EVENT_ENTER;
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_PARAGRAPH:
            if (enter) {
                text->beginParagraph();
                if (startsListItem(node)) {
                    text->setListItem();
                }
            } else {
                text->endParagraph();
            }
            break;
        case CMARK_NODE_HEADING:
            if (enter) {
                text->beginParagraph(cmark_node_get_heading_level(node));
            } else {
                text->endParagraph();
            }
            break;
        case CMARK_NODE_CODE_BLOCK: {
            QString code = literal(node);
            if (code.endsWith(QLatin1Char('\n'))) {
                code.chop(1);
            }
            text->beginParagraph();
            text->setPreformatted();
            text->addText(code);
            text->endParagraph();
            break;
        }
        case CMARK_NODE_HTML_BLOCK:
            addHtmlBlock(literal(node), text);
            break;
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            text->addText(literal(node));
            break;
        case CMARK_NODE_SOFTBREAK:
            text->addText(u" ");
            break;
        case CMARK_NODE_LINEBREAK:
            text->addText(u"\n");
            break;
        case CMARK_NODE_HTML_INLINE: {
            // Tags in a paragraph are dropped (their text is text nodes around them); a <br> breaks the line.
            static const QRegularExpression lineBreak(
                QStringLiteral(R"(^<br\b)"), QRegularExpression::CaseInsensitiveOption);
            if (lineBreak.match(literal(node)).hasMatch()) {
                text->addText(u"\n");
            }
            break;
        }
        case CMARK_NODE_FOOTNOTE_REFERENCE:
            // Entered and left like a container; cmark links it to its definition (kept at the end).
            if (enter) {
                text->citeNote(noteKey(cmark_node_parent_footnote_def(node)));
            }
            break;
        case CMARK_NODE_FOOTNOTE_DEFINITION:
            if (enter) {
                text->beginNote(noteKey(node));
            } else {
                text->endNote();
            }
            break;
        default:
            // The GitHub tables: a row a line, cells joined by " | ", the header row included.
            if (isType(node, "table")) {
                if (enter) {
                    text->beginTable();
                } else {
                    text->endTable();
                }
            } else if (isType(node, "table_header") || isType(node, "table_row")) {
                if (enter) {
                    text->beginRow();
                } else {
                    text->endRow();
                }
            } else if (isType(node, "table_cell")) {
                if (enter) {
                    text->beginCell();
                    text->beginParagraph();
                } else {
                    text->endParagraph();
                    text->endCell();
                }
            }
            // Emphasis, strong, strikethrough, links and images (their text, the alt text) are
            // containers whose marks and URLs go; block quotes, lists and items hold blocks.
            break;
        }
    }
}

} // namespace

QString MarkdownReader::format() const
{
    return QStringLiteral("markdown");
}

int MarkdownReader::confidence(QStringView suffix, QByteArrayView) const
{
    return suffix == u"md" || suffix == u"markdown" || suffix == u"mdown" ? 90 : 0;
}

ReadResult MarkdownReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    ReadResult result;
    DecodeResult decoded = TextDecoder::decode(bytes);
    if (!decoded.ok()) {
        result.error = decoded.error;
        return result;
    }
    result.encoding = decoded.encoding;
    result.rawText = std::move(decoded.text);
    if (options.raw) {
        result.body = result.rawText;
        return result;
    }

    ArticleMetadata meta;
    const QByteArray markdown = readFrontMatter(result.rawText, &meta).toUtf8();

    const std::unique_ptr<cmark_node, NodeDeleter> document(parse(markdown));

    OfficeTextBuilder text;
    if (document) {
        collect(document.get(), &text);
    }
    // The builder's blocks make the body (and a leading top-level heading the title); the raw text
    // and its encoding stay the file's.
    ReadResult built;
    text.finish(&built, meta, false);
    result.meta = built.meta;
    result.body = built.body;
    result.error = built.error;
    return result;
}

} // namespace Dossier::Core
