#pragma once

#include "annotations/annotation.h"
#include "article.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace Dossier::Core
{

class Library;

/*!
    \brief What to export. An article is in the pack when it is chosen, carries a chosen tag, or
    holds a chosen annotation; a passage is in when it is chosen, carries a chosen tag, or its
    article was chosen (or tagged) as a whole. Nothing chosen means the whole library.
*/
struct ExportSelection {
    QList<qint64> articles;
    QStringList tags;
    QList<qint64> annotations;
    bool fullText = false; //!< include each article's whole text, its passages highlighted
    QString title; //!< the cover's title; empty for "Dossier evidence pack"
    bool withHidden = false; //!< passages an editor hid too (left out unless asked for)

    bool isEmpty() const { return articles.isEmpty() && tags.isEmpty() && annotations.isEmpty(); }
    /*! The criteria in words, for the cover. */
    QString describe() const;
};

/*! \brief One article of a pack with its passages, in text order. */
struct PackArticle {
    Article article; //!< without mentions and raw text
    QStringList tags;
    QList<Annotation> annotations;
};

/*! \brief Everything an export writes, read from the library in one go. */
struct EvidencePack {
    QString title;
    QString criteria;
    QDateTime created;
    bool fullText = false;
    QList<Tag> codebook;
    QList<PackArticle> articles; //!< by date, then title
    QList<Annotation> orphaned; //!< chosen passages no longer in their article's text (listed apart)

    qsizetype passageCount() const;
};

/*! Called with (done, total) articles while collecting; return false to cancel. */
using ExportProgress = std::function<bool(qsizetype done, qsizetype total)>;

/*! Reads the articles and passages \a selection chooses. nullopt with \a error set on failure
    or cancel. */
std::optional<EvidencePack> collectEvidence(
    Library &library, const ExportSelection &selection, QString *error, const ExportProgress &progress = {});

} // namespace Dossier::Core
