#pragma once

#include <QByteArray>
#include <QString>

#include <memory>

class KZip;
class QBuffer;

namespace Dossier::Core
{

/*! \brief How much an office package (a zip) may unpack to before it is refused as a zip bomb. */
struct PackageLimits {
    qint64 maxPartSize = 64 * 1024 * 1024; //!< one XML part, unpacked
    qint64 maxTotalSize = 256 * 1024 * 1024; //!< every part read, unpacked, together
    qint64 maxRatio = 100; //!< unpacked / packed size, checked once a part is past ratioFloor
    qint64 ratioFloor = 1024 * 1024; //!< small parts may compress as well as they like
};

/*!
    \brief A Word or OpenDocument file opened from memory: a zip (KArchive's KZip) whose parts are
    read with bounded reads, so that neither a declared size nor a compression ratio is trusted.
*/
class OfficePackage
{
public:
    explicit OfficePackage(const PackageLimits &limits = {});
    ~OfficePackage();
    OfficePackage(const OfficePackage &) = delete;
    OfficePackage &operator=(const OfficePackage &) = delete;

    /*! Opens \a bytes (shared, not copied). False and errorString()
        when they are not a zip. */
    bool open(const QByteArray &bytes);
    bool contains(const QString &part) const;
    /*! The unpacked part, at most the limits' size; false and errorString() when it is missing,
        cannot be unpacked or unpacks past the limits. */
    bool read(const QString &part, QByteArray *data);
    QString errorString() const { return m_error; }

    /*! The error of every part that unpacks past the limits. */
    static QString tooLargeError();
    /*! True when \a bytes start like a zip archive. */
    static bool looksLikeZip(QByteArrayView bytes);

private:
    PackageLimits m_limits;
    std::unique_ptr<QBuffer> m_buffer;
    std::unique_ptr<KZip> m_zip;
    qint64 m_unpacked = 0;
    QString m_error;
};

} // namespace Dossier::Core
