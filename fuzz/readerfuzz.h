#pragma once

// The body of the ArticleReader targets (text, HTML, Markdown, PDF, Word/OpenDocument, e-mail and web archives).

#include "analysis/dates.h"
#include "formats/articlereader.h"
#include "fuzzsupport.h"

#include <QSet>

#include <algorithm>

namespace Dossier::Fuzz
{

/*! Larger inputs are refused: 256 KB is several times a long article page and keeps each run
    fast enough for the fuzzer to explore. */
constexpr size_t maxReaderInput = 256 * 1024;

/*! Reads the input with \a reader raw and cleaned, and checks what the reader promises. */
inline int fuzzReader(const Core::ArticleReader &reader, const uint8_t *data, size_t size)
{
    if (size > maxReaderInput) {
        return reject;
    }
    const QByteArray input = bytes(data, size);
    (void)reader.confidence(reader.format(), input);
    const Core::ReadResult raw = reader.read(input, Core::ReadOptions { true });
    check(!raw.ok() || raw.body == raw.rawText, "a raw read's body is the whole decoded text");
    const Core::ReadResult read = reader.read(input, Core::ReadOptions { false });
    check(read.ok() == raw.ok(), "only decoding decides whether a file can be read");
    QSet<QString> partIds;
    for (const Core::EmbeddedFile &part : read.parts) {
        check(!part.id.isEmpty() && !partIds.contains(part.id), "parts have ids of their own");
        partIds.insert(part.id);
    }
    // A container (a mailbox) is only its parts: it has no text of its own to check.
    if (read.ok() && !read.container) {
        check(read.rawText == raw.rawText && read.encoding == raw.encoding, "cleaning does not change decoding");
        check(!read.encoding.isEmpty(), "a read names its encoding");
        check(
            read.meta.date.isEmpty() || Core::Dates::parseDate(read.meta.date).isValid(), "the date found is ISO 8601");
        check(std::is_sorted(read.pageStarts.cbegin(), read.pageStarts.cend())
                && (read.pageStarts.isEmpty()
                    || (read.pageStarts.front() >= 0 && read.pageStarts.back() <= read.body.size())),
            "pages begin in order, inside the body");
    }
    return 0;
}

} // namespace Dossier::Fuzz
