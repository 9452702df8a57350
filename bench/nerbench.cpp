// Entity recognizer throughput: one thread, over the text of the files given (e.g. the CoNLL-2003
// dev texts), after a warm-up pass. It times the whole default recognizer (tokenizer, rules and
// gazetteers, the sequence tagger, their merge), and says whether the tagger's model was loaded.
//   dossier-nerbench FILE... [--repeat N]
#include "analysis/entityrecognizer.h"
#include "analysis/sequencetagger.h"
#include "analysis/tokenizer.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <cstdio>

using namespace Dossier::Core;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList texts;
    int repeat = 5;
    const QStringList args = app.arguments();
    for (qsizetype i = 1; i < args.size(); ++i) {
        if (args[i] == u"--repeat" && i + 1 < args.size()) {
            repeat = args[++i].toInt();
            continue;
        }
        QFile file(args[i]);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "cannot read %s\n", qPrintable(args[i]));
            return 1;
        }
        texts.append(QString::fromUtf8(file.readAll()));
    }
    if (texts.isEmpty()) {
        std::fprintf(stderr, "usage: dossier-nerbench FILE... [--repeat N]\n");
        return 2;
    }
    qint64 tokens = 0;
    for (const QString &text : std::as_const(texts)) {
        tokens += tokenize(text).size();
    }
    const EntityRecognizer &recognizer = defaultRecognizer();
    qint64 mentions = 0;
    for (const QString &text : std::as_const(texts)) { // warm-up: loads the gazetteers
        mentions += recognizer.recognize(text, {}).size();
    }
    QElapsedTimer timer;
    timer.start();
    for (int r = 0; r < repeat; ++r) {
        for (const QString &text : std::as_const(texts)) {
            mentions += recognizer.recognize(text, {}).size();
        }
    }
    const double seconds = double(timer.nsecsElapsed()) / 1e9;
    std::printf("files=%lld tokens=%lld repeat=%d seconds=%.3f tokens_per_s=%.0f tagger=%s\n", qint64(texts.size()),
        tokens, repeat, seconds, double(tokens) * repeat / seconds,
        SequenceTagger::instance().isLoaded() ? "loaded" : "missing");
    return mentions > 0 ? 0 : 1;
}
