#pragma once

#include <Qt>

// Item data roles of Dossier's models, in one place so views, delegates and proxies agree on them.
// Models return raw values for these roles; formatting belongs to delegates. Add new roles in a
// new range rather than renumbering existing ones.

namespace Dossier::Ui
{

/*! \brief Roles of EntityFacetModel (the entity sidebar). */
enum EntityRole : int {
    EntityIdRole = Qt::UserRole + 0x100, //!< qint64 library-wide entity id; -1 on a type group
    EntityTypeRole, //!< int value of Core::EntityType (on groups and entities)
    DocumentCountRole, //!< int: documents of the current listing that mention the entity
    FilterStateRole, //!< int value of EntityFilterState
    AliasesRole, //!< QStringList of other surface forms; invalid while not yet loaded
    IsTypeGroupRole, //!< bool: the row is a type group, not an entity
    SearchKeyRole, //!< QString: name and aliases folded for accent/case-insensitive matching
};

/*! \brief Roles of AnnotationListModel (the annotations panel). */
enum AnnotationRole : int {
    AnnotationIdRole = Qt::UserRole + 0x200, //!< qint64 annotation id
    ArticleIdRole, //!< qint64 id of the annotation's article; -1 once the article is gone
    AnnotationStateRole, //!< int value of Core::AnnotationState
    AnnotationColorRole, //!< QString "#rrggbb": the colour the passage is painted in
};

/*! \brief Roles of TimelineEventModel (the timeline's events): the row's first report. */
enum TimelineEventRole : int {
    EventArticleIdRole = Qt::UserRole + 0x300, //!< qint64 id of the first report's article
    EventStartRole, //!< qsizetype: the report's sentence starts here (UTF-16 body offset)
    EventEndRole, //!< qsizetype: … and ends here
    EventArticleCountRole, //!< int: distinct articles among the event's reports
};

/*! \brief Roles of CooccurrenceModel (who appears with whom): the same on every column of a row. */
enum CooccurrenceRole : int {
    PairEntityARole = Qt::UserRole + 0x400, //!< qint64 id of the pair's first (more frequent) entity
    PairEntityBRole, //!< qint64 id of the second
    PairSortRole, //!< the column's raw value to sort by: QString name, int count or double NPMI
};

/*! \brief Roles of CopyListModel (the Copies view): the row's article of the cluster. */
enum CopyRole : int {
    CopyArticleIdRole = Qt::UserRole + 0x400, //!< qint64 article id
    CopySimilarityRole, //!< double: estimated similarity to the earliest copy (1 for it)
    CopyIsOriginalRole, //!< bool: the earliest copy, which the others are compared with
};

/*! \brief What an entity contributes to the document filter. */
enum class EntityFilterState : int {
    None, //!< not part of the filter
    Included, //!< documents must mention it (all of / any of the included ones)
    Excluded, //!< documents mentioning it are left out
};

} // namespace Dossier::Ui
