#pragma once

#include <QByteArray>
#include <QString>

namespace Dossier::Core::Html
{

/*!
    The longest rich-text document in a web framework's page state (the JSON of a
    <script type="application/json">, such as Next.js's __NEXT_DATA__): the text of every paragraph, heading
    or block node ({"type" | "nodeType" | "_type": "paragraph" | "p" | "heading" | "block" …}) of one array, a
    paragraph each, tags stripped. Pages that show subscribers only an article's opening often carry the
    whole of it there. Empty when \a json holds no such document or is not JSON.
*/
QString richTextBody(const QByteArray &json);

} // namespace Dossier::Core::Html
