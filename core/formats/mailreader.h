#pragma once

#include "formats/articlereader.h"

namespace Dossier::Core
{

/*!
    \brief Reads e-mail (.eml, and .mbox as one article per message) with GMime. Subject, Date, From
    and List-Id give the metadata; the HTML part goes through HtmlReader, else the plain-text part
    through TextReader. A mailbox is a container: its messages are ReadResult::parts. Attachments
    that are articles themselves (HTML, text, and any format another reader is sure of) are parts
    too, with the id "attachment/<file name>".
*/
class MailReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

/*!
    \brief Reads single-file web archives (.mhtml, .mht: multipart/related) with GMime: the root
    HTML page goes through HtmlReader; images, style sheets and other resources are ignored and
    nothing is fetched. Snapshot-Content-Location (or the page's Content-Location) gives the URL.
*/
class MhtmlReader final : public ArticleReader
{
public:
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;
};

} // namespace Dossier::Core
