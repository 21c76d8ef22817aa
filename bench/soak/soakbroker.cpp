// The broker child of bench_soak: a DemoBroker that keeps mixed traffic flowing and reports
// every request it sends and every answer it gets, one JSON line each, so the driver still
// knows what was outstanding when it kills this process.
#include "processes.h"
#include "slowrelay.h"
#include "soakchildren.h"
#include "soaktraffic.h"

#include "demo/demobroker.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QTimer>

#include <cstdio>
#include <deque>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr int kMinInFlight = 4;
constexpr int kMaxInFlight = 8;
constexpr auto kRetarget = std::chrono::seconds(10);
constexpr auto kStuckAfter = std::chrono::seconds(120);

void emitLine(const QJsonObject &line)
{
    std::fputs(QJsonDocument(line).toJson(QJsonDocument::Compact).constData(), stdout);
    std::fputc('\n', stdout);
    std::fflush(stdout); // the driver may SIGKILL us any moment: nothing may wait in a buffer
}

/// \brief Sends the mix, keeps between kMinInFlight and kMaxInFlight requests outstanding and
/// judges every answer.
class TrafficPump final : public QObject
{
public:
    TrafficPump(demo::DemoBroker &broker, quint32 seed)
        : m_broker(broker)
        , m_mix(seed)
        , m_random(seed ^ 0x5eed)
    {
        connect(&broker, &demo::DemoBroker::providerRegistered, this, [this] {
            // The session sends models.list right after this signal; its id is not ours to
            // know, so it is reported under a name of our own and matched to the first
            // answer for an id we did not send.
            const QString name = u"models.list#%1"_s.arg(++m_modelsCounter);
            m_modelsOutstanding.push_back(name);
            emitLine({ { u"ev"_s, u"registered"_s } });
            emitLine({ { u"ev"_s, u"sent"_s }, { u"id"_s, name }, { u"kind"_s, u"models.list"_s } });
            QTimer::singleShot(0, this, &TrafficPump::topUp);
        });
        connect(&broker, &demo::DemoBroker::providerDisconnected, this, [this](int code, const QString &reason) {
            // The session failed everything it had outstanding (PROTOCOL.md §8).
            emitLine({ { u"ev"_s, u"disconnect"_s },
                       { u"code"_s, code },
                       { u"reason"_s, reason },
                       { u"outstanding"_s, int(m_outstanding.size() + m_modelsOutstanding.size()) } });
            m_outstanding.clear();
            m_modelsOutstanding.clear();
        });
        connect(&broker, &demo::DemoBroker::replyReceived, this, &TrafficPump::onReply);
        connect(&m_retarget, &QTimer::timeout, this, [this] {
            m_target = int(m_random.bounded(kMinInFlight, kMaxInFlight + 1));
            topUp();
        });
        m_retarget.start(kRetarget);
        connect(&m_stuckCheck, &QTimer::timeout, this, &TrafficPump::reportStuck);
        m_stuckCheck.start(std::chrono::seconds(1));
    }

    void setQuiet(bool quiet)
    {
        m_quiet = quiet;
        if (!quiet)
            topUp();
    }

private:
    struct Outstanding
    {
        SoakRequest request;
        StreamTally tally;
        QElapsedTimer age;
        bool reportedStuck = false;
    };

    void topUp()
    {
        while (!m_quiet && m_broker.isRegistered() && int(m_outstanding.size()) < m_target) {
            SoakRequest request = m_mix.next();
            const QString id = m_broker.sendWork(request.op, request.payload);
            if (id.isEmpty())
                return;
            emitLine({ { u"ev"_s, u"sent"_s }, { u"id"_s, id }, { u"kind"_s, request.kind } });
            Outstanding entry { std::move(request), {}, {}, false };
            entry.age.start();
            m_outstanding.insert(id, std::move(entry));
        }
    }

