#pragma once

#include <QFuture>
#include <QObject>
#include <QPromise>
#include <QString>

#include <functional>
#include <memory>

class QThread;

namespace Dossier::Core
{

class Library;

/*!
    \brief Reads a library on a thread of its own, so that a view can ask without blocking the
    GUI (the entity sidebar's facets and aliases).

    One connection is opened on the reader's thread at the first read and kept for the next ones
    (a Library belongs to the thread that made it); setPath() moves later reads to another library.
    Reads of one lane run one after another, in the order they were asked for; the two lanes run
    side by side (each with a connection of its own), so a long bulk read (every alias of the
    library) never holds up a quick one (the facets of a click). A read whose future is canceled
    before it starts does not run. LibrarySession owns the reader of its library.
*/
class LibraryReader final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LibraryReader)
public:
    enum class Lane { Interactive, Bulk };

    explicit LibraryReader(QObject *parent = nullptr);
    /*! Waits for the running read and closes the connection. */
    ~LibraryReader() override;

    /*! The library later reads go to; empty for none (they get no library). */
    void setPath(const QString &path);
    QString path() const;

    /*! Runs \a work on the reader's thread with its library, or with nullptr and the reason when
        the library cannot be opened (or none is set), and gives its result through the future. */
    template<typename Result>
    QFuture<Result> read(
        std::function<Result(Library *library, const QString &openError)> work, Lane lane = Lane::Interactive)
    {
        auto promise = std::make_shared<QPromise<Result>>();
        QFuture<Result> future = promise->future();
        promise->start();
        post(
            [promise, work = std::move(work)](Library *library, const QString &openError) {
                if (!promise->isCanceled()) {
                    promise->addResult(work(library, openError));
                }
                promise->finish();
            },
            lane);
        return future;
    }

private:
    class Worker;
    void post(std::function<void(Library *, const QString &)> job, Lane lane);

    QString m_path;
    QThread *m_threads[2] = {};
    Worker *m_workers[2] = {};
};

} // namespace Dossier::Core
