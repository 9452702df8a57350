#include "formats/mailreader.h"

#include "analysis/dates.h"
#include "formats/htmlreader.h"
#include "formats/textdecoder.h"
#include "formats/textreader.h"

#include <QDateTime>
#include <QFileInfo>
#include <QList>
#include <QSet>
#include <QTimeZone>

#include <algorithm>
#include <gmime/gmime.h>
#include <memory>
#include <mutex>
#include <utility>

namespace Dossier::Core
{

namespace
{

// Bounds for hostile files: MIME nesting walked, messages taken from one mailbox, attachments from one message.
constexpr int maxMimeDepth = 32;
constexpr int maxMessages = 100000;
constexpr int maxAttachments = 256;
// How much of a file the choice by content looks at.
constexpr qsizetype headLimit = qsizetype(16) * 1024;

struct GObjectUnref {
    void operator()(void *object) const
    {
        if (object != nullptr) {
            g_object_unref(object);
        }
    }
};
template<typename T> using GPtr = std::unique_ptr<T, GObjectUnref>;

void initGMime()
{
    static std::once_flag once;
    std::call_once(once, [] { g_mime_init(); });
}

QString text(const char *utf8)
{
    return utf8 == nullptr ? QString() : QString::fromUtf8(utf8).simplified();
}

// What the first lines of a file say about it.
struct Head {
    bool headers = false; //!< starts with a block of message header fields
    bool mailbox = false; //!< ... after an mbox "From " line
    bool snapshot = false; //!< ... saved by a browser (Snapshot-Content-Location, From: <Saved by …>)
};

Head inspectHead(QByteArrayView bytes)
{
    Head head;
    const QByteArrayView view = bytes.first(std::min(bytes.size(), headLimit));
    qsizetype at = 0;
    int known = 0;
    int strong = 0;
    bool first = true;
    bool field = false;
    while (at < view.size()) {
        qsizetype end = view.indexOf('\n', at);
        const bool complete = end >= 0;
        end = complete ? end : view.size();
        QByteArrayView line = view.sliced(at, end - at);
        at = end + 1;
        if (line.endsWith('\r')) {
            line.chop(1);
        }
        if (first && line.startsWith("From ")) {
            head.mailbox = true;
            first = false;
            continue;
        }
        first = false;
        if (line.isEmpty()) {
            break;
        }
        if (line.front() == ' ' || line.front() == '\t') {
            if (!field) {
                return {};
            }
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) {
            if (!complete) {
                break; // a field cut off by the end of the head
            }
            return {};
        }
        const QByteArrayView name = line.first(colon);
        for (const char c : name) {
            if (c <= ' ' || c > '~') {
                return {};
            }
        }
        field = true;
        const QByteArray lower = name.toByteArray().toLower();
        const bool isStrong = lower == "from" || lower == "received" || lower == "message-id" || lower == "mime-version"
            || lower == "return-path" || lower == "delivered-to";
        known += isStrong || lower == "subject" || lower == "date" || lower == "to" || lower == "content-type" ? 1 : 0;
        strong += isStrong ? 1 : 0;
        const QByteArrayView value = line.sliced(colon + 1).trimmed();
        if (lower == "snapshot-content-location" || (lower == "from" && value.startsWith("<Saved by"))) {
            head.snapshot = true;
        }
    }
    head.headers = known >= 2 && strong >= 1;
    head.mailbox = head.mailbox && head.headers;
    return head;
}

GPtr<GMimeMessage> parseMessage(const QByteArray &bytes)
{
    initGMime();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.constData(), size_t(bytes.size())));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MESSAGE);
    return GPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

// True when the parser found header fields a message has (GMime makes a message of any bytes).
bool hasMessageHeaders(GMimeMessage *message)
{
    GMimeObject *object = GMIME_OBJECT(message);
    for (const char *name : { "From", "Subject", "Date", "Message-ID", "MIME-Version", "Received" }) {
        if (g_mime_object_get_header(object, name) != nullptr) {
            return true;
        }
    }
    return false;
}