    void onReply(const QString &id, const QJsonObject &reply)
    {
        const QString status = reply.value("status"_L1).toString();
        const QString event = reply.value("event"_L1).toString();
        const auto found = m_outstanding.find(id);
        if (found == m_outstanding.end()) {
            if (status != "pending"_L1 && event.isEmpty() && !m_modelsOutstanding.empty()) {
                const QString name = m_modelsOutstanding.front();
                m_modelsOutstanding.pop_front();
                emitLine({ { u"ev"_s, u"done"_s }, { u"id"_s, name }, { u"ok"_s, status == "ok"_L1 } });
            }
            return;
        }
        StreamTally &tally = found->tally;
        if (status == "pending"_L1 || event == "pending"_L1) {
            ++tally.keepalives;
            return;
        }
        if (event == "chunk"_L1) {
            ++tally.chunks;
            return;
        }
        if (event == "output"_L1) {
            ++tally.outputs;
            const QJsonValue chunk = reply.value("payload"_L1).toObject().value("chunk"_L1);
            tally.outputBytes
                += QByteArray::fromBase64(chunk.toObject().value("data_base64"_L1).toString().toLatin1()).size();
            return;
        }
        if (event == "progress"_L1)
            return;

        const Outstanding entry = std::move(*found);
        m_outstanding.erase(found);
        QString problem = terminalShapeProblem(reply, entry.request.stream);
        const bool ok = status == "ok"_L1;
        if (problem.isEmpty() && ok && entry.request.checkOk)
            problem = entry.request.checkOk(reply, entry.tally);
        if (problem.isEmpty() && ok && entry.request.expectKeepalive && entry.tally.keepalives == 0)
            problem = u"a slow request got no pending keepalive"_s;
        QJsonObject line { { u"ev"_s, u"done"_s },
                           { u"id"_s, id },
                           { u"kind"_s, entry.request.kind },
                           { u"ok"_s, ok },
                           { u"ms"_s, entry.age.elapsed() },
                           { u"keepalives"_s, entry.tally.keepalives } };
        if (!ok)
            line.insert(u"code"_s, reply.value("code"_L1).toString());
        if (!problem.isEmpty())
            line.insert(u"problem"_s, problem);
        emitLine(line);
        // A short pause before the slot is used again: a modest, uneven rate rather than a flood.
        QTimer::singleShot(std::chrono::milliseconds(m_random.bounded(20, 300)), this, &TrafficPump::topUp);
    }

    void reportStuck()
    {
        for (auto it = m_outstanding.begin(); it != m_outstanding.end(); ++it) {
            if (it->reportedStuck || it->age.elapsed() < std::chrono::milliseconds(kStuckAfter).count())
                continue;
            it->reportedStuck = true;
            emitLine({ { u"ev"_s, u"stuck"_s }, { u"id"_s, it.key() }, { u"kind"_s, it->request.kind } });
        }
    }

    demo::DemoBroker &m_broker;
    TrafficMix m_mix;
    QRandomGenerator m_random;
    QHash<QString, Outstanding> m_outstanding;
    std::deque<QString> m_modelsOutstanding;
    int m_modelsCounter = 0;
    int m_target = (kMinInFlight + kMaxInFlight) / 2;
    bool m_quiet = false;
    QTimer m_retarget;
    QTimer m_stuckCheck;
};

} // namespace

int soakBroker(const QStringList &arguments)
{
    demo::DemoBrokerOptions options;
    options.token = qEnvironmentVariable("CODERAI_SOAK_BROKER_TOKEN");
    options.clientId = u"soak"_s;
    demo::DemoBroker broker(options);
    if (options.token.isEmpty() || !broker.listen(QHostAddress::LocalHost, 0)) {
        std::fprintf(stderr, "soak broker: no token or cannot listen\n");
        return 1;
    }
    SlowRelay relay(quint16(broker.baseUrl().port()), intArgument(arguments, u"--slow-bytes-per-second"_s, 32 * 1024));
    const auto port = quint16(intArgument(arguments, u"--port"_s, 0));
    if (!relay.listen(port)) {
        std::fprintf(stderr, "soak broker: cannot listen on port %u\n", unsigned(port));
        return 1;
    }
    TrafficPump pump(broker, quint32(intArgument(arguments, u"--seed"_s, 1)));
    std::printf("PORT %u\n", unsigned(relay.port()));
    std::fflush(stdout);

    watchStdin(&broker, [&relay, &pump](const QByteArray &line) {
        if (line == "slow 1" || line == "slow 0") {
            const bool wasSlow = relay.isSlow();
            relay.setSlow(line.endsWith('1'));
            if (wasSlow && !relay.isSlow())
                emitLine({ { u"ev"_s, u"slow-done"_s },
                           { u"bytes"_s, relay.slowBytes() },
                           { u"saturated_ticks"_s, relay.saturatedTicks() } });
        } else if (line == "quiet") {
            pump.setQuiet(true);
        } else if (line == "go") {
            pump.setQuiet(false);
        }
    });
    return QCoreApplication::exec();
}

} // namespace coderai::bench
