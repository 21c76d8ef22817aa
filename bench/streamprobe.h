#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <vector>

class QTcpServer;
class QTcpSocket;

namespace coderai::bench {

class BrokerClient;
class DirectClient;

/// \brief A loopback TCP relay in front of the model server that timestamps SSE events.
///
/// Each server-to-client read is written on at once (and flushed to the kernel), then every
/// event end ("\n\n") in it is stamped with the monotonic clock. Whoever reads through the relay
/// (the bench itself, or a seller) is then measured from the moment the event became readable
/// to it: the relay and the reader's end are in this process, on one clock.
class TimedRelay final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimedRelay)

public:
    explicit TimedRelay(quint16 targetPort, QObject *parent = nullptr);
    ~TimedRelay() override;

    bool listen();
    quint16 port() const;

    void clearEvents();
    const std::vector<qint64> &eventTimes() const;

private:
    struct Link;
    void onNewConnection();
    void forwardDown(Link *link);

    QTcpServer *m_server;
    quint16 m_targetPort;
    QList<Link *> m_links;
    std::vector<qint64> m_eventTimes;
};

/// \brief Per-event delays of one streamed request: reader's arrival minus relay write, in µs.
struct StreamRun
{
    std::vector<double> delaysUs;
    int readerEvents = 0;
    int relayEvents = 0;
    bool ok = false;
};

/// The bench reads the stream itself through the relay (the baseline).
StreamRun streamDirect(DirectClient &client, TimedRelay &relay, const QString &pathAndQuery, const QByteArray &postBody,
                       std::chrono::milliseconds timeout);
/// The same stream as a broker work envelope, through a seller whose local URL is the relay.
StreamRun streamViaBroker(BrokerClient &client, TimedRelay &relay, const QString &op, const QJsonObject &payload,
                          std::chrono::milliseconds timeout);

} // namespace coderai::bench
