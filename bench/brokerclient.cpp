#include "brokerclient.h"

#include "demo/demobroker.h"

namespace coderai::bench {

using namespace Qt::StringLiterals;

BrokerClient::BrokerClient(demo::DemoBroker &broker, QObject *parent)
    : QObject(parent)
    , m_broker(broker)
{
    connect(&broker, &demo::DemoBroker::replyReceived, this, &BrokerClient::onReply);
}

void BrokerClient::send(const QString &op, const QJsonObject &payload, Handler onTerminal, Handler onEvent)
{
    const QString requestId = m_broker.sendWork(op, payload);
    m_requests.insert(requestId, { std::move(onTerminal), std::move(onEvent) });
}

int BrokerClient::outstanding() const
{
    return int(m_requests.size());
}

void BrokerClient::onReply(const QString &requestId, const QJsonObject &reply)
{
    const auto it = m_requests.find(requestId);
    if (it == m_requests.end())
        return;
    const QString status = reply.value("status"_L1).toString();
    const QString event = reply.value("event"_L1).toString();
    if (status == "pending"_L1 || event == "pending"_L1)
        return;
    if (event == "chunk"_L1 || event == "output"_L1 || event == "progress"_L1) {
        if (it->onEvent)
            it->onEvent(reply);
        return;
    }
    const Handler terminal = std::move(it->onTerminal);
    m_requests.erase(it);
    if (terminal)
        terminal(reply);
}

} // namespace coderai::bench