QByteArray toByteArray(GMimeStream *stream)
{
    const GByteArray *array = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(stream));
    return array == nullptr ? QByteArray()
                            : QByteArray(reinterpret_cast<const char *>(array->data), qsizetype(array->len));
}

// A leaf part's content with its transfer encoding (base64, quoted-printable) undone, in its own charset.
QByteArray content(GMimePart *part)
{
    GMimeDataWrapper *wrapper = g_mime_part_get_content(part);
    if (wrapper == nullptr) {
        return {};
    }
    GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_data_wrapper_write_to_stream(wrapper, stream.get());
    return toByteArray(stream.get());
}

// A whole message as bytes (an attached message/rfc822).
QByteArray serialize(GMimeMessage *message)
{
    GPtr<GMimeStream> stream(g_mime_stream_mem_new());
    g_mime_object_write_to_stream(GMIME_OBJECT(message), nullptr, stream.get());
    return toByteArray(stream.get());
}

bool isType(GMimeObject *object, const char *type, const char *subtype)
{
    GMimeContentType *contentType = g_mime_object_get_content_type(object);
    return contentType != nullptr && g_mime_content_type_is_type(contentType, type, subtype);
}

bool isAttachment(GMimeObject *object)
{
    GMimeContentDisposition *disposition = g_mime_object_get_content_disposition(object);
    return (disposition != nullptr && g_mime_content_disposition_is_attachment(disposition))
        || (GMIME_IS_PART(object) && g_mime_part_get_filename(GMIME_PART(object)) != nullptr);
}

// The message's text: the first HTML and the first plain-text part that are not attachments, in
// document order, without entering attached messages.
struct BodyParts {
    GMimePart *html = nullptr;
    GMimePart *plain = nullptr;
};

void findBody(GMimeObject *object, int depth, BodyParts *body)
{
    if (object == nullptr || depth > maxMimeDepth) {
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
            findBody(g_mime_multipart_get_part(multipart, i), depth + 1, body);
        }
        return;
    }
    if (!GMIME_IS_PART(object) || isAttachment(object)) {
        return;
    }
    if (body->html == nullptr && isType(object, "text", "html")) {
        body->html = GMIME_PART(object);
    } else if (body->plain == nullptr && isType(object, "text", "plain")) {
        body->plain = GMIME_PART(object);
    }
}

// A leaf part's text through the HTML or text reader: GMime undoes the transfer encoding, the
// project's decoder the charset the part declares (as it decodes files), the reader the rest.
ReadResult readTextPart(GMimePart *part, bool html, const ReadOptions &options)
{
    const char *charset = g_mime_object_get_content_type_parameter(GMIME_OBJECT(part), "charset");
    const DecodeResult decoded = TextDecoder::decode(content(part), charset == nullptr ? QByteArray() : charset);
    if (!decoded.ok()) {
        ReadResult failed;
        failed.error = decoded.error;
        return failed;
    }
    const QByteArray utf8 = decoded.text.toUtf8();
    ReadResult result = html ? HtmlReader().read(utf8, options) : TextReader().read(utf8, options);
    result.encoding = decoded.encoding;
    // The text reader's cleaning takes a line or two for boilerplate; a message may be no more than that.
    if (!html && result.ok() && result.body.trimmed().isEmpty()) {
        result.body = decoded.text.trimmed();
    }
    return result;
}

// "Harbour Gazette Alerts <alerts.harbourgazette.example>" → its phrase, else the id.
QString listName(const char *listId)
{
    QString value = text(listId);
    const qsizetype open = value.lastIndexOf(u'<');
    if (open < 0) {
        return value;
    }
    QString phrase = value.first(open).trimmed();
    if (phrase.size() >= 2 && phrase.startsWith(u'"') && phrase.endsWith(u'"')) {
        phrase = phrase.sliced(1, phrase.size() - 2).trimmed();
    }
    if (!phrase.isEmpty()) {
        return phrase;
    }
    const qsizetype close = value.indexOf(u'>', open);
    return value.sliced(open + 1, (close < 0 ? value.size() : close) - open - 1).trimmed();
}

