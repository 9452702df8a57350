#pragma once

// A word-level diff (Myers' O(ND) algorithm): what a copy of an article added, cut or changed
// against its original. A changed passage is a deleted run followed by an inserted one.

#include <QList>
#include <QStringView>

namespace Dossier::Core
{

/*! \brief A run of words both texts share, or that only the copy (Inserted) or only the original
    (Deleted) has. Offsets are UTF-16 indexes from the run's first word's start to its last word's
    end; an inserted run's original range is empty, at the start of the original's next word (the
    text's end when none follows), a deleted run's copy range likewise. */
struct DiffRun {
    enum class Kind { Equal, Inserted, Deleted };
    Kind kind = Kind::Equal;
    qsizetype originalStart = 0;
    qsizetype originalEnd = 0;
    qsizetype copyStart = 0;
    qsizetype copyEnd = 0;
    qsizetype words = 0; //!< words in the run
    friend bool operator==(const DiffRun &, const DiffRun &) = default;
};

/*! The runs that turn \a original into \a copy, word by word (words: runs of non-space characters,
    compared exactly), in order. Past maxEdits word edits the rest of the texts between their common
    beginning and end is reported as one deleted and one inserted run. */
QList<DiffRun> wordDiff(QStringView original, QStringView copy, int maxEdits = 4000);

} // namespace Dossier::Core
