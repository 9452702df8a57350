#pragma once

// PDF fixtures made at test time: QPdfWriter + QPainter (drawText() writes a real text layer), and a
// hand-written minimal PDF for what QPdfWriter cannot set (the Author entry, a broken encryption
// dictionary). All article text is invented for Dossier's tests. Needs a QGuiApplication (fonts).

#include <QBuffer>
#include <QFont>
#include <QFontMetricsF>
#include <QImage>
#include <QPageSize>
#include <QPainter>
#include <QPdfWriter>
#include <QStringList>

#include <memory>

namespace PdfFixtures
{

/*! Draws pages in points (1/72 inch, y downwards from the top of an A4 page, no margins). */
class Builder
{
public:
    explicit Builder(const QString &title = {}, const QByteArray &xmp = {})
    {
        m_buffer.open(QIODevice::WriteOnly);
        m_writer = std::make_unique<QPdfWriter>(&m_buffer);
        m_writer->setResolution(72);
        m_writer->setPageSize(QPageSize(QPageSize::A4));
        m_writer->setPageMargins(QMarginsF(0, 0, 0, 0));
        m_writer->setCreator(QStringLiteral("Dossier test fixtures"));
        if (!title.isEmpty()) {
            m_writer->setTitle(title);
        }
        if (!xmp.isEmpty()) {
            m_writer->setDocumentXmpMetadata(xmp);
        }
        m_painter = std::make_unique<QPainter>(m_writer.get());
        setSize(10);
    }

    void setSize(qreal points)
    {
        QFont font(QStringLiteral("DejaVu Serif"));
        font.setPointSizeF(points);
        m_painter->setFont(font);
    }

    /*! One line of text with its baseline at \a y. */
    void text(qreal x, qreal y, const QString &line) { m_painter->drawText(QPointF(x, y), line); }

    /*! Lines one under the other, \a pitch apart; returns the baseline after the last. */
    qreal lines(qreal x, qreal y, const QStringList &lines, qreal pitch = 13)
    {
        for (const QString &line : lines) {
            text(x, y, line);
            y += pitch;
        }
        return y;
    }

    /*! \a paragraph wrapped to \a width; returns the baseline after the last line. */
    qreal paragraph(qreal x, qreal y, qreal width, const QString &paragraph, qreal pitch = 13)
    {
        return lines(x, y, wrap(paragraph, width), pitch);
    }

    QStringList wrap(const QString &paragraph, qreal width) const
    {
        const QFontMetricsF metrics(m_painter->font());
        QStringList wrapped;
        QString line;
        for (const QString &word : paragraph.split(u' ')) {
            const QString longer = line.isEmpty() ? word : line + u' ' + word;
            if (!line.isEmpty() && metrics.horizontalAdvance(longer) > width) {
                wrapped.append(line);
                line = word;
            } else {
                line = longer;
            }
        }
        if (!line.isEmpty()) {
            wrapped.append(line);
        }
        return wrapped;
    }

    void image(const QRectF &target)
    {
        QImage scan(300, 400, QImage::Format_RGB32);
        scan.fill(Qt::white);
        for (int y = 40; y < 360; y += 12) {
            for (int x = 30; x < 270; ++x) {
                scan.setPixel(x, y, qRgb(20, 20, 20)); // what looks like lines of print, as pixels
            }
        }
        m_painter->drawImage(target, scan);
    }

    void newPage() { m_writer->newPage(); }

    QByteArray finish()
    {
        m_painter->end();
        m_painter.reset();
        m_writer.reset();
        return m_buffer.data();
    }

private:
    QBuffer m_buffer;
    std::unique_ptr<QPdfWriter> m_writer;
    std::unique_ptr<QPainter> m_painter;
};

/*! One line of a hand-written page: Helvetica at \a size, baseline \a y from the top of a Letter page. */
struct RawLine {
    qreal x;
    qreal y;
    qreal size;
    QByteArray text;
};

/*! A minimal PDF written byte by byte: one page of \a lines, an /Info dictionary with \a info's
    entries (e.g. "/Title (x) /Author (y)"), and \a trailerExtra added to the trailer. */
inline QByteArray handWritten(const QList<RawLine> &lines, const QByteArray &info, const QByteArray &trailerExtra = {})
{
    QByteArray content;
    for (const RawLine &line : lines) {
        QByteArray escaped = line.text;
        escaped.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        content += "BT /F1 " + QByteArray::number(line.size) + " Tf " + QByteArray::number(line.x) + ' '
            + QByteArray::number(792 - line.y) + " Td (" + escaped + ") Tj ET\n";
    }
    const QList<QByteArray> objects {
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
        "/Contents 5 0 R >>",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        "<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content + "endstream",
        "<< " + info + " >>",
    };
    QByteArray pdf("%PDF-1.4\n");
    QList<qsizetype> offsets;
    for (qsizetype i = 0; i < objects.size(); ++i) {
        offsets.append(pdf.size());
        pdf += QByteArray::number(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
    }
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(objects.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets) {
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    }
    pdf += "trailer\n<< /Size " + QByteArray::number(objects.size() + 1) + " /Root 1 0 R /Info 6 0 R " + trailerExtra
        + " >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace PdfFixtures
