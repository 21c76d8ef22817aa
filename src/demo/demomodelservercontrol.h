#pragma once

#include "demo/demomodelserver.h"

namespace coderai::demo {

/// \brief The test controls of a DemoModelServer, for tests only: a server that dies or hangs,
/// the request log and connection counts.
///
/// A handle, not an owner: a test writes `DemoModelServerControl control(server);` and calls
/// `control.requests()`. It is a friend of DemoModelServer and forwards to members the server
/// keeps private, because only the server sees its requests and sockets; so `--demo` and bench/,
/// which see only the public API, cannot reach them by accident. The signals (requestReceived,
/// clientDisconnected) stay on DemoModelServer: they only report, a listener cannot change what
/// the server does, and a control that re-emitted them would have to exist before the first
/// connection.
class DemoModelServerControl final
{
public:
    explicit DemoModelServerControl(DemoModelServer &server);

    /// Stops listening and drops every open connection, like a local server that died.
    void close();
    bool isListening() const;
    const DemoModelServerOptions &options() const;

    /// GET /v1/models answers only after this (a hanging server); 0 by default.
    void setModelsDelay(std::chrono::milliseconds delay);
    /// The request log (DemoModelServer::setRecording), oldest first.
    QList<RecordedRequest> requests() const;
    void clearRequests();
    int openConnections() const;
    /// Connections accepted since construction (tests of connection reuse).
    int acceptedConnections() const;

private:
    DemoModelServer &m_server;
};

} // namespace coderai::demo
