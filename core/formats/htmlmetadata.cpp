#include "formats/htmlmetadata.h"

#include "analysis/dates.h"
#include "formats/htmldom.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace Dossier::Core::Html
{

namespace
{

struct JsonLdArticle {
    QString headline;
    QString date;
    QString author;
    QString publisher;
    QString body;
    QString url;
    QString language;
};

bool isArticleType(const QJsonValue &type)
{
    static const QRegularExpression articleType(QStringLiteral("Article$|^BlogPosting$|^Report$|^LiveBlogPosting$"));
    if (type.isArray()) {
        for (const QJsonValue t : type.toArray()) {
            if (isArticleType(t)) {
                return true;
            }
        }
        return false;
    }
    return articleType.match(type.toString()).hasMatch();
}

// A name from a string, an object with "name", or an array of either (joined with ", ").
QString nameOf(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString().trimmed();
    }
    if (value.isObject()) {
        return nameOf(value.toObject().value(QLatin1String("name")));
    }
    if (value.isArray()) {
        QStringList names;
        for (const QJsonValue v : value.toArray()) {
            const QString name = nameOf(v);
            if (!name.isEmpty() && !names.contains(name)) {
                names.append(name);
            }
        }
        return names.join(QStringLiteral(", "));
    }
    return {};
}

// A publishing system's caption shortcode in the text it exports ('[caption id="…"]A gardener waters
// seedlings. Image: …[/caption]The waiting list …'): the picture's caption and credit, not the article.
QString withoutCaptionShortcodes(const QString &body)
{
    if (!body.contains(QLatin1String("[/caption]"), Qt::CaseInsensitive)) {
        return body;
    }
    static const QRegularExpression caption(QStringLiteral("\\[caption\\b[^\\]]*\\].*?\\[/caption\\]\\s*"),
        QRegularExpression::CaseInsensitiveOption | QRegularExpression::DotMatchesEverythingOption);
    QString out = body;
    out.replace(caption, QStringLiteral("\n\n"));
    return out;
}

QString stringOf(const QJsonValue &value)
{
    if (value.isString()) {
        return value.toString().trimmed();
    }
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        return stringOf(
            o.contains(QLatin1String("@id")) ? o.value(QLatin1String("@id")) : o.value(QLatin1String("url")));
    }
    if (value.isArray() && !value.toArray().isEmpty()) {
        return stringOf(value.toArray().first());
    }
    return {};
}

// Collects the first article object found in a JSON-LD value (top level, array or @graph), iteratively.
void findArticles(const QJsonValue &root, JsonLdArticle *article)
{
    std::vector<QJsonValue> stack { root };
    int visited = 0;
    while (!stack.empty() && ++visited < 10000) {
        const QJsonValue value = stack.back();
        stack.pop_back();
        if (value.isArray()) {
            const QJsonArray array = value.toArray();
            for (qsizetype i = array.size(); i > 0; --i) {
                stack.push_back(array.at(i - 1));
            }
            continue;
        }
        if (!value.isObject()) {
            continue;
        }
        const QJsonObject o = value.toObject();
        if (o.contains(QLatin1String("@graph"))) {
            stack.push_back(o.value(QLatin1String("@graph")));
        }
        if (!isArticleType(o.value(QLatin1String("@type")))) {
            continue;
        }
        auto fill = [](QString *field, const QString &value) {
            if (field->isEmpty()) {
                *field = value;
            }
        };
        fill(&article->headline, decodeEntities(stringOf(o.value(QLatin1String("headline")))));
        fill(&article->date, stringOf(o.value(QLatin1String("datePublished"))));
        fill(&article->author, decodeEntities(nameOf(o.value(QLatin1String("author")))));
        fill(&article->publisher, decodeEntities(nameOf(o.value(QLatin1String("publisher")))));
        fill(&article->body, stringOf(o.value(QLatin1String("articleBody"))));
        fill(&article->url, stringOf(o.value(QLatin1String("url"))));
        fill(&article->language, stringOf(o.value(QLatin1String("inLanguage"))));
    }
}

