#pragma once

#include "article.h"

#include <QString>

namespace Dossier::Core
{

/*! A metadata field (title, source, author, ...) made safe to show on one line: C0 and C1 control
    characters and line or paragraph separators become spaces (runs collapsed, ends trimmed), and
    the invisible bidirectional formatting characters (embeddings, overrides and isolates U+202A–
    U+202E, U+2066–U+2069, the marks U+200E, U+200F, U+061C) are removed, so a title cannot reorder
    the text around it or disguise itself. Right-to-left text still reads right to left: the
    Unicode bidi algorithm orders it without those characters. */
QString plainMetadataText(const QString &text);

/*! Applies plainMetadataText() to every field of \a meta. */
void sanitizeMetadata(ArticleMetadata &meta);

} // namespace Dossier::Core
