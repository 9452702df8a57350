#pragma once

#include "formats/articlereader.h"
#include "formats/officepackage.h"

namespace Dossier::Core
{

/*!
    \brief Reads Word documents (.docx, WordprocessingML): paragraphs, headings, list items, tables
    and footnotes/endnotes from word/document.xml and its notes parts, metadata from
    docProps/core.xml. Deleted text and field codes are left out; nothing linked is fetched.
*/
class DocxReader final : public ArticleReader
{
public:
    explicit DocxReader(const PackageLimits &limits = {});
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;

private:
    PackageLimits m_limits;
};

/*!
    \brief Reads OpenDocument text (.odt): paragraphs, headings, lists, tables and notes from
    content.xml, metadata from meta.xml.
*/
class OdtReader final : public ArticleReader
{
public:
    explicit OdtReader(const PackageLimits &limits = {});
    QString format() const override;
    int confidence(QStringView suffix, QByteArrayView head) const override;
    ReadResult read(const QByteArray &bytes, const ReadOptions &options) const override;

private:
    PackageLimits m_limits;
};

} // namespace Dossier::Core
