#pragma once

#include "demo/demomodelchat.h"

#include <QByteArray>

#include <chrono>

namespace coderai::demo {

class HttpConnection;
struct DemoModelServerOptions;
struct HttpRequest;

/// \brief Maps the demo model server's paths to their handlers.
///
/// The OpenAI-style endpoints (/v1/models, /v1/chat/completions, /coderai/capabilities) and the
/// test endpoints under /v1/demo/; answers that never change are serialized once.
class DemoModelRoutes final
{
public:
    explicit DemoModelRoutes(const DemoModelServerOptions &options);

    void setModelsDelay(std::chrono::milliseconds delay);
    void handle(HttpConnection &connection, const HttpRequest &request);

private:
    void models(HttpConnection &connection);
    void binary(HttpConnection &connection, const HttpRequest &request);
    void binaryStream(HttpConnection &connection, const HttpRequest &request);
    void echo(HttpConnection &connection, const HttpRequest &request);
    void upload(HttpConnection &connection, const HttpRequest &request);
    void slow(HttpConnection &connection, const HttpRequest &request);
    void status(HttpConnection &connection, const HttpRequest &request);
    void sse(HttpConnection &connection, const HttpRequest &request);

    const DemoModelServerOptions &m_options;
    DemoModelChat m_chat;
    QByteArray m_modelsJson;
    QByteArray m_capabilitiesJson;
    std::chrono::milliseconds m_modelsDelay {0};
};

} // namespace coderai::demo
