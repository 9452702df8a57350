#pragma once

#include <QApplication>
#include <QMenu>
#include <QTimer>
#include <QWidget>

#include <functional>

// Helpers for tests that drive real widgets.
namespace Dossier::Test
{

/*! Answers the next modal dialog of type T (polling: it may take a moment to open). */
template<typename T> void whenModal(std::function<void(T *)> answer)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, answer] {
        if (auto *dialog = qobject_cast<T *>(QApplication::activeModalWidget())) {
            timer->stop();
            timer->deleteLater();
            answer(dialog);
        }
    });
    timer->start();
}

/*! Picks \a path ("Change Type/Organisation", without '&') in the next popup menu that opens,
    as a user would, and closes the menu. */
inline void whenPopupChoose(const QString &path)
{
    auto *timer = new QTimer(qApp);
    timer->setInterval(10);
    QObject::connect(timer, &QTimer::timeout, [timer, path] {
        auto *menu = qobject_cast<QMenu *>(QApplication::activePopupWidget());
        if (!menu) {
            return;
        }
        timer->stop();
        timer->deleteLater();
        QMenu *current = menu;
        QAction *found = nullptr;
        for (const QString &step : path.split(QLatin1Char('/'))) {
            found = nullptr;
            for (QAction *action : current ? current->actions() : QList<QAction *> {}) {
                if (action->text().remove(QLatin1Char('&')) == step) {
                    found = action;
                }
            }
            current = found ? found->menu() : nullptr;
        }
        if (found && found->isEnabled()) {
            found->trigger();
        } else {
            qWarning("no enabled menu entry %s", qPrintable(path));
        }
        menu->close();
    });
    timer->start();
}

/*! Two short local reports in our own words, for annotation fixtures. */
inline const QString harbourBody = QStringLiteral(
    "The harbour council agreed to repaint the pier railings before summer. A new ferry timetable starts in June.");
inline const QString bridgeBody
    = QStringLiteral("The old bridge was closed to lorries on Tuesday while engineers test the cables.");

} // namespace Dossier::Test
