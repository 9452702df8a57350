#include "annotatedialog.h"

#include "swatch.h"

#include <QColorDialog>
#include <QComboBox>
#include <QCompleter>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QStringListModel>

namespace Dossier::Ui
{

namespace
{

// Completes the tag being typed (after the last comma) from the codebook.
class TagCompleter final : public QCompleter
{
public:
    using QCompleter::QCompleter;
    QStringList splitPath(const QString &path) const override { return { path.section(u',', -1).trimmed() }; }
    QString pathFromIndex(const QModelIndex &index) const override
    {
        const QString typed = static_cast<QLineEdit *>(widget())->text();
        const qsizetype comma = typed.lastIndexOf(u',');
        const QString before = comma < 0 ? QString() : typed.left(comma + 1) + u' ';
        return before + index.data().toString();
    }
};

} // namespace

AnnotateDialog::AnnotateDialog(const QString &quote, const QList<Core::Tag> &codebook, QWidget *parent)
    : QDialog(parent)
    , m_tags(new QLineEdit(this))
    , m_note(new QPlainTextEdit(this))
    , m_color(new QComboBox(this))
{
    setWindowTitle(tr("Highlight"));
    auto *layout = new QFormLayout(this);
    auto *passage = new QLabel(this);
    passage->setWordWrap(true);
    passage->setTextFormat(Qt::PlainText);
    passage->setText(quote.size() > 300 ? quote.left(300) + QStringLiteral("…") : quote);
    passage->setAccessibleName(tr("Passage"));
    layout->addRow(tr("Passage:"), passage);

    m_tags->setPlaceholderText(tr("Comma-separated, e.g. Attribution, Follow up"));
    m_tags->setAccessibleName(tr("Tags"));
    QStringList names;
    for (const Core::Tag &tag : codebook) {
        names.append(tag.name);
        m_color->addItem(colorSwatch(QColor(tag.color)), tag.name, tag.color);
    }
    auto *completer = new TagCompleter(new QStringListModel(names, this), this);
    completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_tags->setCompleter(completer);
    layout->addRow(tr("&Tags:"), m_tags);

    m_note->setAccessibleName(tr("Note"));
    m_note->setTabChangesFocus(true);
    m_note->setMinimumHeight(80);
    layout->addRow(tr("&Note:"), m_note);

    // Index 0: follow the first tag; then one entry per tag colour; last: pick any colour.
    m_color->insertItem(0, tr("First tag's colour"), QString());
    m_color->addItem(tr("Other colour…"), QStringLiteral("custom"));
    m_color->setCurrentIndex(0);
    m_color->setAccessibleName(tr("Colour"));
    connect(m_color, &QComboBox::activated, this, &AnnotateDialog::chooseColor);
    layout->addRow(tr("&Colour:"), m_color);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addRow(buttons);
    m_tags->setFocus();
}

AnnotateDialog::~AnnotateDialog() = default;

void AnnotateDialog::chooseColor(int index)
{
    if (m_color->itemData(index).toString() != u"custom") {
        return;
    }
    const QColor picked = QColorDialog::getColor(
        m_customColor.isEmpty() ? QColor(Qt::yellow) : QColor(m_customColor), this, tr("Highlight Colour"));
    if (!picked.isValid()) {
        m_color->setCurrentIndex(0);
        return;
    }
    setColor(picked.name());
}

void AnnotateDialog::setTags(const QStringList &tags)
{
    m_tags->setText(tags.join(QStringLiteral(", ")));
}

QStringList AnnotateDialog::tags() const
{
    QStringList tags;
    for (const QString &part : m_tags->text().split(u',')) {
        const QString name = part.simplified();
        if (!name.isEmpty() && !tags.contains(name, Qt::CaseInsensitive)) {
            tags.append(name);
        }
    }
    return tags;
}

void AnnotateDialog::setNote(const QString &note)
{
    m_note->setPlainText(note);
}

QString AnnotateDialog::note() const
{
    return m_note->toPlainText().trimmed();
}

void AnnotateDialog::setColor(const QString &color)
{
    if (color.isEmpty()) {
        m_color->setCurrentIndex(0);
        return;
    }
    const int existing = m_color->findData(color.toLower());
    if (existing >= 0) {
        m_color->setCurrentIndex(existing);
        return;
    }
    m_customColor = color.toLower();
    const int custom = m_color->count() - 1;
    m_color->insertItem(custom, colorSwatch(QColor(m_customColor)), m_customColor, m_customColor);
    m_color->setCurrentIndex(custom);
}

QString AnnotateDialog::color() const
{
    const QString data = m_color->currentData().toString();
    return data == u"custom" ? QString() : data;
}

} // namespace Dossier::Ui
