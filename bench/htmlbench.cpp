// HTML reader throughput: decoding, parsing, metadata and main-article extraction (HtmlReader::read)
// over the pages given (e.g. the 61 dev pages of ../shared/eval/article-extraction), all held in
// memory, so reading from disk is timed apart. Each round reads every page once, on all threads
// (QtConcurrent) and on one; then two generated hostile pages are timed: a 50 MB article page and
// 100,000 nested elements.
//   dossier-htmlbench FILE... [--rounds N] [--threads T] [--large-mb M]
#include "benchclock.h"
#include "formats/htmlreader.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>
#include <QThreadPool>
#include <QtConcurrentMap>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <ctime>
#include <sys/resource.h>
#include <vector>

using namespace Dossier::Core;
using Dossier::Bench::cpuSeconds;
using Dossier::Bench::median;

namespace
{

// A large page: a masthead, link lists and a long article of numbered paragraphs, \a megabytes big.
QByteArray largePage(int megabytes)
{
    const qsizetype target = qsizetype(megabytes) * 1024 * 1024;
    QByteArray html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Large page | Bench"
                      "</title></head><body><header><nav><ul><li><a href=\"/\">Home</a></li><li><a href=\"/w\">"
                      "World</a></li></ul></nav></header><main><article><h1>Large page</h1>";
    html.reserve(target + 1024);
    for (int i = 0; html.size() < target; ++i) {
        html += "<p>Paragraph " + QByteArray::number(i)
            + " of a very long article: the council met on Tuesday, the mayor said, and the vote, which was "
              "close, went ahead as planned after a debate about roads, schools and the harbour.</p>";
        if (i % 50 == 49) {
            html += "<div class=\"related\"><ul><li><a href=\"/r\">A related story</a></li><li><a href=\"/s\">"
                    "Another one</a></li></ul></div>";
        }
    }
    html += "</article></main><footer>Copyright</footer></body></html>";
    return html;
}

QByteArray deepPage(int depth)
{
    QByteArray html = "<!DOCTYPE html><html><head><title>Deep</title></head><body>";
    for (int i = 0; i < depth; ++i) {
        html += "<div>";
    }
    html += "<p>Deep inside the markup, the text still reads well, with commas, clauses, and a stop.</p>";
    for (int i = 0; i < depth; ++i) {
        html += "</div>";
    }
    return html + "</body></html>";
}

// Reads \a page once and returns the seconds it took (and the body size, so nothing is optimised away).
double timeOne(const QByteArray &page, qsizetype *bodySize)
{
    QElapsedTimer timer;
    timer.start();
    const ReadResult result = HtmlReader().read(page, ReadOptions {});
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    *bodySize = result.body.size();
    return seconds;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int rounds = 5;
    int threads = QThread::idealThreadCount();
    int largeMb = 50;
    QStringList files;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--rounds" && i + 1 < args.size()) {
            rounds = std::max(1, args[++i].toInt());
        } else if (args[i] == u"--threads" && i + 1 < args.size()) {
            threads = std::max(1, args[++i].toInt());
        } else if (args[i] == u"--large-mb" && i + 1 < args.size()) {
            largeMb = std::max(0, args[++i].toInt());
        } else {
            files.append(args[i]);
        }
    }
    if (files.isEmpty()) {
        std::fprintf(stderr, "usage: dossier-htmlbench FILE... [--rounds N] [--threads T] [--large-mb M]\n");
        return 2;
    }

    QElapsedTimer timer;
    timer.start();
    QList<QByteArray> pages;
    qint64 bytes = 0;
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(path));
            return 1;
        }
        pages.append(file.readAll());
        bytes += pages.constLast().size();
    }
    const double readSeconds = double(timer.nsecsElapsed()) / 1e9;
    const double megabytes = double(bytes) / (1024.0 * 1024.0);
    std::printf("pages=%lld bytes=%lld (%.2f MB) disk_read_s=%.4f rounds=%d threads=%d\n", qint64(pages.size()), bytes,
        megabytes, readSeconds, rounds, threads);

    std::atomic<qint64> bodyChars { 0 };
    auto read
        = [&bodyChars](const QByteArray &page) { bodyChars += HtmlReader().read(page, ReadOptions {}).body.size(); };
    for (const QByteArray &page : std::as_const(pages)) { // warm-up: first-use statics, page cache
        read(page);
    }
    QThreadPool pool;
    pool.setMaxThreadCount(threads);
    std::vector<double> multi;
    std::vector<double> multiCpu;
    std::vector<double> single;
    std::vector<double> singleCpu;
    for (int r = 0; r < rounds; ++r) {
        double cpu = cpuSeconds();
        timer.restart();
        QtConcurrent::blockingMap(&pool, pages, read);
        multi.push_back(double(timer.nsecsElapsed()) / 1e9);
        multiCpu.push_back(cpuSeconds() - cpu);
        cpu = cpuSeconds();
        timer.restart();
        for (const QByteArray &page : std::as_const(pages)) {
            read(page);
        }
        single.push_back(double(timer.nsecsElapsed()) / 1e9);
        singleCpu.push_back(cpuSeconds() - cpu);
    }
    const double n = double(pages.size());
    auto report = [&](const char *label, const std::vector<double> &seconds, const std::vector<double> &cpu) {
        const double best = *std::min_element(seconds.begin(), seconds.end());
        const double mid = median(seconds);
        std::printf("%-12s pages/s best=%.1f median=%.1f  MB/s best=%.2f median=%.2f  round_s min=%.4f median=%.4f"
                    "  pages/cpu-s median=%.1f\n",
            label, n / best, n / mid, megabytes / best, megabytes / mid, best, mid, n / median(cpu));
    };
    char label[32];
    std::snprintf(label, sizeof label, "%d threads:", threads);
    report(label, multi, multiCpu);
    report("1 thread:", single, singleCpu);
    // With the disk read counted too (one read per page, as an import does).
    std::printf(
        "%-12s pages/s including the disk read (median, 1 thread) %.1f\n", "", n / (median(single) + readSeconds));

    qsizetype body = 0;
    if (largeMb > 0) {
        const QByteArray large = largePage(largeMb);
        const double seconds = timeOne(large, &body);
        rusage usage {};
        getrusage(RUSAGE_SELF, &usage);
        std::printf("generated %d MB page: %.2f s (%.1f MB/s), body %lld chars, peak RSS %ld MB\n", largeMb, seconds,
            double(large.size()) / (1024.0 * 1024.0) / seconds, qint64(body), usage.ru_maxrss / 1024);
    }
    const QByteArray deep = deepPage(100000);
    const double deepSeconds = timeOne(deep, &body);
    std::printf("100,000 nested divs: %.3f s, body %lld chars\n", deepSeconds, qint64(body));
    return bodyChars > 0 ? 0 : 1;
}
