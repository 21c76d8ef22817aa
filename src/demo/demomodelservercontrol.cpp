#include "demo/demomodelservercontrol.h"

namespace coderai::demo {

DemoModelServerControl::DemoModelServerControl(DemoModelServer &server)
    : m_server(server)
{
}

void DemoModelServerControl::close() { m_server.close(); }
bool DemoModelServerControl::isListening() const { return m_server.isListening(); }
const DemoModelServerOptions &DemoModelServerControl::options() const { return m_server.options(); }

void DemoModelServerControl::setModelsDelay(std::chrono::milliseconds delay)
{
    m_server.setModelsDelay(delay);
}

QList<RecordedRequest> DemoModelServerControl::requests() const { return m_server.requests(); }
void DemoModelServerControl::clearRequests() { m_server.clearRequests(); }
int DemoModelServerControl::openConnections() const { return m_server.openConnections(); }
int DemoModelServerControl::acceptedConnections() const { return m_server.acceptedConnections(); }

} // namespace coderai::demo
