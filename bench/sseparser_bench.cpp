// bench_sseparser: SseParser throughput, as a multiple of the time a plain memchr scan for '\n'
// takes over the same reads. The scan is the floor any line-based parser pays; the ratio shows
// what splitting, buffering and handing events out costs on top.
#include "benchutil.h"
#include "local/sseparser.h"

#include <QCoreApplication>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <functional>

using namespace coderai;
using namespace coderai::bench;
using namespace Qt::StringLiterals;

namespace {

/// One SSE event of exactly `size` bytes, "data: {...}\n\n" like a chat chunk.
QByteArray eventOfSize(qsizetype size)
{
    QByteArray event = "data: {\"choices\":[{\"delta\":{\"content\":\"";
    const QByteArray tail = "\"}}]}\n\n";
    event.append(QByteArray(size - event.size() - tail.size(), 'x'));
    event.append(tail);
    return event;
}

/// The reads a stream arrives in: views into one buffer.
struct Workload
{
    QString name;
    QByteArray bytes;
    qsizetype readSize = 0;
    qsizetype eventsPerPass = 0;
};

volatile qint64 g_sink = 0; // keeps the optimiser from dropping the work

qint64 runParser(const Workload &work)
{
    SseParser parser;
    qint64 events = 0;
    qint64 bytes = 0;
    const char *data = work.bytes.constData();
    for (qsizetype at = 0; at < work.bytes.size(); at += work.readSize) {
        parser.feed(QByteArrayView(data + at, std::min(work.readSize, work.bytes.size() - at)));
        while (parser.hasEvent()) {
            bytes += parser.takeEvent().size();
            ++events;
        }
    }
    g_sink = g_sink + bytes;
    return events;
}

qint64 runMemchr(const Workload &work)
{
    qint64 lines = 0;
    const char *data = work.bytes.constData();
    for (qsizetype at = 0; at < work.bytes.size(); at += work.readSize) {
        const char *from = data + at;
        const char *to = from + std::min(work.readSize, work.bytes.size() - at);
        while (from < to) {
            const auto *hit = static_cast<const char *>(std::memchr(from, '\n', size_t(to - from)));
            if (!hit)
                break;
            ++lines;
            from = hit + 1;
        }
    }
    g_sink = g_sink + lines;
    return lines;
}


} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = QCoreApplication::arguments().contains(u"--quick"_s);
    const int repeats = quick ? 5 : 15;
    const qsizetype streamBytes = quick ? 8 * 1024 * 1024 : 32 * 1024 * 1024;

    const QByteArray small = eventOfSize(200);
    QByteArray smallStream;
    smallStream.reserve(streamBytes);
    while (smallStream.size() + small.size() <= streamBytes)
        smallStream.append(small);
    const QByteArray big = eventOfSize(2 * 1024 * 1024);
    const QByteArray bigStream = big.repeated(quick ? 2 : 4);

    const std::vector<Workload> workloads {
        { u"200-byte events, 1 per read"_s, smallStream, 200, smallStream.size() / 200 },
        { u"200-byte events, 64 per read"_s, smallStream, 200 * 64, smallStream.size() / 200 },
        { u"2 MiB event, 16-byte reads"_s, bigStream, 16, bigStream.size() / big.size() },
    };

    Table table({ u"workload"_s, u"MB"_s, u"events"_s, u"SseParser MB/s"_s, u"memchr MB/s"_s, u"parser/memchr time"_s,
                  u"ns per event"_s });
    bool allCounted = true;
    for (const Workload &work : workloads) {
        allCounted = runParser(work) == work.eventsPerPass && allCounted; // also a warm-up
        runMemchr(work);
        const double parserNs = timeIt(repeats, [&work] { runParser(work); });
        const double memchrNs = timeIt(repeats, [&work] { runMemchr(work); });
        const double mb = double(work.bytes.size()) / 1e6;
        table.addRow({ work.name, fmt(mb, 1), QString::number(work.eventsPerPass), fmt(mb / (parserNs / 1e9), 0),
                       fmt(mb / (memchrNs / 1e9), 0), ratio(parserNs, memchrNs), fmt(parserNs / double(work.eventsPerPass), 0) });
    }
    std::printf("bench_sseparser (%s): median thread CPU time of %d runs each\n\n%s", quick ? "quick" : "full", repeats,
                qUtf8Printable(table.render()));
    if (!allCounted)
        std::printf("\nWARNING: the parser returned an unexpected number of events\n");
    return 0;
}
