#pragma once

#include "annotations/annotation.h"

#include <QWidget>

class QListWidget;
class QListWidgetItem;
class QToolButton;

namespace Dossier::Ui
{

/*!
    \brief The tag facet of the sidebar: every tag of the codebook with its colour and the number
    of listed documents carrying it; checking tags narrows the document list to the documents that
    carry all of them.
*/
class TagFacetList final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TagFacetList)
public:
    explicit TagFacetList(QWidget *parent = nullptr);
    ~TagFacetList() override;

    /*! Shows \a tags (Tag::documents = count in the current listing); checked ones stay checked. */
    void setTags(const QList<Core::Tag> &tags);
    QList<qint64> checkedTags() const;
    void setChecked(qint64 tagId, bool checked);
    void clearChecked();
    /*! Checks exactly \a tags (a saved search's), without announcing it: the caller set the filter. */
    void setCheckedTags(const QList<qint64> &tags);
    QListWidget *list() const { return m_list; }

Q_SIGNALS:
    void checkedTagsChanged(const QList<qint64> &tags);

private:
    QListWidget *m_list = nullptr;
    QToolButton *m_clear = nullptr;
    QList<qint64> m_checked;
    bool m_updating = false;
};

} // namespace Dossier::Ui