QString isoDate(GMimeMessage *message)
{
    GDateTime *date = g_mime_message_get_date(message);
    if (date == nullptr) {
        return {};
    }
    const QDateTime when = QDateTime::fromSecsSinceEpoch(g_date_time_to_unix(date),
        QTimeZone::fromSecondsAheadOfUtc(int(g_date_time_get_utc_offset(date) / G_TIME_SPAN_SECOND)));
    const QString iso = when.toString(Qt::ISODate);
    return Dates::parseDate(iso).isValid() ? iso : QString();
}

// Subject, Date, From and List-Id as article metadata.
ArticleMetadata headerMetadata(GMimeMessage *message)
{
    ArticleMetadata meta;
    meta.title = text(g_mime_message_get_subject(message));
    meta.date = isoDate(message);
    InternetAddressList *from = g_mime_message_get_from(message);
    QString domain;
    if (from != nullptr && internet_address_list_length(from) > 0) {
        InternetAddress *address = internet_address_list_get_address(from, 0);
        meta.author = text(internet_address_get_name(address));
        if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
            const QString mailbox = text(internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address)));
            if (meta.author.isEmpty()) {
                meta.author = mailbox;
            }
            const qsizetype at = mailbox.lastIndexOf(u'@');
            domain = at < 0 ? QString() : mailbox.sliced(at + 1).toLower();
        }
    }
    const char *listId = g_mime_object_get_header(GMIME_OBJECT(message), "List-Id");
    meta.source = listId != nullptr ? listName(listId) : domain;
    return meta;
}

// Header metadata wins; what the body's reader found fills the rest.
void merge(ArticleMetadata *meta, const ArticleMetadata &found)
{
    const std::pair<QString *, const QString *> fields[] = { { &meta->title, &found.title },
        { &meta->date, &found.date }, { &meta->source, &found.source }, { &meta->dateline, &found.dateline },
        { &meta->author, &found.author }, { &meta->url, &found.url }, { &meta->language, &found.language } };
    for (const auto &[field, fallback] : fields) {
        if (field->isEmpty()) {
            *field = *fallback;
        }
    }
}

// A file name usable in a part id and for picking a reader: no folders, no '#'.
QString attachmentName(GMimeObject *object)
{
    QString name;
    if (GMIME_IS_PART(object)) {
        name = text(g_mime_part_get_filename(GMIME_PART(object)));
    }
    if (name.isEmpty() && GMIME_IS_MESSAGE_PART(object)) {
        name = QStringLiteral("message.eml");
    }
    for (QChar &c : name) {
        if (c == u'/' || c == u'\\' || c == u'#') {
            c = u'_';
        }
    }
    return name;
}

// Attachments that a reader is sure it reads as an article (HTML, text, PDF, Word…); images,
// calendars and the like are left out.
void collectAttachments(GMimeObject *object, GMimePart *body, int depth, QSet<QString> *names, QList<EmbeddedFile> *out)
{
    if (object == nullptr || depth > maxMimeDepth || out->size() >= maxAttachments) {
        return;
    }
    if (GMIME_IS_MULTIPART(object)) {
        GMimeMultipart *multipart = GMIME_MULTIPART(object);
        for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
            collectAttachments(g_mime_multipart_get_part(multipart, i), body, depth + 1, names, out);
        }
        return;
    }
    if (object == GMIME_OBJECT(body) || !isAttachment(object)) {
        return;
    }
    const QString name = attachmentName(object);
    if (name.isEmpty()) {
        return;
    }
    QByteArray bytes;
    if (GMIME_IS_MESSAGE_PART(object)) {
        GMimeMessage *attached = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
        bytes = attached == nullptr ? QByteArray() : serialize(attached);
    } else if (GMIME_IS_PART(object)) {
        bytes = content(GMIME_PART(object));
    }
    const QString suffix = QFileInfo(name).suffix().toLower();
    const ArticleReader *reader = ReaderRegistry::instance().readerFor(name, bytes);
    if (bytes.isEmpty() || reader->confidence(suffix, bytes) < 50) {
        return;
    }
    QString unique = name;
    for (int n = 2; names->contains(unique); ++n) {
        unique = QStringLiteral("%1 (%2)").arg(name).arg(n);
    }
    names->insert(unique);
    out->append({ QStringLiteral("attachment/") + unique, bytes,
        GMIME_IS_MESSAGE_PART(object) ? QStringLiteral("email") : QString() });
}

