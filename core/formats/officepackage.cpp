#include "formats/officepackage.h"

#include <QBuffer>

#include <KZip>
#include <algorithm>

namespace Dossier::Core
{

OfficePackage::OfficePackage(const PackageLimits &limits)
    : m_limits(limits)
{
}

OfficePackage::~OfficePackage() = default;

bool OfficePackage::looksLikeZip(QByteArrayView bytes)
{
    return bytes.startsWith(QByteArrayView("PK\x03\x04", 4));
}

QString OfficePackage::tooLargeError()
{
    return QStringLiteral("the document is too large when unpacked (zip bomb?)");
}

bool OfficePackage::open(const QByteArray &bytes)
{
    if (!looksLikeZip(bytes)) {
        m_error = QStringLiteral("not a zip archive");
        return false;
    }
    m_buffer = std::make_unique<QBuffer>();
    m_buffer->setData(bytes);
    m_zip = std::make_unique<KZip>(m_buffer.get());
    if (!m_zip->open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("not a readable zip archive (%1)").arg(m_zip->errorString());
        m_zip.reset();
        return false;
    }
    return true;
}

bool OfficePackage::contains(const QString &part) const
{
    return m_zip && m_zip->directory()->file(part) != nullptr;
}

bool OfficePackage::read(const QString &part, QByteArray *data)
{
    data->clear();
    const KArchiveFile *file = m_zip ? m_zip->directory()->file(part) : nullptr;
    if (!file) {
        m_error = QStringLiteral("%1 is missing").arg(part);
        return false;
    }
    // What the zip declares is checked first (cheap, and refuses most bombs before unpacking), then
    // every byte actually unpacked: a zip may declare any size it likes.
    const auto *zipFile = dynamic_cast<const KZipFileEntry *>(file);
    const qint64 packed = zipFile ? std::max<qint64>(zipFile->compressedSize(), 1) : 1;
    const auto tooLarge = [&](qint64 size) {
        return size > m_limits.maxPartSize || m_unpacked + size > m_limits.maxTotalSize
            || (size > m_limits.ratioFloor && size / packed > m_limits.maxRatio);
    };
    if (tooLarge(file->size())) {
        m_error = tooLargeError();
        return false;
    }
    const std::unique_ptr<QIODevice> device(file->createDevice());
    if (!device) {
        m_error = QStringLiteral("%1 cannot be unpacked").arg(part);
        return false;
    }
    char chunk[64 * 1024];
    for (;;) {
        const qint64 got = device->read(chunk, sizeof chunk);
        if (got < 0) {
            data->clear();
            m_error = QStringLiteral("%1 cannot be unpacked (the zip is damaged)").arg(part);
            return false;
        }
        if (got == 0) {
            break;
        }
        data->append(chunk, got);
        if (tooLarge(data->size())) {
            data->clear();
            m_error = tooLargeError();
            return false;
        }
    }
    m_unpacked += data->size();
    return true;
}

} // namespace Dossier::Core
