#pragma once

#include <QByteArray>
#include <QFile>
#include <QString>
#include <QtEndian>

namespace Dossier::Core
{

/*! Loads a model compiled into the core's resources (:/dossier/models/…) into a default-constructed \a Model
    through its `bool load(const QByteArray &, QString *)`. A model that is missing or unusable is left empty
    and a warning names \a what and what the entity tagger does without it (\a without). */
template<typename Model> Model loadCompiledModel(const QString &resource, const char *what, const char *without)
{
    Model loaded;
    QFile file(resource);
    QString error;
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("%s missing: %s", what, without);
    } else if (!loaded.load(file.readAll(), &error)) {
        qWarning("%s unusable (%s): %s", what, qPrintable(error), without);
    }
    return loaded;
}

/*! Appends \a value to a model file as four little-endian bytes. */
inline void appendU32(QByteArray *out, quint32 value)
{
    char bytes[4];
    qToLittleEndian(value, bytes);
    out->append(bytes, 4);
}

} // namespace Dossier::Core
