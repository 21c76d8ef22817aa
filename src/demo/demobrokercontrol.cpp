#include "demo/demobrokercontrol.h"

namespace coderai::demo {

DemoBrokerControl::DemoBrokerControl(DemoBroker &broker)
    : m_broker(broker)
{
}

quint16 DemoBrokerControl::port() const { return m_broker.port(); }
const DemoBrokerOptions &DemoBrokerControl::options() const { return m_broker.options(); }
void DemoBrokerControl::setToken(const QString &token) { m_broker.setToken(token); }
bool DemoBrokerControl::hasProvider() const { return m_broker.hasProvider(); }
QString DemoBrokerControl::sessionId() const { return m_broker.sessionId(); }
QList<HandshakeRecord> DemoBrokerControl::handshakes() const { return m_broker.handshakes(); }
void DemoBrokerControl::sendRaw(const QString &text) { m_broker.sendRaw(text); }
void DemoBrokerControl::sendJson(const QJsonObject &message) { m_broker.sendJson(message); }
QString DemoBrokerControl::sendHeartbeat() { return m_broker.sendHeartbeat(); }

void DemoBrokerControl::closeProvider(QWebSocketProtocol::CloseCode code, const QString &reason)
{
    m_broker.closeProvider(code, reason);
}

void DemoBrokerControl::abortProvider() { m_broker.abortProvider(); }

} // namespace coderai::demo
