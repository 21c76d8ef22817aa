#pragma once

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QString>

#include <functional>

namespace coderai::demo {
class DemoBroker;
}

namespace coderai::bench {

/// \brief A buyer behind the broker: sends work envelopes and routes the replies by request_id.
class BrokerClient final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerClient)

public:
    using Handler = std::function<void(const QJsonObject &reply)>;

    explicit BrokerClient(demo::DemoBroker &broker, QObject *parent = nullptr);

    /// Sends `op` with `payload`. `onEvent` gets stream events (chunk, output, progress),
    /// `onTerminal` the one reply that ends the request. `pending` keepalives are skipped.
    void send(const QString &op, const QJsonObject &payload, Handler onTerminal, Handler onEvent = {});
    int outstanding() const;

private:
    void onReply(const QString &requestId, const QJsonObject &reply);

    struct Request
    {
        Handler onTerminal;
        Handler onEvent;
    };

    demo::DemoBroker &m_broker;
    QHash<QString, Request> m_requests;
};

} // namespace coderai::bench
