#pragma once

#include "annotations/annotation.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;

namespace Dossier::Ui
{

/*!
    \brief Asks for the tags, note and colour of a highlight (new or edited). Tags are typed
    comma-separated and completed from the codebook; the colour follows the first tag unless
    one is picked.
*/
class AnnotateDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(AnnotateDialog)
public:
    AnnotateDialog(const QString &quote, const QList<Core::Tag> &codebook, QWidget *parent = nullptr);
    ~AnnotateDialog() override;

    void setTags(const QStringList &tags);
    QStringList tags() const;
    void setNote(const QString &note);
    QString note() const;
    /*! "#rrggbb", or empty for the first tag's colour. */
    void setColor(const QString &color);
    QString color() const;

    QLineEdit *tagsField() const { return m_tags; }
    QPlainTextEdit *noteField() const { return m_note; }

private:
    void chooseColor(int index);

    QLineEdit *m_tags = nullptr;
    QPlainTextEdit *m_note = nullptr;
    QComboBox *m_color = nullptr;
    QString m_customColor;
};

} // namespace Dossier::Ui
