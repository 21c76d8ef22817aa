#include "fuzzsupport.h"

#include <QCoreApplication>
#include <QHashFunctions>

#include <cstdio>
#include <cstdlib>

namespace coderai::fuzz {
namespace {

void dropMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", qPrintable(message));
        std::abort();
    }
}

} // namespace

void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
    if (!detail.isEmpty())
        std::fprintf(stderr, "  %.*s\n", int(std::min<qsizetype>(detail.size(), 2000)), detail.data());
    std::abort();
}

QByteArrayView bytes(const std::uint8_t *data, std::size_t size)
{
    return QByteArrayView(reinterpret_cast<const char *>(data), qsizetype(size));
}

QList<qsizetype> cuts(QByteArrayView input, int mode)
{
    QList<qsizetype> ends;
    const qsizetype size = input.size();
    if (mode == 0 || size == 0) {
        ends.append(size);
        return ends;
    }
    if (mode == 1) {
        ends.reserve(size);
        for (qsizetype i = 1; i <= size; ++i)
            ends.append(i);
        return ends;
    }
    // xorshift64*, seeded from the input: deterministic, so a saved crash input replays.
    quint64 state = qHashBits(input.data(), size_t(size), size_t(mode)) | 1;
    auto draw = [&state] {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1DULL;
    };
    qsizetype at = 0;
    while (at < size) {
        const quint64 r = draw();
        // Mostly short reads, where boundaries fall inside tokens; now and then a long one.
        const qsizetype length = (r & 15) == 0 ? qsizetype(1 + (r >> 8) % 4096) : qsizetype(1 + (r >> 8) % 64);
        at = std::min(size, at + length);
        ends.append(at);
    }
    return ends;
}

QList<int> splitModes(QByteArrayView input)
{
    constexpr qsizetype kMaxByteByByte = 2048;
    return input.size() <= kMaxByteByByte ? QList<int>{1, 2, 3} : QList<int>{2, 3};
}

} // namespace coderai::fuzz

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    static int argc = 1;
    static char name[] = "coderai-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv);
    qInstallMessageHandler(coderai::fuzz::dropMessage);
    return 0;
}