void parseJsonLd(const QString &text, JsonLdArticle *article)
{
    QJsonParseError error;
    QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8(), &error);
    if (doc.isNull()) {
        // Pages often leave raw line breaks inside strings; JSON forbids them.
        QString cleaned = text;
        cleaned.replace(QLatin1Char('\n'), QLatin1Char(' ')).replace(QLatin1Char('\r'), QLatin1Char(' '));
        cleaned.replace(QLatin1Char('\t'), QLatin1Char(' '));
        doc = QJsonDocument::fromJson(cleaned.toUtf8(), &error);
    }
    if (doc.isArray()) {
        findArticles(doc.array(), article);
    } else if (doc.isObject()) {
        findArticles(doc.object(), article);
    }
}

QString firstOf(std::initializer_list<QString> values)
{
    for (const QString &v : values) {
        if (!v.trimmed().isEmpty()) {
            return v.trimmed();
        }
    }
    return {};
}

QString isoDate(std::initializer_list<QString> candidates)
{
    for (const QString &c : candidates) {
        if (c.trimmed().isEmpty()) {
            continue;
        }
        const QString iso = Dates::parse(c.trimmed());
        if (!iso.isEmpty()) {
            return iso;
        }
    }
    return {};
}

bool isUrl(const QString &s)
{
    return s.startsWith(QLatin1String("http://")) || s.startsWith(QLatin1String("https://"))
        || s.startsWith(QLatin1Char('/'));
}

} // namespace

QString stripSiteSuffix(const QString &title, const QString &site)
{
    static const QRegularExpression separator(QStringLiteral("\\s+[|\\-–—:·•»]+\\s+"));
    QRegularExpressionMatchIterator it = separator.globalMatch(title);
    qsizetype lastStart = -1;
    qsizetype lastEnd = -1;
    while (it.hasNext()) {
        const QRegularExpressionMatch m = it.next();
        lastStart = m.capturedStart();
        lastEnd = m.capturedEnd();
    }
    if (lastStart <= 0) {
        return title;
    }
    const QString head = title.left(lastStart).trimmed();
    const QString tail = title.mid(lastEnd).trimmed();
    const bool namesSite = !site.isEmpty()
        && (tail.compare(site, Qt::CaseInsensitive) == 0 || site.contains(tail, Qt::CaseInsensitive)
            || tail.contains(site, Qt::CaseInsensitive));
    // Without a known site name, a short tail after a long head is taken for the site's name.
    const bool shortTail = tail.count(QLatin1Char(' ')) < 4 && head.count(QLatin1Char(' ')) >= 2
        && title.at(lastStart + 1) != QLatin1Char(':');
    return namesSite || shortTail ? head : title;
}

