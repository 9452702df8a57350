#pragma once

// Shared by the libFuzzer targets: the fuzzer's bytes as Qt values, and invariant checks that turn
// a wrong answer into a crash libFuzzer keeps, like any memory error.

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

namespace Dossier::Fuzz
{

/*! What LLVMFuzzerTestOneInput returns for an input it refuses (too large): libFuzzer does not add
    it to the corpus. */
constexpr int reject = -1;

/*! A copy of the input, terminated like every QByteArray read from a file. */
inline QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

/*! The input as UTF-8 text (malformed sequences become U+FFFD, as when a file is decoded). */
inline QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

/*! Aborts, naming \a what, when \a holds is false. */
inline void check(bool holds, const char *what)
{
    if (!holds) {
        std::fprintf(stderr, "dossier fuzz: invariant broken: %s\n", what);
        std::abort();
    }
}

} // namespace Dossier::Fuzz
