#include "import/qdpximport.h"

#include "analysis/analyzer.h"
#include "store/library.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>
#include <QXmlStreamReader>

#include <KZip>
#include <memory>

namespace Dossier::Core
{

namespace
{

// No part of a project is read past these sizes: a .qdpx is a zip, and a zip can lie.
constexpr qint64 maxProjectBytes = 64 * 1024 * 1024;
constexpr qint64 maxSourceBytes = 64 * 1024 * 1024;

struct Selection {
    qsizetype start = 0;
    qsizetype end = 0;
    QStringList codes;
    QStringList notes;
};

struct Source {
    QString guid;
    QString name;
    QString path; // plainTextPath
    QString content; // PlainTextContent
    bool hasContent = false;
    QList<Selection> selections;
    QStringList codes; // codings of the whole source
};

struct Code {
    QString name; // "Parent/Child"
    QString color;
    bool codable = false;
};

struct Note {
    QString text;
    QString path;
};

struct ProjectData {
    QHash<QString, Code> codes;
    QStringList codeOrder;
    QHash<QString, Note> notes;
    QList<Source> sources;
    QStringList skipped;
};

QString attribute(const QXmlStreamReader &xml, const char *name)
{
    return xml.attributes().value(QLatin1String(name)).toString();
}

// The GUIDs of a Coding's CodeRefs (the reader sits on <Coding>).
QStringList readCoding(QXmlStreamReader &xml)
{
    QStringList codes;
    while (xml.readNextStartElement()) {
        if (xml.name() == u"CodeRef") {
            codes.append(attribute(xml, "targetGUID").toLower());
        }
        xml.skipCurrentElement();
    }
    return codes;
}

void readCode(QXmlStreamReader &xml, const QString &parent, ProjectData &project)
{
    const QString name = attribute(xml, "name").trimmed();
    const QString path = parent.isEmpty() ? name : parent + QLatin1Char('/') + name;
    const QString guid = attribute(xml, "guid").toLower();
    project.codes.insert(guid, Code { path, attribute(xml, "color"), attribute(xml, "isCodable") != u"false" });
    project.codeOrder.append(guid);
    while (xml.readNextStartElement()) {
        if (xml.name() == u"Code") {
            readCode(xml, path, project);
        } else {
            xml.skipCurrentElement();
        }
    }
}

Selection readSelection(QXmlStreamReader &xml)
{
    Selection selection;
    selection.start = attribute(xml, "startPosition").toLongLong();
    selection.end = attribute(xml, "endPosition").toLongLong();
    while (xml.readNextStartElement()) {
        if (xml.name() == u"Coding") {
            selection.codes += readCoding(xml);
        } else if (xml.name() == u"NoteRef") {
            selection.notes.append(attribute(xml, "targetGUID").toLower());
            xml.skipCurrentElement();
        } else {
            xml.skipCurrentElement();
        }
    }
    return selection;
}

Source readTextSource(QXmlStreamReader &xml)
{
    Source source;
    source.guid = attribute(xml, "guid").toLower();
    source.name = attribute(xml, "name");
    source.path = attribute(xml, "plainTextPath");
    while (xml.readNextStartElement()) {
        if (xml.name() == u"PlainTextContent") {
            source.content = xml.readElementText();
            source.hasContent = true;
        } else if (xml.name() == u"PlainTextSelection") {
            source.selections.append(readSelection(xml));
        } else if (xml.name() == u"Coding") {
            source.codes += readCoding(xml);
        } else {
            xml.skipCurrentElement();
        }
    }
    return source;
}

Note readNote(QXmlStreamReader &xml)
{
    Note note;
    note.path = attribute(xml, "plainTextPath");
    while (xml.readNextStartElement()) {
        if (xml.name() == u"PlainTextContent") {
            note.text = xml.readElementText();
        } else {
            xml.skipCurrentElement();
        }
    }
    return note;
}

// "3 cases" for the parts of a project Dossier has nothing to map to.
void skipAll(QXmlStreamReader &xml, const QString &what, ProjectData &project)
{
    int count = 0;
    while (xml.readNextStartElement()) {
        ++count;
        xml.skipCurrentElement();
    }
    if (count > 0) {
        project.skipped.append(QStringLiteral("%1 %2 (Dossier has no place for them)").arg(count).arg(what));
    }
}

std::optional<ProjectData> parseProject(const QByteArray &qde, QString *error)
{
    ProjectData project;
    QXmlStreamReader xml(qde);
    if (!xml.readNextStartElement() || xml.name() != u"Project" || xml.namespaceUri() != u"urn:QDA-XML:project:1.0") {
        *error = xml.hasError() ? QStringLiteral("project.qde is not well-formed XML at line %1: %2")
                                      .arg(xml.lineNumber())
                                      .arg(xml.errorString())
                                : QStringLiteral("project.qde is not a REFI-QDA project (urn:QDA-XML:project:1.0)");
        return std::nullopt;
    }
    while (xml.readNextStartElement()) {
        const QStringView name = xml.name();
        if (name == u"CodeBook") {
            while (xml.readNextStartElement()) {
                if (xml.name() == u"Codes") {
                    while (xml.readNextStartElement()) {
                        if (xml.name() == u"Code") {
                            readCode(xml, QString(), project);
                        } else {
                            xml.skipCurrentElement();
                        }
                    }
                } else {
                    xml.skipCurrentElement();
                }
            }
        } else if (name == u"Sources") {
            while (xml.readNextStartElement()) {
                if (xml.name() == u"TextSource") {
                    project.sources.append(readTextSource(xml));
                } else {
                    const QString kind = xml.name().toString();
                    project.skipped.append(QStringLiteral("%1 '%2' (only text sources are imported)")
                            .arg(kind.chopped(qsizetype(6)).toLower() + QStringLiteral(" source"),
                                attribute(xml, "name")));
                    xml.skipCurrentElement();
                }
            }
        } else if (name == u"Notes") {
            while (xml.readNextStartElement()) {
                if (xml.name() == u"Note") {
                    const QString guid = attribute(xml, "guid").toLower();
                    project.notes.insert(guid, readNote(xml));
                } else {
                    xml.skipCurrentElement();
                }
            }
        } else if (name == u"Cases") {
            skipAll(xml, QStringLiteral("cases"), project);
        } else if (name == u"Variables") {
            skipAll(xml, QStringLiteral("variables"), project);
        } else if (name == u"Sets") {
            skipAll(xml, QStringLiteral("sets"), project);
        } else if (name == u"Links") {
            skipAll(xml, QStringLiteral("links"), project);
        } else if (name == u"Graphs") {
            skipAll(xml, QStringLiteral("graphs"), project);
        } else {
            xml.skipCurrentElement();
        }
    }
    if (xml.hasError()) {
        *error = QStringLiteral("project.qde is not well-formed XML at line %1: %2")
                     .arg(xml.lineNumber())
                     .arg(xml.errorString());
        return std::nullopt;
    }
    return project;
}

// An entry of the archive read to at most \a limit bytes; nullopt when missing or larger.
std::optional<QByteArray> readEntry(const KArchiveDirectory *root, const QString &name, qint64 limit, QString *error)
{
    const auto *file = dynamic_cast<const KArchiveFile *>(root->entry(name));
    if (!file) {
        *error = QStringLiteral("%1 is missing from the project").arg(name);
        return std::nullopt;
    }
    if (file->size() > limit) {
        *error = QStringLiteral("%1 is too large when unpacked (%2 MB; the limit is %3 MB)")
                     .arg(name)
                     .arg(file->size() / (1024 * 1024))
                     .arg(limit / (1024 * 1024));
        return std::nullopt;
    }
    const std::unique_ptr<QIODevice> device(file->createDevice());
    if (!device || !device->isOpen()) {
        *error = QStringLiteral("cannot unpack %1").arg(name);
        return std::nullopt;
    }
    QByteArray bytes = device->read(limit + 1);
    if (bytes.size() > limit) {
        *error
            = QStringLiteral("%1 is too large when unpacked (the limit is %2 MB)").arg(name).arg(limit / (1024 * 1024));
        return std::nullopt;
    }
    return bytes;
}

// The text behind an "internal://" path; nullopt (with \a why) for a path outside the project.
std::optional<QString> internalText(
    const KArchiveDirectory *root, const QString &path, const QString &folder, QString *why)
{
    if (!path.startsWith(QLatin1String("internal://"))) {
        *why = QStringLiteral("its text is outside the project (%1)").arg(path);
        return std::nullopt;
    }
    const QString name = path.mid(11);
    if (name.isEmpty() || name.contains(QLatin1String("..")) || name.contains(QLatin1Char('/'))) {
        *why = QStringLiteral("its path is not a file of the project (%1)").arg(path);
        return std::nullopt;
    }
    const auto bytes = readEntry(root, folder + QLatin1Char('/') + name, maxSourceBytes, why);
    if (!bytes) {
        return std::nullopt;
    }
    return QString::fromUtf8(*bytes);
}

// A file name for a source: its name with what file systems refuse replaced.
QString fileStem(const QString &name)
{
    static const QRegularExpression unsafe(QStringLiteral("[\\\\/:*?\"<>|\\x00-\\x1f]+"));
    QString stem = QString(name).replace(unsafe, QStringLiteral(" ")).simplified();
    while (stem.startsWith(QLatin1Char('.'))) {
        stem.remove(0, 1);
    }
    return stem.left(120).trimmed().isEmpty() ? QStringLiteral("source") : stem.left(120).trimmed();
}

// Writes \a text into \a dir as <stem>.txt, or <stem> 2.txt, … when another text has the name; a
// file that already holds this very text is used as it is.
std::optional<QString> writeSourceFile(const QDir &dir, const QString &stem, const QByteArray &bytes, QString *error)
{
    for (int n = 1; n < 10000; ++n) {
        QString path
            = dir.filePath(n == 1 ? stem + QStringLiteral(".txt") : QStringLiteral("%1 %2.txt").arg(stem).arg(n));
        QFile existing(path);
        if (existing.exists()) {
            if (existing.open(QIODevice::ReadOnly) && existing.size() == bytes.size() && existing.readAll() == bytes) {
                return path;
            }
            continue;
        }
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
            return std::nullopt;
        }
        return path;
    }
    *error = QStringLiteral("too many sources called '%1' in %2").arg(stem, dir.path());
    return std::nullopt;
}

// UTF-16 offsets of each code point position of \a text (text.size() at the end).
QList<qsizetype> utf16Offsets(const QString &text)
{
    QList<qsizetype> offsets;
    offsets.reserve(text.size() + 1);
    for (qsizetype i = 0; i < text.size(); ++i) {
        offsets.append(i);
        if (text[i].isHighSurrogate() && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            ++i;
        }
    }
    offsets.append(text.size());
    return offsets;
}

} // namespace

