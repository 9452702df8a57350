#include "formats/officetext.h"

#include "formats/officepackage.h"

#include <QXmlStreamReader>

#include <algorithm>

namespace Dossier::Core
{

namespace
{

// Between the text and its notes; a line of its own in the body.
const QString noteSeparator = QStringLiteral("———");

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r';
}

// Blank lines at the start and white space at the end go; the first line keeps its indentation.
QString trimmedLines(const QString &text)
{
    qsizetype start = 0;
    for (qsizetype i = 0; i < text.size() && isSpace(text[i]); ++i) {
        if (text[i] == u'\n') {
            start = i + 1;
        }
    }
    qsizetype end = text.size();
    while (end > start && isSpace(text[end - 1])) {
        --end;
    }
    return text.mid(start, end - start);
}

} // namespace

OfficeTextBuilder::OfficeTextBuilder()
{
    push(Kind::Document);
}

void OfficeTextBuilder::push(Kind kind, const QString &key)
{
    Frame frame;
    frame.kind = kind;
    frame.key = key;
    if (kind == Kind::Document || kind == Kind::Cell || kind == Kind::Note) {
        m_containers.push_back(m_stack.size());
    }
    m_stack.push_back(std::move(frame));
}

void OfficeTextBuilder::popFrame()
{
    if (!m_containers.empty() && m_containers.back() == m_stack.size() - 1) {
        m_containers.pop_back();
    }
    m_stack.pop_back();
}

OfficeTextBuilder::Frame *OfficeTextBuilder::top(Kind kind)
{
    return m_stack.back().kind == kind ? &m_stack.back() : nullptr;
}

void OfficeTextBuilder::beginParagraph(int headingLevel)
{
    push(Kind::Paragraph);
    m_stack.back().headingLevel = headingLevel;
}

void OfficeTextBuilder::setHeadingLevel(int level)
{
    if (Frame *paragraph = top(Kind::Paragraph)) {
        paragraph->headingLevel = level;
    }
}

void OfficeTextBuilder::setListItem()
{
    if (Frame *paragraph = top(Kind::Paragraph)) {
        paragraph->listItem = true;
    }
}

void OfficeTextBuilder::setPreformatted()
{
    if (Frame *paragraph = top(Kind::Paragraph)) {
        paragraph->preformatted = true;
    }
}

void OfficeTextBuilder::addText(QStringView text, bool collapse)
{
    Frame *paragraph = top(Kind::Paragraph);
    if (!paragraph || m_overflow) {
        return;
    }
    // text:s and notes make more text than XML: bounded, as the zip's parts are.
    m_size += text.size();
    if (m_size > maxTextSize) {
        m_overflow = true;
        return;
    }
    if (!collapse) {
        paragraph->text += text;
        paragraph->pendingSpace = false;
        return;
    }
    // ODF: white space in the XML is one space, none at the start of a paragraph (text:s, text:tab
    // and text:line-break carry the spaces that count).
    for (const QChar c : text) {
        if (isSpace(c)) {
            if (!paragraph->pendingSpace && !paragraph->text.isEmpty()) {
                paragraph->text += u' ';
                paragraph->pendingSpace = true;
            }
        } else {
            paragraph->text += c;
            paragraph->pendingSpace = false;
        }
    }
}

void OfficeTextBuilder::endParagraph()
{
    Frame *paragraph = top(Kind::Paragraph);
    if (!paragraph) {
        return;
    }
    QString text = paragraph->preformatted ? trimmedLines(paragraph->text) : paragraph->text.trimmed();
    const int level = paragraph->headingLevel;
    // A numbered heading is a heading, not a list item.
    if (paragraph->listItem && paragraph->headingLevel < 0 && !text.isEmpty()) {
        text.prepend(QStringLiteral("• "));
    }
    popFrame();
    deliver(text, level);
}

void OfficeTextBuilder::deliver(const QString &text, int headingLevel)
{
    if (text.isEmpty()) {
        return;
    }
    // To the nearest container (the document, a table cell, a note): a paragraph inside a paragraph
    // (a text box) stands on its own. Kept as a stack of its own, so that deep nesting stays linear.
    Frame &container = m_stack[m_containers.back()];
    if (container.kind == Kind::Document) {
        m_blocks.push_back({ text, headingLevel });
    } else {
        container.parts.append(text);
    }
}

void OfficeTextBuilder::beginTable()
{
    push(Kind::Table);
}

void OfficeTextBuilder::beginRow()
{
    push(Kind::Row);
}

void OfficeTextBuilder::beginCell()
{
    push(Kind::Cell);
}

void OfficeTextBuilder::endCell()
{
    Frame *cell = top(Kind::Cell);
    if (!cell) {
        return;
    }
    const QString text = cell->parts.join(u' ');
    popFrame();
    if (Frame *row = top(Kind::Row)) {
        row->parts.append(text);
    }
}

