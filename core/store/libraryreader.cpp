#include "store/libraryreader.h"

#include "store/library.h"

#include <QThread>

namespace Dossier::Core
{

// Lives on the reader's thread: the connection, opened on first use, reopened for another path.
class LibraryReader::Worker final : public QObject
{
public:
    void run(const QString &path, const std::function<void(Library *, const QString &)> &job)
    {
        // Opened again for another path, and after a failure (the file may be fine by now).
        if (path != m_path || !m_library) {
            m_library.reset();
            m_path = path;
            m_error = path.isEmpty() ? QStringLiteral("no library is open") : QString();
            if (!path.isEmpty()) {
                auto library = std::make_unique<Library>(path);
                if (library->open()) {
                    m_library = std::move(library);
                } else {
                    m_error = library->errorString();
                }
            }
        }
        job(m_library.get(), m_error);
    }
    void close()
    {
        m_library.reset();
        m_path.clear();
    }

private:
    QString m_path;
    QString m_error;
    std::unique_ptr<Library> m_library;
};

LibraryReader::LibraryReader(QObject *parent)
    : QObject(parent)
{
    for (int lane = 0; lane < 2; ++lane) {
        m_threads[lane] = new QThread(this);
        m_threads[lane]->setObjectName(
            lane == 0 ? QStringLiteral("LibraryReader") : QStringLiteral("LibraryReader bulk"));
        m_workers[lane] = new Worker;
        m_workers[lane]->moveToThread(m_threads[lane]);
        m_threads[lane]->start();
    }
}

LibraryReader::~LibraryReader()
{
    for (int lane = 0; lane < 2; ++lane) {
        // The connection is closed on the thread that opened it, after the reads already asked for.
        Worker *worker = m_workers[lane];
        QMetaObject::invokeMethod(worker, [worker] { worker->close(); }, Qt::BlockingQueuedConnection);
        m_threads[lane]->quit();
        m_threads[lane]->wait();
        delete worker;
    }
}

void LibraryReader::setPath(const QString &path)
{
    m_path = path;
}

QString LibraryReader::path() const
{
    return m_path;
}

void LibraryReader::post(std::function<void(Library *, const QString &)> job, Lane lane)
{
    Worker *worker = m_workers[lane == Lane::Interactive ? 0 : 1];
    QMetaObject::invokeMethod(
        worker, [worker, path = m_path, job = std::move(job)] { worker->run(path, job); }, Qt::QueuedConnection);
}

} // namespace Dossier::Core
