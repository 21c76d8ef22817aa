// The streaming phase of bench_broker_hop: per-event delay added by the hop.
//
// The model server only says when it wrote an event by when the bytes arrive, so a TimedRelay in
// this process sits between it and the reader and stamps each event as it passes them on. The
// reader is either the bench itself (baseline) or a second seller whose local URL is the relay,
// whose events come back through a second demo broker. Both delays are measured on one clock,
// from "readable by the reader" to "in the reader's hands". The first seller is stopped by then,
// and the relay never carries the non-stream phases, so it cannot distort them.
#include "brokerclient.h"
#include "demo/demobroker.h"
#include "directclient.h"
#include "hopbench.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <cstdio>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

void note(QStringList &notes, const QString &what, const StreamRun &run)
{
    if (!run.ok)
        notes.append(u"%1: %2 events read, %3 relayed, or the stream did not finish cleanly"_s.arg(what)
                         .arg(run.readerEvents)
                         .arg(run.relayEvents));
}

void append(std::vector<double> &into, std::vector<double> &runP99, const StreamRun &run)
{
    into.insert(into.end(), run.delaysUs.begin(), run.delaysUs.end());
    if (!run.delaysUs.empty())
        runP99.push_back(percentile(run.delaysUs, 0.99));
}

} // namespace

bool HopBench::streamingPhase()
{
    std::fprintf(stderr, "bench_broker_hop: streaming (a second seller behind a timestamping relay)\n");
    ChildProcess model;
    if (!model.startModelServer(m_settings.chatTokenInterval, m_dir.filePath(u"model-stream.log"_s)))
        return false;
    TimedRelay relay(quint16(model.url().port()));
    if (!relay.listen())
        return false;
    const QUrl relayUrl(u"http://127.0.0.1:%1"_s.arg(relay.port()));
    demo::DemoBrokerOptions options;
    options.token = m_token;
    demo::DemoBroker broker(options);
    if (!broker.listen())
        return false;
    ChildProcess seller;
    if (!startSeller(seller, broker, relayUrl, u"bench-stream"_s))
        return false;
    DirectClient direct(relayUrl, 1);
    BrokerClient client(broker);

    auto ssePath = [](int events, int intervalMs) {
        return u"/v1/demo/sse?events=%1&interval_ms=%2"_s.arg(events).arg(intervalMs);
    };
    auto sseProxy = [](int events, int intervalMs) {
        return QJsonObject { { u"endpoint_path"_s, u"v1/demo/sse"_s },
                             { u"method"_s, u"GET"_s },
                             { u"query_params"_s, QJsonObject { { u"events"_s, QString::number(events) },
                                                                { u"interval_ms"_s, QString::number(intervalMs) } } },
                             { u"stream"_s, true } };
    };
    QJsonObject chat = m_chatPayload;
    chat.insert(u"max_tokens"_s, m_settings.chatStreamTokens);
    chat.insert(u"stream"_s, true);
    const QByteArray chatBody = QJsonDocument(chat).toJson(QJsonDocument::Compact);

    const int events = m_settings.sseEvents;
    const int interval = m_settings.sseIntervalMs;
    const auto sseTimeout = std::chrono::milliseconds(events * interval) + std::chrono::seconds(15);
    const auto chatTimeout = m_settings.chatTokenInterval * m_settings.chatStreamTokens + std::chrono::seconds(15);

    // Warm-up: connections open, code paths paged in.
    streamDirect(direct, relay, ssePath(20, 1), {}, std::chrono::seconds(10));
    streamViaBroker(client, relay, u"proxy"_s, sseProxy(20, 1), std::chrono::seconds(10));

    QStringList &notes = m_results.streamNotes;
    for (int run = 0; run < m_settings.streamRuns; ++run) {
        std::fprintf(stderr, "bench_broker_hop: stream run %d of %d\n", run + 1, m_settings.streamRuns);
        StreamRun r = streamDirect(direct, relay, ssePath(events, interval), {}, sseTimeout);
        note(notes, u"direct SSE"_s, r);
        append(m_results.sseDirectUs, m_results.sseDirectRunP99, r);
        r = streamViaBroker(client, relay, u"proxy"_s, sseProxy(events, interval), sseTimeout);
        note(notes, u"proxy SSE"_s, r);
        append(m_results.sseHopUs, m_results.sseHopRunP99, r);
        r = streamDirect(direct, relay, u"/v1/chat/completions"_s, chatBody, chatTimeout);
        note(notes, u"direct chat stream"_s, r);
        append(m_results.chatDirectUs, m_results.chatDirectRunP99, r);
        r = streamViaBroker(client, relay, u"chat.completions"_s, chat, chatTimeout);
        note(notes, u"chat stream"_s, r);
        append(m_results.chatHopUs, m_results.chatHopRunP99, r);
    }
    seller.stop();
    return true;
}

} // namespace coderai::bench
