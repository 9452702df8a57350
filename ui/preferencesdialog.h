#pragma once

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QSpinBox;

namespace Dossier::Ui
{

/*! \brief The settings a user may change, kept in QSettings under the keys below. */
namespace Settings
{
inline constexpr char theme[] = "reader/theme";
inline constexpr char reopenLastLibrary[] = "library/reopenLast";
inline constexpr char maxFileSizeMb[] = "import/maxFileSizeMb";
inline constexpr int defaultMaxFileSizeMb = 64;
} // namespace Settings

/*! \brief Preferences: the reader's theme, whether to reopen the last library, the import size limit,
    and the automatic backups (folder and how many to keep; keys in Core::BackupSettings). */
class PreferencesDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PreferencesDialog)
public:
    /*! \a themes are the names offered, \a currentTheme the one in use. */
    explicit PreferencesDialog(const QStringList &themes, const QString &currentTheme, QWidget *parent = nullptr);

    QString theme() const;
    /*! Writes the choices to QSettings. */
    void save() const;

private:
    QComboBox *m_theme = nullptr;
    QCheckBox *m_reopen = nullptr;
    QSpinBox *m_maxSize = nullptr;
    QLineEdit *m_backupFolder = nullptr;
    QSpinBox *m_backupKeep = nullptr;
};

} // namespace Dossier::Ui
