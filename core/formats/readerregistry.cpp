#include "formats/articlereader.h"
#include "formats/htmlreader.h"
#include "formats/mailreader.h"
#include "formats/markdownreader.h"
#include "formats/officereader.h"
#include "formats/pdfreader.h"
#include "formats/textreader.h"

#include <QFileInfo>

namespace Dossier::Core
{

ReaderRegistry::ReaderRegistry()
{
    m_readers.push_back(std::make_unique<TextReader>());
    m_readers.push_back(std::make_unique<HtmlReader>());
    m_readers.push_back(std::make_unique<MarkdownReader>());
    m_readers.push_back(std::make_unique<PdfReader>());
    m_readers.push_back(std::make_unique<DocxReader>());
    m_readers.push_back(std::make_unique<OdtReader>());
    m_readers.push_back(std::make_unique<MailReader>());
    m_readers.push_back(std::make_unique<MhtmlReader>());
}

const ReaderRegistry &ReaderRegistry::instance()
{
    static const ReaderRegistry registry;
    return registry;
}

const ArticleReader *ReaderRegistry::readerFor(const QString &path, QByteArrayView head) const
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    const ArticleReader *best = m_readers.front().get();
    int bestScore = 0;
    for (const auto &reader : m_readers) {
        const int score = reader->confidence(suffix, head);
        if (score > bestScore) {
            best = reader.get();
            bestScore = score;
        }
    }
    return best;
}

const ArticleReader *ReaderRegistry::reader(QStringView format) const
{
    for (const auto &reader : m_readers) {
        if (reader->format() == format) {
            return reader.get();
        }
    }
    return nullptr;
}

} // namespace Dossier::Core
