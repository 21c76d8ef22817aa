// bench_bodycoding: the per-byte work a large body costs on its way to the broker (issue 14
// item 3), ours against what Qt 6.4 does, on the same bytes in one run:
//  - base64: proxy::encodeBase64 into a preallocated message against QByteArray::toBase64;
//  - masking: FrameWriter::maskInto (8 bytes per step) against the byte loop of Qt 6.4's
//    QWebSocketProtocol::mask (reproduced here: it is not exported);
//  - one message through QWebSocket's path (QString::fromUtf8, toUtf8, detach, mask) against
//    ours (mask one frame at a time from the caller's bytes).
#include "benchutil.h"
#include "broker/framewriter.h"
#include "work/proxybase64.h"

#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <ctime>
#include <functional>

using namespace coderai;
using namespace coderai::bench;
using namespace Qt::StringLiterals;

namespace {

volatile qint64 g_sink = 0;


// Qt 6.4.2, qwebsocketprotocol.cpp, QWebSocketProtocol::mask(char *, quint64, quint32).
void qtMask(char *payload, quint64 size, quint32 maskingKey)
{
    const quint8 mask[] = {quint8((maskingKey & 0xFF000000u) >> 24), quint8((maskingKey & 0x00FF0000u) >> 16),
                           quint8((maskingKey & 0x0000FF00u) >> 8), quint8((maskingKey & 0x000000FFu))};
    quint64 i = 0;
    while (size-- > 0)
        *payload++ ^= mask[i++ % 4];
}

QString mibPerSecond(qsizetype bytes, double ns)
{
    return QString::number(double(bytes) / (1024.0 * 1024.0) / (ns / 1e9), 'f', 0);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const bool quick = QCoreApplication::arguments().contains(u"--quick"_s);
    const int repeats = quick ? 5 : 11;
    const qsizetype size = 8 * 1024 * 1024; // the yardstick's one-shot body

    QByteArray body(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        body[i] = char((i * 2654435761u) >> 13);
    QByteArray target(proxy::base64Size(size), Qt::Uninitialized);
    const QByteArray text = body.toBase64(); // what a message mostly is

    Table table({u"work on an 8 MiB body"_s, u"ours MiB/s"_s, u"Qt 6.4 MiB/s"_s, u"Qt time / ours"_s});
    auto row = [&table](const QString &name, qsizetype bytes, double oursNs, double qtNs) {
        table.addRow({name, mibPerSecond(bytes, oursNs), mibPerSecond(bytes, qtNs), QString::number(qtNs / oursNs, 'f', 1)});
    };

    const double ours64 = timeIt(repeats, [&] { g_sink = g_sink + proxy::encodeBase64(body.constData(), size, target.data()); });
    const double qt64 = timeIt(repeats, [&] { g_sink = g_sink + body.toBase64().size(); });
    row(u"base64 (input bytes)"_s, size, ours64, qt64);

    QByteArray masked(text.size(), Qt::Uninitialized);
    const double oursMask = timeIt(repeats, [&] { FrameWriter::maskInto(masked.data(), text.constData(), text.size(), 0x37fa213d); });
    const double qtMaskNs = timeIt(repeats, [&] { qtMask(masked.data(), quint64(masked.size()), 0x37fa213d); });
    row(u"masking"_s, text.size(), oursMask, qtMaskNs);

    // Everything between "the message is built" and "the socket has it", less the socket.
    const double oursSend = timeIt(repeats, [&] {
        QByteArray frame(FrameWriter::kFrameBytes + 14, Qt::Uninitialized);
        for (qsizetype at = 0; at < text.size(); at += FrameWriter::kFrameBytes) {
            const qsizetype n = std::min(FrameWriter::kFrameBytes, text.size() - at);
            FrameWriter::maskInto(frame.data() + 14, text.constData() + at, n, 0x37fa213d);
        }
        g_sink = g_sink + frame.size();
    });
    const double qtSend = timeIt(repeats, [&] {
        QByteArray utf8 = QString::fromUtf8(text).toUtf8();
        utf8.detach();
        qtMask(utf8.data(), quint64(utf8.size()), 0x37fa213d);
        g_sink = g_sink + utf8.size();
    });
    row(u"message to frames (text bytes)"_s, text.size(), oursSend, qtSend);

    std::printf("bench_bodycoding (%s): median thread CPU time of %d runs each\n\n%s", quick ? "quick" : "full", repeats,
                qUtf8Printable(table.render()));
    return 0;
}
