#pragma once

// What the reader shows, for the tests that check its highlighting.

#include "readerview.h"

#include <QTextBlock>
#include <QTextDocument>
#include <QTextLayout>
#include <QVariant>

namespace Dossier::Test
{

/*! The character format property \a property the reader's layout has at \a bodyOffset of the open
    article's body (what the highlighter left there); invalid when none. */
inline QVariant readerPropertyAt(const Ui::ReaderView *reader, qsizetype bodyOffset, int property)
{
    const int position = reader->bodyPosition(bodyOffset);
    const QTextBlock block = reader->document()->findBlock(position);
    const int inBlock = position - block.position();
    const auto ranges = block.layout()->formats();
    for (const QTextLayout::FormatRange &range : ranges) {
        if (range.start <= inBlock && inBlock < range.start + range.length && range.format.hasProperty(property)) {
            return range.format.property(property);
        }
    }
    return {};
}

} // namespace Dossier::Test
