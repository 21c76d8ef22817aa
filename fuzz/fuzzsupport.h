#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <cstddef>
#include <cstdint>

/// Shared by the fuzz targets: failure reports and the ways an input is cut into reads. The
/// targets' LLVMFuzzerInitialize is here too: it creates the one QCoreApplication (some Qt
/// classes need it) and silences Qt's log output, which would slow every execution down.
namespace coderai::fuzz {

/// Prints `what` with the input's size and aborts, which libFuzzer reports as a crash and saves
/// the input. For invariants the sanitizers cannot see (a different result for other reads).
[[noreturn]] void fail(const char *what, const QByteArray &detail = {});

/// The input as the parser sees it.
QByteArrayView bytes(const std::uint8_t *data, std::size_t size);

/// Ends of the reads an input is cut into, the last one being `size`. Mode 0: one read; 1: one
/// byte per read; 2 and above: reads of pseudo-random lengths (1 to 64 bytes, some longer),
/// drawn from a generator seeded by the input and the mode, so a crash replays exactly.
QList<qsizetype> cuts(QByteArrayView input, int mode);

/// The modes other than 0 worth running for this input: byte by byte only up to 2 KiB (it costs
/// a parser step per byte, and the pseudo-random reads cut larger inputs at enough places).
QList<int> splitModes(QByteArrayView input);

} // namespace coderai::fuzz

#define FUZZ_CHECK(condition, detail)                                                            \
    do {                                                                                         \
        if (!(condition))                                                                        \
            ::coderai::fuzz::fail(#condition, detail);                                           \
    } while (false)