std::optional<QdpxImportReport> importQdpx(
    Library &library, const QString &qdpxPath, const QString &sourcesDir, QString *error)
{
    KZip zip(qdpxPath);
    if (!zip.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1 as a REFI-QDA project (.qdpx is a zip): %2")
                     .arg(qdpxPath, zip.errorString());
        return std::nullopt;
    }
    const KArchiveDirectory *root = zip.directory();
    const auto qde = readEntry(root, QStringLiteral("project.qde"), maxProjectBytes, error);
    if (!qde) {
        return std::nullopt;
    }
    auto project = parseProject(*qde, error);
    if (!project) {
        return std::nullopt;
    }
    QdpxImportReport report;
    report.skipped = project->skipped;

    // The codebook first: codes nobody used yet are part of what a team agreed on.
    for (const QString &guid : std::as_const(project->codeOrder)) {
        const Code &code = project->codes[guid];
        if (!code.codable || code.name.isEmpty()) {
            continue;
        }
        if (!library.tags().ensure(code.name, code.color)) {
            *error = library.errorString();
            return std::nullopt;
        }
        ++report.codes;
    }
    const auto tagNames = [&](const QStringList &guids, const QString &where) {
        QStringList names;
        for (const QString &guid : guids) {
            const auto code = project->codes.constFind(guid);
            if (code == project->codes.cend() || code->name.isEmpty()) {
                report.skipped.append(
                    QStringLiteral("a coding of %1 refers to a code the project does not have").arg(where));
            } else if (!names.contains(code->name, Qt::CaseInsensitive)) {
                names.append(code->name);
            }
        }
        return names;
    };

    const QDir dir(sourcesDir);
    if (!dir.exists() && !QDir().mkpath(sourcesDir)) {
        *error = QStringLiteral("cannot make the folder %1 for the project's texts").arg(sourcesDir);
        return std::nullopt;
    }
    for (const Source &source : std::as_const(project->sources)) {
        const QString label = QStringLiteral("'%1'").arg(source.name.isEmpty() ? source.guid : source.name);
        QString text;
        if (source.hasContent) {
            text = source.content;
        } else {
            QString why;
            const auto found = internalText(root, source.path, QStringLiteral("Sources"), &why);
            if (!found) {
                report.skipped.append(QStringLiteral("text source %1: %2").arg(label, why));
                continue;
            }
            text = *found;
        }
        const QByteArray bytes = text.toUtf8();
        const auto path
            = writeSourceFile(dir, fileStem(source.name.isEmpty() ? source.guid : source.name), bytes, error);
        if (!path) {
            return std::nullopt;
        }
        // Read as-is: the project's positions count into exactly this text.
        Article article;
        article.path = QFileInfo(*path).absoluteFilePath();
        article.format = QStringLiteral("text");
        article.encoding = QStringLiteral("UTF-8");
        article.sha256 = QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex();
        article.size = bytes.size();
        article.modified = QFileInfo(*path).lastModified().toMSecsSinceEpoch();
        article.rawText = text;
        article.body = text;
        article.meta.title = source.name;
        Analyzer::recognizeEntities(article);
        qint64 id = -1;
        if (!library.articles().store(article, &id)) {
            *error = library.errorString();
            return std::nullopt;
        }
        report.articles.append(id);

        const QList<qsizetype> offsets = utf16Offsets(text);
        for (const Selection &selection : source.selections) {
            if (selection.start < 0 || selection.end > offsets.size() - 1 || selection.start >= selection.end) {
                report.skipped.append(QStringLiteral("a selection of %1 at %2–%3 lies outside its text")
                        .arg(label)
                        .arg(selection.start)
                        .arg(selection.end));
                continue;
            }
            QStringList notes;
            for (const QString &guid : selection.notes) {
                const auto note = project->notes.constFind(guid);
                if (note == project->notes.cend()) {
                    report.skipped.append(QStringLiteral("a note of %1 is missing from the project").arg(label));
                    continue;
                }
                QString noteText = note->text;
                if (noteText.isEmpty() && !note->path.isEmpty()) {
                    QString why;
                    noteText = internalText(root, note->path, QStringLiteral("Sources"), &why).value_or(QString());
                }
                if (!noteText.isEmpty()) {
                    notes.append(noteText);
                }
            }
            const QStringList tags = tagNames(selection.codes, label);
            if (!library.annotations().annotate(
                    id, offsets[selection.start], offsets[selection.end], tags, notes.join(QStringLiteral("\n\n")))) {
                *error = library.errorString();
                return std::nullopt;
            }
            ++report.passages;
            report.notes += notes.isEmpty() ? 0 : 1;
        }
        const QStringList articleTags = tagNames(source.codes, label);
        if (!articleTags.isEmpty()) {
            if (!library.tags().tagArticle(id, articleTags)) {
                *error = library.errorString();
                return std::nullopt;
            }
            report.articleTags += int(articleTags.size());
        }
    }
    return report;
}

} // namespace Dossier::Core
