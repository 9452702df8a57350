#pragma once

#include <QByteArray>
#include <QStringList>

// Learns the word classes of core/analysis/wordclusters.h from unlabelled text: each frequent word is
// described by the words seen just before and just after it (positive pointwise mutual information), the
// descriptions are grouped by spherical k-means into the fine classes, their centres into the middle classes
// and those into the coarse ones. Deterministic: the same texts, options and build give the same bytes.
struct ClusterOptions {
    int fine = 512;
    int middle = 64;
    int coarse = 16;
    int minCount = 4; // words seen fewer times get no class
    int maxWords = 60000;
    int contexts = 2000; // the most frequent tokens, as neighbours
    int window = 1; // how many neighbours on each side describe a word
    int iterations = 20;
    quint32 seed = 2003;
};

// The file WordClusters::load() reads; prints what it learned (sizes, and a sample of each coarse class).
QByteArray makeWordClusters(const QStringList &texts, const ClusterOptions &options);
