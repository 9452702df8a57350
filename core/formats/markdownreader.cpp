#include "formats/markdownreader.h"

#include "analysis/dates.h"
#include "formats/textdecoder.h"

#include <QRegularExpression>

namespace Dossier::Core
{

namespace
{

// Inline Markdown to plain text: links keep their text, emphasis and code marks go.
QString stripInline(QString line)
{
    static const QRegularExpression image(QStringLiteral(R"(!\[([^\]]*)\]\([^)]*\))"));
    static const QRegularExpression link(QStringLiteral(R"(\[([^\]]+)\]\([^)]*\))"));
    static const QRegularExpression emphasis(QStringLiteral(R"((\*\*|__|\*|_|`)(?=\S)(.+?)(?<=\S)\1)"));
    line.replace(image, QStringLiteral("\\1"));
    line.replace(link, QStringLiteral("\\1"));
    line.replace(emphasis, QStringLiteral("\\2"));
    return line;
}

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

    QStringList lines = result.rawText.split(QLatin1Char('\n'));
    for (QString &line : lines) {
        if (line.endsWith(QLatin1Char('\r'))) {
            line.chop(1);
        }
    }
    qsizetype i = 0;
    if (!lines.isEmpty() && lines.front().trimmed() == u"---") {
        static const QRegularExpression field(QStringLiteral(R"(^\s*([A-Za-z_]+)\s*:\s*(.*?)\s*$)"));
        for (i = 1; i < lines.size() && lines[i].trimmed() != u"---"; ++i) {
            const auto match = field.match(lines[i]);
            if (match.hasMatch()) {
                QString value = match.captured(2);
                if (value.size() >= 2 && (value.front() == u'"' || value.front() == u'\'')
                    && value.back() == value.front()) {
                    value = value.mid(1, value.size() - 2);
                }
                applyFrontMatter(match.captured(1).toLower(), value, &result.meta);
            }
        }
        ++i;
    }

    static const QRegularExpression heading(QStringLiteral(R"(^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$)"));
    static const QRegularExpression listItem(QStringLiteral(R"(^(\s*)([-*+]|\d+[.)])\s+)"));
    static const QRegularExpression rule(QStringLiteral(R"(^\s{0,3}([-*_])(\s*\1){2,}\s*$)"));
    QStringList paragraphs;
    QString current;
    bool inFence = false;
    const auto flush = [&] {
        if (!current.isEmpty()) {
            paragraphs.append(current);
            current.clear();
        }
    };
    for (; i < lines.size(); ++i) {
        const QString &line = lines[i];
        if (line.trimmed().startsWith(u"```") || line.trimmed().startsWith(u"~~~")) {
            flush();
            inFence = !inFence;
            continue;
        }
        if (inFence) {
            paragraphs.append(line);
            continue;
        }
        if (line.trimmed().isEmpty() || rule.match(line).hasMatch()) {
            flush();
            continue;
        }
        const auto h = heading.match(line);
        if (h.hasMatch()) {
            flush();
            const QString text = stripInline(h.captured(2));
            // The leading top-level heading is the title (or repeats the front matter's title).
            if (h.captured(1).size() == 1 && paragraphs.isEmpty()
                && (result.meta.title.isEmpty() || text == result.meta.title)) {
                result.meta.title = text;
            } else {
                paragraphs.append(text);
            }
            continue;
        }
        QString text = line.trimmed();
        if (text.startsWith(u'>')) {
            text = text.mid(1).trimmed();
        }
        const auto item = listItem.match(line);
        if (item.hasMatch()) {
            flush();
            paragraphs.append(QStringLiteral("• ") + stripInline(line.mid(item.capturedEnd())));
            continue;
        }
        text = stripInline(text);
        current = current.isEmpty() ? text : current + QLatin1Char(' ') + text;
    }
    flush();
    result.body = paragraphs.join(QStringLiteral("\n\n"));
    return result;
}

} // namespace Dossier::Core