ReadResult notAMessage(const QString &why)
{
    ReadResult result;
    result.error = QStringLiteral("not an e-mail message: ") + why;
    return result;
}

/*
    The whole file is the raw text (the source view shows it; --raw makes it the body), decoded on
    its own; when it is not text (8-bit binary parts), the text part's own text stays. The encoding
    is the text part's either way: it is the one the body was decoded with.
*/
void keepWholeText(const QByteArray &bytes, const ReadOptions &options, ReadResult *result)
{
    DecodeResult whole = TextDecoder::decode(bytes);
    if (whole.ok()) {
        result->rawText = std::move(whole.text);
    }
    if (options.raw) {
        result->body = result->rawText;
    }
}

// mboxrd: a body line "From …" is stored as ">From …", ">From …" as ">>From …"; one '>' comes off.
QByteArray unquoteFromLines(QByteArrayView message)
{
    QByteArray out;
    out.reserve(message.size());
    qsizetype at = 0;
    while (at < message.size()) {
        qsizetype end = message.indexOf('\n', at);
        end = end < 0 ? message.size() : end + 1;
        const QByteArrayView line = message.sliced(at, end - at);
        qsizetype quotes = 0;
        while (quotes < line.size() && line[quotes] == '>') {
            ++quotes;
        }
        out.append(quotes > 0 && line.sliced(quotes).startsWith("From ") ? line.sliced(1) : line);
        at = end;
    }
    return out;
}

ReadResult readMailbox(const QByteArray &bytes)
{
    initGMime();
    GPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(bytes.constData(), size_t(bytes.size())));
    GPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
    g_mime_parser_set_format(parser.get(), GMIME_FORMAT_MBOX);
    struct Found {
        qint64 marker;
        qint64 begin;
        QString messageId;
    };
    QList<Found> found;
    while (!g_mime_parser_eos(parser.get()) && found.size() < maxMessages) {
        const gint64 before = g_mime_parser_tell(parser.get());
        GPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
        if (!message || g_mime_parser_tell(parser.get()) <= before) {
            break;
        }
        found.append({ g_mime_parser_get_mbox_marker_offset(parser.get()),
            g_mime_parser_get_headers_begin(parser.get()), text(g_mime_message_get_message_id(message.get())) });
    }
    ReadResult result;
    if (found.isEmpty()) {
        result.error = QStringLiteral("not an e-mail message: the mailbox holds no message");
        return result;
    }
    result.container = true;
    QSet<QString> ids;
    for (qsizetype i = 0; i < found.size(); ++i) {
        const qint64 begin = std::clamp<qint64>(found[i].begin, 0, bytes.size());
        const qint64 end
            = std::clamp<qint64>(i + 1 < found.size() ? found[i + 1].marker : bytes.size(), begin, bytes.size());
        QString id = found[i].messageId;
        if (id.isEmpty() || ids.contains(id)) {
            id = QStringLiteral("message-%1").arg(i + 1);
        }
        ids.insert(id);
        // A message of a mailbox is one whatever headers it has.
        result.parts.append(
            { id, unquoteFromLines(QByteArrayView(bytes).sliced(begin, end - begin)), QStringLiteral("email") });
    }
    return result;
}

