// Import benchmark: writes a generated corpus, imports it into a fresh library, prints throughput;
// then renames the person most articles mention and times re-tagging the articles that changes.
//   dossier-importbench [--articles N] [--threads T] [--keep DIR]
#include "corpusgenerator.h"
#include "import/importjob.h"
#include "import/retagjob.h"
#include "store/library.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>

#include <cstdio>
#include <sys/resource.h>

using namespace Dossier;

namespace
{

long peakRssKb()
{
    rusage usage {};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_maxrss; // kilobytes on Linux
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int articles = 10000;
    int threads = 0;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i + 1 < args.size(); i += 2) {
        if (args[i] == u"--articles") {
            articles = args[i + 1].toInt();
        } else if (args[i] == u"--threads") {
            threads = args[i + 1].toInt();
        }
    }
    QTemporaryDir dir;
    const QString corpus = dir.filePath(QStringLiteral("corpus"));
    const qint64 bytes = Bench::writeCorpus(corpus, articles);
    if (bytes < 0) {
        std::fprintf(stderr, "cannot write the corpus\n");
        return 1;
    }
    const long rssBefore = peakRssKb();

    // The analysis alone, one thread, on the first 1,000 files: shows how import time splits.
    {
        QList<Core::ImportFailure> ignored;
        QList<QString> sample = Core::collectImportFiles({ corpus }, &ignored).mid(0, 1000);
        const Core::Analyzer analyzer;
        QElapsedTimer t;
        t.start();
        for (const QString &path : sample) {
            (void)analyzer.analyzeFile(path);
        }
        std::printf("analysis_only_one_thread_articles_per_s=%.0f (%lld files)\n",
            double(sample.size()) / (double(t.nsecsElapsed()) / 1e9), qint64(sample.size()));
    }

    Core::ImportRequest request;
    request.libraryPath = dir.filePath(QStringLiteral("bench.dossier"));
    request.paths = { corpus };
    request.threads = threads;
    QElapsedTimer timer;
    timer.start();
    const Core::ImportSummary summary = Core::importFiles(request, false);
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    if (!summary.fatalError.isEmpty() || summary.imported != articles) {
        std::fprintf(stderr, "import failed: %s (%d of %d imported)\n", qPrintable(summary.fatalError),
            summary.imported, articles);
        return 1;
    }
    const double libraryMb = double(QFileInfo(request.libraryPath).size()) / (1024 * 1024);
    std::printf("articles=%d corpus_mb=%.1f seconds=%.2f articles_per_s=%.0f mb_per_s=%.2f peak_rss_mb=%.0f "
                "(before import %.0f) library_mb=%.1f threads=%d\n",
        articles, double(bytes) / (1024 * 1024), seconds, articles / seconds, double(bytes) / (1024 * 1024) / seconds,
        double(peakRssKb()) / 1024, double(rssBefore) / 1024, libraryMb,
        threads > 0 ? threads : QThread::idealThreadCount());

    // An entity correction: the most mentioned person renamed, its articles re-tagged (one thread).
    Core::Library library(request.libraryPath);
    const auto people = library.open() ? library.entities().all(Core::EntityType::Person) : std::nullopt;
    if (!people || people->isEmpty()
        || !library.curation().renameEntity(people->front().id, people->front().name + QStringLiteral(" (renamed)"))) {
        std::fprintf(stderr, "cannot rename an entity: %s\n", qPrintable(library.errorString()));
        return 1;
    }
    const qint64 queued = library.curation().pendingRetags().value_or(-1);
    timer.restart();
    const std::atomic_bool cancel { false };
    const Core::RetagSummary retag = Core::retagQueued(request.libraryPath, {}, cancel);
    const double retagSeconds = double(timer.nsecsElapsed()) / 1e9;
    if (!retag.error.isEmpty() || retag.retagged != queued) {
        std::fprintf(stderr, "re-tag failed: %s (%d of %lld)\n", qPrintable(retag.error), retag.retagged, queued);
        return 1;
    }
    std::printf("retag_articles=%d seconds=%.2f articles_per_s=%.0f (rename of '%s', in %d articles)\n", retag.retagged,
        retagSeconds, retag.retagged / retagSeconds, qPrintable(people->front().name), people->front().documents);
    return 0;
}
