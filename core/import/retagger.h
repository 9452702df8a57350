#pragma once

#include <QtGlobal>

#include <optional>

namespace Dossier::Core
{

class Library;

/*!
    \brief Re-finds the entities of the articles an entity curation change queued (see
    CurationStore): each waiting article's body is analysed again with the library's names and
    the rules in force, and its entities, aliases and mentions replaced. Works on an open Library,
    whose errorString() says why a run failed.
*/
class Retagger
{
public:
    explicit Retagger(Library &library);

    /*! Re-tags up to \a limit waiting articles (all of them in one transaction) and returns how
        many it did; 0 when none wait. */
    std::optional<int> retagPending(int limit = 16);

private:
    Library &m_library;
};

} // namespace Dossier::Core
