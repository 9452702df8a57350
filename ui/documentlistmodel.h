#pragma once

#include "store/library.h"

#include <QAbstractTableModel>

namespace Dossier::Ui
{

/*!
    \brief The document list: title, date, source and entity count of the articles in a library.
    A first version that loads the summaries (never the bodies) of the listed articles.
*/
class DocumentListModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DocumentListModel)
public:
    enum Column { Title, Date, Source, Entities, ColumnCount };
    enum Role { IdRole = Qt::UserRole + 1, PathRole };

    explicit DocumentListModel(QObject *parent = nullptr);

    /*! Shows the articles of \a library (not owned; may be nullptr). */
    void setLibrary(Core::Library *library);
    /*! Re-reads the list from the library. */
    void reload();
    QString errorString() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

private:
    Core::Library *m_library = nullptr;
    QList<Core::ArticleSummary> m_rows;
    QString m_error;
};

} // namespace Dossier::Ui