PageMetadata extractMetadata(const GumboNode *document)
{
    QHash<QString, QString> metas; // first value of each meta name/property, keys lower case
    QString titleText;
    QString h1Text;
    QString timeText;
    QString canonical;
    QString language;
    JsonLdArticle ld;
    walk(document, [&](const GumboNode *node) {
        if (node->type == GUMBO_NODE_DOCUMENT) {
            return true;
        }
        if (node->type != GUMBO_NODE_ELEMENT) {
            return false;
        }
        switch (node->v.element.tag) {
        case GUMBO_TAG_HTML:
            language = attributeText(node, "lang").trimmed();
            return true;
        case GUMBO_TAG_META: {
            QString key = attributeText(node, "property");
            if (key.isEmpty()) {
                key = attributeText(node, "name");
            }
            if (key.isEmpty()) {
                key = attributeText(node, "itemprop");
            }
            if (key.isEmpty()) {
                key = attributeText(node, "http-equiv");
            }
            const QString content = attributeText(node, "content").trimmed();
            if (!key.isEmpty() && !content.isEmpty() && !metas.contains(key.toLower())) {
                metas.insert(key.toLower(), content);
            }
            return false;
        }
        case GUMBO_TAG_LINK: {
            const QString rel = attributeText(node, "rel").toLower();
            if (canonical.isEmpty() && rel.split(QLatin1Char(' ')).contains(QLatin1String("canonical"))) {
                canonical = attributeText(node, "href").trimmed();
            }
            return false;
        }
        case GUMBO_TAG_TITLE:
            if (titleText.isEmpty()) {
                titleText = textOf(node);
            }
            return false;
        case GUMBO_TAG_H1:
            if (h1Text.isEmpty()) {
                h1Text = textOf(node);
            }
            return false;
        case GUMBO_TAG_TIME:
            if (timeText.isEmpty()) {
                timeText = attributeText(node, "datetime");
                if (timeText.isEmpty()) {
                    timeText = textOf(node);
                }
            }
            return false;
        case GUMBO_TAG_SCRIPT: {
            const QString type = attributeText(node, "type").trimmed().toLower();
            if (type == QLatin1String("application/ld+json")) {
                QString json;
                const GumboVector &kids = node->v.element.children;
                for (unsigned int i = 0; i < kids.length; ++i) {
                    const auto *kid = static_cast<const GumboNode *>(kids.data[i]);
                    if (kid->type == GUMBO_NODE_TEXT || kid->type == GUMBO_NODE_CDATA
                        || kid->type == GUMBO_NODE_WHITESPACE) {
                        json += QString::fromUtf8(kid->v.text.text);
                    }
                }
                parseJsonLd(json, &ld);
            }
            return false;
        }
        case GUMBO_TAG_STYLE:
        case GUMBO_TAG_SVG:
            return false;
        default:
            return true;
        }
    });

    PageMetadata page;
    ArticleMetadata &m = page.meta;
    m.source = firstOf(
        { metas.value(QStringLiteral("og:site_name")), ld.publisher, metas.value(QStringLiteral("application-name")) });
    const QString ogTitle = metas.value(QStringLiteral("og:title"));
    const QString twitterTitle = metas.value(QStringLiteral("twitter:title"));
    m.title = firstOf({ stripSiteSuffix(ogTitle, m.source), ld.headline, stripSiteSuffix(twitterTitle, m.source),
        h1Text, stripSiteSuffix(titleText, m.source) });
    m.date = isoDate(
        { metas.value(QStringLiteral("article:published_time")), ld.date, metas.value(QStringLiteral("datepublished")),
            metas.value(QStringLiteral("og:published_time")), metas.value(QStringLiteral("pubdate")),
            metas.value(QStringLiteral("publishdate")), metas.value(QStringLiteral("publish-date")),
            metas.value(QStringLiteral("dc.date.issued")), metas.value(QStringLiteral("dc.date")),
            metas.value(QStringLiteral("dcterms.created")), metas.value(QStringLiteral("sailthru.date")),
            metas.value(QStringLiteral("parsely-pub-date")), metas.value(QStringLiteral("date")), timeText });
    QString metaAuthor = firstOf({ metas.value(QStringLiteral("author")), metas.value(QStringLiteral("article:author")),
        metas.value(QStringLiteral("dc.creator")), metas.value(QStringLiteral("parsely-author")),
        metas.value(QStringLiteral("sailthru.author")) });
    if (isUrl(metaAuthor)) {
        metaAuthor.clear();
    }
    m.author = firstOf({ isUrl(ld.author) ? QString() : ld.author, metaAuthor });
    m.url = firstOf({ canonical, metas.value(QStringLiteral("og:url")), ld.url });
    m.language = firstOf({ language, metas.value(QStringLiteral("content-language")), ld.language,
        metas.value(QStringLiteral("og:locale")) });
    m.language.replace(QLatin1Char('_'), QLatin1Char('-'));
    if (!ld.body.isEmpty()) {
        page.jsonLdBody = stripTags(withoutCaptionShortcodes(ld.body));
    }
    return page;
}

} // namespace Dossier::Core::Html
