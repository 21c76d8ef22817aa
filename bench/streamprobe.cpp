#include "streamprobe.h"

#include "benchutil.h"
#include "brokerclient.h"
#include "directclient.h"

#include <QNetworkReply>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>

#include <algorithm>
#include <memory>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

/// Counts "\n\n" in `data`, given whether the byte before it was '\n'; updates that flag.
int countEventEnds(QByteArrayView data, bool *lastWasLf)
{
    int ends = 0;
    bool previous = *lastWasLf;
    for (const char c : data) {
        const bool lf = c == '\n';
        if (lf && previous) {
            ++ends;
            previous = false; // "\n\n\n" is one end and a stray byte, as the parser sees it
            continue;
        }
        previous = lf;
    }
    *lastWasLf = previous;
    return ends;
}

StreamRun pairUp(const std::vector<qint64> &readerTimes, const std::vector<qint64> &relayTimes, bool finished)
{
    StreamRun run;
    run.readerEvents = int(readerTimes.size());
    run.relayEvents = int(relayTimes.size());
    const size_t n = std::min(readerTimes.size(), relayTimes.size());
    for (size_t i = 0; i < n; ++i)
        run.delaysUs.push_back(double(readerTimes[i] - relayTimes[i]) / 1000.0);
    run.ok = finished && readerTimes.size() == relayTimes.size() && n > 0;
    return run;
}

} // namespace

struct TimedRelay::Link
{
    QTcpSocket *client = nullptr;
    QTcpSocket *server = nullptr;
    bool lastWasLf = false;
};

TimedRelay::TimedRelay(quint16 targetPort, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_targetPort(targetPort)
{
    connect(m_server, &QTcpServer::newConnection, this, &TimedRelay::onNewConnection);
}

TimedRelay::~TimedRelay()
{
    for (Link *link : std::as_const(m_links))
        delete link;
}

bool TimedRelay::listen()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

quint16 TimedRelay::port() const
{
    return m_server->serverPort();
}

void TimedRelay::clearEvents()
{
    m_eventTimes.clear();
}

const std::vector<qint64> &TimedRelay::eventTimes() const
{
    return m_eventTimes;
}

void TimedRelay::onNewConnection()
{
    while (QTcpSocket *client = m_server->nextPendingConnection()) {
        auto *link = new Link;
        link->client = client;
        link->server = new QTcpSocket(this);
        client->setParent(this);
        client->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        m_links.append(link);
        link->server->connectToHost(QHostAddress::LocalHost, m_targetPort);
        link->server->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        // Upstream bytes wait in the client socket until the server side is connected.
        auto up = [link] {
            if (link->server->state() == QAbstractSocket::ConnectedState && link->client->bytesAvailable() > 0) {
                link->server->write(link->client->readAll());
                link->server->flush();
            }
        };
        connect(client, &QTcpSocket::readyRead, this, up);
        connect(link->server, &QTcpSocket::connected, this, up);
        connect(link->server, &QTcpSocket::readyRead, this, [this, link] { forwardDown(link); });
        auto close = [this, link] {
            if (!m_links.removeOne(link))
                return;
            QObject::disconnect(link->client, nullptr, this, nullptr); // no handler may see `link` again
            QObject::disconnect(link->server, nullptr, this, nullptr);
            link->client->disconnectFromHost();
            link->server->disconnectFromHost();
            link->client->deleteLater();
            link->server->deleteLater();
            delete link;
        };
        connect(client, &QTcpSocket::disconnected, this, close);
        connect(link->server, &QTcpSocket::disconnected, this, close);
    }
}

void TimedRelay::forwardDown(Link *link)
{
    const QByteArray data = link->server->readAll();
    link->client->write(data);
    link->client->flush(); // into the kernel now: the reader can see it from this moment
    const qint64 now = nowNs();
    const int ends = countEventEnds(data, &link->lastWasLf);
    for (int i = 0; i < ends; ++i)
        m_eventTimes.push_back(now);
}

StreamRun streamDirect(DirectClient &client, TimedRelay &relay, const QString &pathAndQuery, const QByteArray &postBody,
                       std::chrono::milliseconds timeout)
{
    relay.clearEvents();
    std::vector<qint64> times;
    bool lastWasLf = false;
    bool finished = false;
    QPointer<QNetworkReply> reply = client.startStream(pathAndQuery, postBody);
    QObject::connect(reply, &QNetworkReply::readyRead, reply, [&] {
        const qint64 now = nowNs();
        const int ends = countEventEnds(reply->readAll(), &lastWasLf);
        for (int i = 0; i < ends; ++i)
            times.push_back(now);
    });
    QObject::connect(reply, &QNetworkReply::finished, reply, [&] {
        finished = reply->error() == QNetworkReply::NoError;
        reply->disconnect();
    });
    const bool ended = waitFor([&] { return !reply || reply->isFinished(); }, timeout);
    if (reply) {
        if (!ended) {
            reply->disconnect();
            reply->abort();
        }
        reply->deleteLater();
    }
    return pairUp(times, relay.eventTimes(), finished && ended);
}

StreamRun streamViaBroker(BrokerClient &client, TimedRelay &relay, const QString &op, const QJsonObject &payload,
                          std::chrono::milliseconds timeout)
{
    relay.clearEvents();
    // Shared with the handlers, which outlive this call if the stream never ends.
    struct Shared
    {
        std::vector<qint64> times;
        bool done = false;
        bool ok = false;
    };
    auto shared = std::make_shared<Shared>();
    client.send(
        op, payload,
        [shared](const QJsonObject &reply) {
            shared->done = true;
            shared->ok = reply.value("status"_L1).toString() == "ok"_L1;
        },
        [shared](const QJsonObject &event) {
            if (event.value("event"_L1).toString() == "chunk"_L1)
                shared->times.push_back(nowNs());
        });
    const bool ended = waitFor([&shared] { return shared->done; }, timeout);
    return pairUp(shared->times, relay.eventTimes(), ended && shared->ok);
}

} // namespace coderai::bench
