#pragma once

#include "formats/articlereader.h"

#include <QHash>
#include <QStringList>

#include <vector>

class QXmlStreamReader;

namespace Dossier::Core
{

/*!
    \brief Collects the text of a Word, OpenDocument or Markdown document as it is read: paragraphs,
    headings, list items, tables (a row a line, cells joined by " | ") and notes (marked [n] where
    they are cited, their text after a separator line at the end).
*/
class OfficeTextBuilder
{
public:
    OfficeTextBuilder();

    /*! \a headingLevel: -1 body text, 0 a title, 1… a heading of that level. */
    void beginParagraph(int headingLevel = -1);
    void setHeadingLevel(int level);
    void setListItem();
    /*! The open paragraph keeps its lines' indentation (a code block): only blank lines around it
        and trailing white space are trimmed. */
    void setPreformatted();
    /*! Adds \a text to the open paragraph; with \a collapse, runs of white space become one space
        (ODF's rule), also across calls. */
    void addText(QStringView text, bool collapse = false);
    void endParagraph();

    void beginTable();
    void beginRow();
    void beginCell();
    void endCell();
    void endRow();
    void endTable();

    /*! Cites the note \a key in the open paragraph: "[n]", numbered in the order of first citation. */
    void citeNote(const QString &key);
    /*! Paragraphs until endNote() are the text of the note \a key. */
    void beginNote(const QString &key);
    void endNote();

    /*! The text as blocks: rawText joins every block with a line break; body joins them with a
        blank line, without the leading title heading, which becomes meta.title when \a meta has
        none (or repeats it). With \a raw, the body is rawText and no metadata is kept. A text that
        overflowed() is refused instead (the zip-bomb error). */
    void finish(ReadResult *result, const ArticleMetadata &meta, bool raw) const;
    /*! True when the text grew past maxTextSize (and was cut): the document is refused. */
    bool overflowed() const { return m_overflow; }
    static constexpr qsizetype maxTextSize = 64 * 1024 * 1024;

private:
    enum class Kind { Document, Paragraph, Table, Row, Cell, Note };
    struct Frame {
        Kind kind = Kind::Document;
        QString text;
        QStringList parts;
        QString key;
        int headingLevel = -1;
        bool listItem = false;
        bool preformatted = false;
        bool pendingSpace = false;
    };
    struct Block {
        QString text;
        int headingLevel = -1;
    };
    Frame *top(Kind kind);
    void push(Kind kind, const QString &key = {});
    void deliver(const QString &text, int headingLevel);
    void popFrame();

    std::vector<Frame> m_stack;
    std::vector<size_t> m_containers; //!< indices in m_stack of the Document, Cell and Note frames
    qsizetype m_size = 0;
    bool m_overflow = false;
    std::vector<Block> m_blocks;
    QHash<QString, int> m_noteNumbers;
    QHash<QString, QString> m_notes;
};

/*! "word/document.xml is not well-formed XML at line 3 (…)" for a reader that failed on \a part. */
QString xmlError(const QXmlStreamReader &xml, const QString &part);

namespace Office
{
/*! How sure an office reader is of a file: 100 when \a head is a zip of its kind (\a ofKind), else
    for its own suffix (\a ownSuffix) one that says what is wrong (a zip of another kind, a file that
    is neither a zip nor text); 0 otherwise (text named .docx goes to the text reader). */
int confidence(bool ofKind, bool ownSuffix, QByteArrayView head);
/*! Why \a bytes, which do not open as a package, are not a \a what ("a Word document"). */
QString notAPackageError(const QByteArray &bytes, const QString &what, const QString &zipError);
/*! The leaf elements of a small XML part (core properties, meta.xml) by namespace URI and local name,
    "uri|name" → trimmed text; empty when the part is not well-formed. */
QHash<QString, QString> leafElements(const QByteArray &xml);
} // namespace Office

} // namespace Dossier::Core
