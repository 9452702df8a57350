#include "preferencesdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QSettings>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Dossier::Ui
{

PreferencesDialog::PreferencesDialog(const QStringList &themes, const QString &currentTheme, QWidget *parent)
    : QDialog(parent)
    , m_theme(new QComboBox(this))
    , m_reopen(new QCheckBox(tr("Reopen the last library on start"), this))
    , m_maxSize(new QSpinBox(this))
{
    setWindowTitle(tr("Preferences"));
    QSettings settings;
    m_theme->addItems(themes);
    m_theme->setCurrentText(currentTheme);
    m_theme->setAccessibleName(tr("Reader theme"));
    m_reopen->setChecked(settings.value(QLatin1String(Settings::reopenLastLibrary), true).toBool());
    m_maxSize->setRange(1, 4096);
    m_maxSize->setSuffix(tr(" MB"));
    m_maxSize->setValue(settings.value(QLatin1String(Settings::maxFileSizeMb), Settings::defaultMaxFileSizeMb).toInt());
    m_maxSize->setAccessibleName(tr("Largest file to import"));
    m_maxSize->setToolTip(tr("Larger files are refused with a message, never read into memory."));

    auto *form = new QFormLayout;
    form->addRow(tr("Reader &theme:"), m_theme);
    form->addRow(QString(), m_reopen);
    form->addRow(tr("&Largest file to import:"), m_maxSize);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(buttons);
}

QString PreferencesDialog::theme() const
{
    return m_theme->currentText();
}

void PreferencesDialog::save() const
{
    QSettings settings;
    settings.setValue(QLatin1String(Settings::theme), m_theme->currentText());
    settings.setValue(QLatin1String(Settings::reopenLastLibrary), m_reopen->isChecked());
    settings.setValue(QLatin1String(Settings::maxFileSizeMb), m_maxSize->value());
}

} // namespace Dossier::Ui
