#include "preferencesdialog.h"

#include "store/backups.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>
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
    , m_backupFolder(new QLineEdit(this))
    , m_backupKeep(new QSpinBox(this))
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

    m_backupFolder->setText(settings.value(QLatin1String(Core::BackupSettings::folderKey)).toString());
    m_backupFolder->setPlaceholderText(tr("Beside the library (LIBRARY.backups)"));
    m_backupFolder->setAccessibleName(tr("Backup folder"));
    auto *chooseFolder = new QPushButton(tr("Choose…"), this);
    connect(chooseFolder, &QPushButton::clicked, this, [this] {
        const QString folder = QFileDialog::getExistingDirectory(this, tr("Backup Folder"), m_backupFolder->text());
        if (!folder.isEmpty()) {
            m_backupFolder->setText(folder);
        }
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_backupFolder);
    folderRow->addWidget(chooseFolder);
    m_backupKeep->setRange(0, 365);
    m_backupKeep->setSpecialValueText(tr("Off"));
    m_backupKeep->setValue(
        settings.value(QLatin1String(Core::BackupSettings::keepKey), Core::BackupSettings::defaultKeep).toInt());
    m_backupKeep->setAccessibleName(tr("Backups to keep"));
    m_backupKeep->setToolTip(tr("A backup is made once a day when a library opens, and after a large import; "
                                "the oldest beyond this number are removed."));

    auto *form = new QFormLayout;
    form->addRow(tr("Reader &theme:"), m_theme);
    form->addRow(QString(), m_reopen);
    form->addRow(tr("&Largest file to import:"), m_maxSize);
    form->addRow(tr("&Backup folder:"), folderRow);
    form->addRow(tr("Backups to &keep:"), m_backupKeep);
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
    settings.setValue(QLatin1String(Core::BackupSettings::folderKey), m_backupFolder->text().trimmed());
    settings.setValue(QLatin1String(Core::BackupSettings::keepKey), m_backupKeep->value());
}

} // namespace Dossier::Ui