ReadResult readMessage(const QByteArray &bytes, const ReadOptions &options)
{
    const GPtr<GMimeMessage> message = parseMessage(bytes);
    if (!message || !hasMessageHeaders(message.get())) {
        return notAMessage(QStringLiteral("it starts with no message headers (From, Subject, Date…)"));
    }
    BodyParts body;
    findBody(g_mime_message_get_mime_part(message.get()), 0, &body);
    GMimePart *chosen = body.html != nullptr ? body.html : body.plain;
    if (chosen == nullptr) {
        ReadResult result;
        result.error = QStringLiteral("the message has no text or HTML part");
        return result;
    }
    ReadResult result = readTextPart(chosen, chosen == body.html, options);
    if (!result.ok()) {
        return result;
    }
    keepWholeText(bytes, options, &result);
    if (!options.raw) {
        ArticleMetadata meta = headerMetadata(message.get());
        merge(&meta, result.meta);
        result.meta = std::move(meta);
    }
    QSet<QString> names;
    collectAttachments(g_mime_message_get_mime_part(message.get()), chosen, 0, &names, &result.parts);
    return result;
}

// The page of a web archive: the part the multipart/related "start" parameter names, else the first HTML part.
GMimePart *rootPage(GMimeObject *top)
{
    if (GMIME_IS_MULTIPART(top)) {
        QString start = text(g_mime_object_get_content_type_parameter(top, "start"));
        if (start.startsWith(u'<') && start.endsWith(u'>')) {
            start = start.sliced(1, start.size() - 2);
        }
        GMimeMultipart *multipart = GMIME_MULTIPART(top);
        for (int i = 0; !start.isEmpty() && i < g_mime_multipart_get_count(multipart); ++i) {
            GMimeObject *part = g_mime_multipart_get_part(multipart, i);
            if (GMIME_IS_PART(part) && text(g_mime_object_get_content_id(part)) == start) {
                return GMIME_PART(part);
            }
        }
    }
    BodyParts body;
    findBody(top, 0, &body);
    return body.html;
}

} // namespace

QString MailReader::format() const
{
    return QStringLiteral("email");
}

int MailReader::confidence(QStringView suffix, QByteArrayView head) const
{
    const Head seen = inspectHead(head);
    if (seen.mailbox) {
        return 99;
    }
    if (seen.headers) {
        // A browser's web archive looks like a message too; MhtmlReader is surer of it.
        return seen.snapshot ? 60 : 97;
    }
    return suffix == u"eml" || suffix == u"mbox" ? 50 : 0;
}

ReadResult MailReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    if (inspectHead(bytes).mailbox) {
        return readMailbox(bytes);
    }
    return readMessage(bytes, options);
}

QString MhtmlReader::format() const
{
    return QStringLiteral("mhtml");
}

int MhtmlReader::confidence(QStringView suffix, QByteArrayView head) const
{
    const bool archiveSuffix = suffix == u"mhtml" || suffix == u"mht";
    const Head seen = inspectHead(head);
    if (seen.headers && !seen.mailbox && (seen.snapshot || archiveSuffix)) {
        return seen.snapshot ? 99 : 98;
    }
    return archiveSuffix ? 50 : 0;
}

ReadResult MhtmlReader::read(const QByteArray &bytes, const ReadOptions &options) const
{
    const GPtr<GMimeMessage> message = parseMessage(bytes);
    if (!message) {
        ReadResult result;
        result.error = QStringLiteral("not a web archive: no MIME structure could be read");
        return result;
    }
    GMimeObject *top = g_mime_message_get_mime_part(message.get());
    GMimePart *page = top == nullptr ? nullptr : rootPage(top);
    if (page == nullptr) {
        ReadResult result;
        result.error = QStringLiteral("not a web archive: it holds no HTML page");
        return result;
    }
    ReadResult result = readTextPart(page, true, options);
    if (!result.ok()) {
        return result;
    }
    keepWholeText(bytes, options, &result);
    if (options.raw) {
        return result;
    }
    QString url = text(g_mime_object_get_header(GMIME_OBJECT(message.get()), "Snapshot-Content-Location"));
    if (url.isEmpty()) {
        url = text(g_mime_part_get_content_location(page));
    }
    if (!url.isEmpty()) {
        result.meta.url = url;
    }
    if (result.meta.title.isEmpty()) {
        result.meta.title = text(g_mime_message_get_subject(message.get()));
    }
    return result;
}

} // namespace Dossier::Core
