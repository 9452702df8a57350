#include "librarycheckdialog.h"

#include "store/repairjob.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace Dossier::Ui
{

namespace
{

QString kindText(Core::IntegrityProblem::Kind kind)
{
    switch (kind) {
    case Core::IntegrityProblem::Kind::Integrity:
        return LibraryCheckDialog::tr("Damaged data");
    case Core::IntegrityProblem::Kind::Fts:
        return LibraryCheckDialog::tr("Search index");
    case Core::IntegrityProblem::Kind::ForeignKey:
        return LibraryCheckDialog::tr("Broken link");
    case Core::IntegrityProblem::Kind::Orphan:
        return LibraryCheckDialog::tr("Left-over rows");
    }
    return {};
}

QString native(const QString &path)
{
    return QDir::toNativeSeparators(path);
}

// A name beside the damaged library that is not taken yet.
QString suggestedRecoveryFile(const QString &library)
{
    const QFileInfo info(library);
    const QString base = info.absolutePath() + u'/' + info.completeBaseName() + QStringLiteral("-recovered");
    QString candidate = base + QStringLiteral(".dossier");
    for (int n = 2; QFileInfo::exists(candidate) && n < 100; ++n) {
        candidate = QStringLiteral("%1-%2.dossier").arg(base).arg(n);
    }
    return candidate;
}

} // namespace

LibraryCheckDialog::LibraryCheckDialog(QWidget *parent)
    : QDialog(parent)
    , m_job(new Core::RepairJob(this))
    , m_message(new QLabel(this))
    , m_progress(new QProgressBar(this))
    , m_details(new QTreeWidget(this))
{
    setWindowTitle(tr("Check Library"));
    m_message->setObjectName(QStringLiteral("message"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_progress->setObjectName(QStringLiteral("progress"));
    m_progress->setRange(0, 0); // busy: neither check nor recovery can say how far it is
    m_progress->setTextVisible(false);
    m_progress->hide();
    m_details->setObjectName(QStringLiteral("details"));
    m_details->setRootIsDecorated(false);
    m_details->setAlternatingRowColors(true);
    m_details->header()->setStretchLastSection(false);
    m_details->hide();

    auto *buttons = new QDialogButtonBox(this);
    m_restore = buttons->addButton(tr("Restore the Latest Backup"), QDialogButtonBox::ActionRole);
    m_restore->setObjectName(QStringLiteral("restoreButton"));
    m_recover = buttons->addButton(tr("Recover into a New Library…"), QDialogButtonBox::ActionRole);
    m_recover->setObjectName(QStringLiteral("recoverButton"));
    m_openRecovered = buttons->addButton(tr("Open the Recovered Library"), QDialogButtonBox::ActionRole);
    m_openRecovered->setObjectName(QStringLiteral("openRecoveredButton"));
    m_close = buttons->addButton(QDialogButtonBox::Close);
    m_close->setObjectName(QStringLiteral("closeButton"));
    for (QPushButton *button : { m_restore, m_recover, m_openRecovered }) {
        button->setAutoDefault(false);
        button->hide();
    }
    connect(m_restore, &QPushButton::clicked, this, &LibraryCheckDialog::restore);
    connect(m_recover, &QPushButton::clicked, this, &LibraryCheckDialog::chooseRecoveryFile);
    connect(m_openRecovered, &QPushButton::clicked, this, [this] {
        Q_EMIT openLibraryRequested(m_recovered);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &LibraryCheckDialog::reject);

    connect(m_job, &Core::RepairJob::checked, this, &LibraryCheckDialog::showReport);
    connect(m_job, &Core::RepairJob::recovered, this, &LibraryCheckDialog::showRecovery);
    connect(m_job, &Core::RepairJob::restored, this, &LibraryCheckDialog::showRestore);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_progress);
    layout->addWidget(m_details, 1);
    layout->addWidget(buttons);
    resize(640, 360);
}

// The job waits for a running operation (a recovery or restore is never left half done).
LibraryCheckDialog::~LibraryCheckDialog() = default;

bool LibraryCheckDialog::isBusy() const
{
    return m_job->isRunning() || !m_progress->isHidden();
}

void LibraryCheckDialog::reject()
{
    if (!isBusy()) {
        QDialog::reject();
    }
}

void LibraryCheckDialog::setBusy(const QString &message)
{
    m_message->setText(message);
    m_progress->show();
    m_details->hide();
    m_details->clear();
    for (QPushButton *button : { m_restore, m_recover, m_openRecovered }) {
        button->hide();
    }
    m_close->setEnabled(false);
}

void LibraryCheckDialog::check(const QString &libraryPath)
{
    m_library = libraryPath;
    setWindowTitle(tr("Check Library"));
    setBusy(tr("Checking %1…").arg(native(libraryPath)));
    m_job->check(libraryPath);
}

void LibraryCheckDialog::offerRepair(const QString &libraryPath, const QString &error)
{
    m_library = libraryPath;
    setWindowTitle(tr("Cannot Open the Library"));
    const QList<Core::BackupInfo> backups = Core::Backups::fromSettings(libraryPath).latest();
    QString text = tr("The library %1 cannot be read; it may be damaged.").arg(native(libraryPath))
        + QStringLiteral("\n\n") + error + QStringLiteral("\n\n");
    if (backups.isEmpty()) {
        text += tr("There is no backup of it. What can still be read of it can be recovered into a new library; "
                   "the damaged file is only read.");
    } else {
        text += tr("Its latest backup was made %1. Restoring it keeps the damaged file beside it, renamed; "
                   "or what can still be read of it can be recovered into a new library.")
                    .arg(QLocale().toString(backups.front().made, QLocale::LongFormat));
    }
    m_message->setText(text);
    m_restore->setVisible(!backups.isEmpty());
    m_recover->show();
    m_close->setText(tr("Cancel"));
}

void LibraryCheckDialog::showReport(const Core::IntegrityReport &report)
{
    m_progress->hide();
    m_close->setEnabled(true);
    if (!report.error.isEmpty()) {
        m_message->setText(tr("The library %1 could not be checked: %2").arg(native(m_library), report.error));
        return;
    }
    const QString counted = tr("Articles: %1. Passages: %2.")
                                .arg(report.articles ? QString::number(*report.articles) : tr("unknown"),
                                    report.annotations ? QString::number(*report.annotations) : tr("unknown"));
    if (report.ok()) {
        m_message->setText(tr("The library %1 is sound.").arg(native(m_library)) + u' ' + counted);
        return;
    }
    m_message->setText(tr("The library %1 is damaged. It is still open as it is; what can be read of it can be "
                          "recovered into a new library (the damaged file is only read).")
                           .arg(native(m_library))
        + u' ' + counted);
    m_details->setHeaderLabels({ tr("Problem"), tr("Table"), tr("Detail"), tr("Count") });
    for (const Core::IntegrityProblem &problem : report.problems) {
        auto *item = new QTreeWidgetItem(
            m_details, { kindText(problem.kind), problem.table, problem.detail, QLocale().toString(problem.count) });
        item->setData(0, Qt::UserRole, Core::problemKindName(problem.kind));
        item->setTextAlignment(3, Qt::AlignRight | Qt::AlignVCenter);
    }
    m_details->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_details->header()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_details->show();
    m_recover->show();
}

void LibraryCheckDialog::chooseRecoveryFile()
{
    // Window-modal and not blocking, like the import dialogs: the window goes on painting.
    auto *dialog = new QFileDialog(this, tr("Recover into a New Library"), suggestedRecoveryFile(m_library),
        tr("Dossier libraries (*.dossier);;All files (*)"));
    dialog->setObjectName(QStringLiteral("recoverFileDialog"));
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDefaultSuffix(QStringLiteral("dossier"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowModality(Qt::WindowModal);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &file) {
        m_recovered = file;
        setBusy(tr("Recovering what can be read of %1 into %2…").arg(native(m_library), native(file)));
        m_job->recover(m_library, file);
    });
    dialog->open();
}

void LibraryCheckDialog::showRecovery(const Core::RecoveryReport &report)
{
    m_progress->hide();
    m_close->setEnabled(true);
    m_close->setText(tr("Close"));
    if (!report.error.isEmpty()) {
        m_message->setText(tr("The recovery failed: %1\nNo new library was made; %2 was only read.")
                .arg(report.error, native(m_library)));
        m_recover->show();
        return;
    }
    QString text = tr("Recovered into %1:").arg(native(report.library)) + u'\n'
        + tr("Articles: %1 (re-tagged from their text: %2)").arg(report.articles).arg(report.retagged) + u'\n'
        + tr("Passages: %1 (orphaned, their article lost: %2)").arg(report.annotations).arg(report.orphaned) + u'\n'
        + tr("Tags: %1. Entity corrections: %2. Watched names: %3.")
              .arg(report.tags)
              .arg(report.rules)
              .arg(report.watchlist)
        + u'\n';
    text += report.lost.isEmpty() ? tr("Nothing was lost.") : tr("Lost: %1 (listed below).").arg(report.lost.size());
    m_message->setText(text);
    if (!report.lost.isEmpty()) {
        m_details->setHeaderLabels({ tr("Lost"), tr("Id"), tr("Detail") });
        for (const Core::LostItem &lost : report.lost) {
            new QTreeWidgetItem(m_details, { lost.kind, lost.id ? QString::number(*lost.id) : QString(), lost.detail });
        }
        m_details->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
        m_details->header()->setSectionResizeMode(2, QHeaderView::Stretch);
        m_details->show();
    }
    m_openRecovered->show();
    m_openRecovered->setDefault(true);
}

void LibraryCheckDialog::restore()
{
    setBusy(tr("Restoring the latest backup of %1…").arg(native(m_library)));
    m_job->restoreLatest(m_library);
}

void LibraryCheckDialog::showRestore(const Core::Backups::RestoreResult &result)
{
    m_progress->hide();
    m_close->setEnabled(true);
    m_close->setText(tr("Close"));
    if (!result.restored) {
        m_message->setText(tr("The backup could not be restored: %1").arg(result.error));
        m_recover->show();
        return;
    }
    QString text = tr("Restored %1 from the backup %2.").arg(native(m_library), native(result.backup));
    if (!result.keptAside.isEmpty()) {
        text += u' ' + tr("The damaged file was kept as %1.").arg(native(result.keptAside));
    }
    m_message->setText(text);
    Q_EMIT openLibraryRequested(m_library);
}

} // namespace Dossier::Ui