void OfficeTextBuilder::endRow()
{
    Frame *row = top(Kind::Row);
    if (!row) {
        return;
    }
    const bool empty
        = std::all_of(row->parts.cbegin(), row->parts.cend(), [](const QString &cell) { return cell.isEmpty(); });
    const QString line = empty ? QString() : row->parts.join(QStringLiteral(" | "));
    popFrame();
    if (Frame *table = top(Kind::Table); table && !line.isEmpty()) {
        table->parts.append(line);
    }
}

void OfficeTextBuilder::endTable()
{
    Frame *table = top(Kind::Table);
    if (!table) {
        return;
    }
    const QStringList rows = table->parts;
    popFrame();
    // A table in a table cell stays on the cell's line.
    const bool nested = m_stack[m_containers.back()].kind == Kind::Cell;
    deliver(rows.join(nested ? QStringLiteral(" / ") : QStringLiteral("\n")), -1);
}

void OfficeTextBuilder::citeNote(const QString &key)
{
    int number = m_noteNumbers.value(key);
    if (number == 0) {
        number = int(m_noteNumbers.size()) + 1;
        m_noteNumbers.insert(key, number);
    }
    addText(QStringLiteral("[%1]").arg(number));
}

void OfficeTextBuilder::beginNote(const QString &key)
{
    push(Kind::Note, key);
}

void OfficeTextBuilder::endNote()
{
    Frame *note = top(Kind::Note);
    if (!note) {
        return;
    }
    if (!m_notes.contains(note->key)) {
        m_notes.insert(note->key, note->parts.join(u'\n'));
    }
    popFrame();
}

void OfficeTextBuilder::finish(ReadResult *result, const ArticleMetadata &meta, bool raw) const
{
    if (m_overflow) {
        result->error = OfficePackage::tooLargeError();
        return;
    }
    result->encoding = QStringLiteral("UTF-8");
    QStringList notes;
    std::vector<std::pair<int, QString>> cited;
    for (auto it = m_noteNumbers.cbegin(); it != m_noteNumbers.cend(); ++it) {
        cited.emplace_back(it.value(), it.key());
    }
    std::sort(cited.begin(), cited.end());
    for (const auto &[number, key] : cited) {
        const QString text = m_notes.value(key);
        if (!text.isEmpty()) {
            notes.append(QStringLiteral("[%1] %2").arg(number).arg(text));
        }
    }
    if (!notes.isEmpty()) {
        notes.prepend(noteSeparator);
    }

    QStringList all;
    for (const Block &block : m_blocks) {
        all.append(block.text);
    }
    result->rawText = (all + notes).join(u'\n');
    if (raw) {
        result->body = result->rawText;
        return;
    }
    result->meta = meta;
    // The leading title or top-level heading is the title (or repeats the one the properties give).
    if (!m_blocks.empty() && m_blocks.front().headingLevel >= 0 && m_blocks.front().headingLevel <= 1) {
        const QString &heading = m_blocks.front().text;
        if (result->meta.title.trimmed().isEmpty() || result->meta.title.trimmed() == heading) {
            result->meta.title = heading;
            all.removeFirst();
        }
    }
    result->body = (all + notes).join(QStringLiteral("\n\n"));
}

QString xmlError(const QXmlStreamReader &xml, const QString &part)
{
    return QStringLiteral("%1 is not well-formed XML at line %2 (%3)")
        .arg(part)
        .arg(xml.lineNumber())
        .arg(xml.errorString());
}

namespace Office
{

int confidence(bool ofKind, bool ownSuffix, QByteArrayView head)
{
    if (ofKind) {
        return 100;
    }
    if (!ownSuffix) {
        return 0;
    }
    if (OfficePackage::looksLikeZip(head)) {
        return 60;
    }
    // Neither a zip nor text (a PDF, an image): claimed, to say so; text goes to the text reader.
    const QByteArrayView start = head.first(std::min<qsizetype>(head.size(), 4096));
    return head.startsWith("%PDF-") || start.contains('\0') ? 40 : 0;
}

QString notAPackageError(const QByteArray &bytes, const QString &what, const QString &zipError)
{
    if (bytes.startsWith("%PDF-")) {
        return QStringLiteral("not %1: the file is a PDF").arg(what);
    }
    return QStringLiteral("not %1: %2").arg(what, zipError);
}

QHash<QString, QString> leafElements(const QByteArray &data)
{
    QHash<QString, QString> leaves;
    QXmlStreamReader xml(data);
    QString key;
    QString text;
    while (!xml.atEnd()) {
        switch (xml.readNext()) {
        case QXmlStreamReader::DTD:
            return {};
        case QXmlStreamReader::StartElement:
            key = xml.namespaceUri() + u'|' + xml.name();
            text.clear();
            break;
        case QXmlStreamReader::Characters:
            text += xml.text();
            break;
        case QXmlStreamReader::EndElement:
            // Only an element without children is a leaf; the first of each name counts.
            if (!key.isEmpty() && !text.trimmed().isEmpty() && !leaves.contains(key)) {
                leaves.insert(key, text.trimmed());
            }
            key.clear();
            break;
        default:
            break;
        }
    }
    return xml.hasError() ? QHash<QString, QString>() : leaves;
}

} // namespace Office

} // namespace Dossier::Core
