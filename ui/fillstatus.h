#pragma once

#include "store/filljob.h"

#include <QWidget>

class QProgressBar;

namespace Dossier::Ui
{

/*!
    \brief A background fill of an upgraded library's rows (Core::FillJob) as the status bar shows
    it: what it does, its progress and a Stop button; hidden while no fill runs.
*/
class FillStatus final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FillStatus)
public:
    /*! \a what names the work ("Indexing sentences"), \a stopTip says what stopping keeps. */
    FillStatus(Core::FillKind kind, const QString &what, const QString &stopTip, QWidget *parent = nullptr);

    /*! Starts filling the library at \a libraryPath (of \a total articles, 0: not known yet), unless
        a fill runs. */
    void start(const QString &libraryPath, qint64 total = 0);
    /*! Drops the running fill (its library is closing): it is canceled and forgotten, without
        finished(); what it wrote stays. */
    void drop();
    bool isRunning() const;

Q_SIGNALS:
    /*! The fill ended (done, stopped with the Stop button or failed); the widget is hidden. */
    void finished(const Dossier::Core::FillSummary &summary);

private:
    Core::FillKind m_kind;
    Core::FillJob *m_job = nullptr;
    QProgressBar *m_progress = nullptr;
};

} // namespace Dossier::Ui
