#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>

#include <chrono>
#include <memory>

namespace coderai::demo {

class HttpConnection;
struct DemoModelServerOptions;
struct HttpRequest;

/// \brief POST /v1/chat/completions of the demo model server.
///
/// The answer is plausible filler text, deterministic from the prompt, of `max_tokens` (else 24)
/// tokens, paced by the token interval both streamed and not. Three model names misbehave on
/// purpose: "slow-model" answers after the payload's `delay_ms` (default 45 s), "fail-midstream"
/// breaks the connection halfway, "error-model" answers 500.
class DemoModelChat final
{
public:
    explicit DemoModelChat(const DemoModelServerOptions &options);

    void handle(HttpConnection &connection, const HttpRequest &request);

    /// \brief Everything one completion needs, worked out from the request.
    struct Completion
    {
        QByteArray id;
        QByteArray model; ///< JSON-escaped, quotes included
        qint64 created = 0;
        QList<QByteArray> tokens;
        int promptTokens = 0;
        bool includeUsage = false;
        bool failMidstream = false;
    };

private:
    void answer(HttpConnection &connection, const Completion &completion, bool stream) const;
    void respondWhole(HttpConnection &connection, const Completion &completion) const;
    static void streamStep(HttpConnection &connection, const std::shared_ptr<Completion> &completion, int step,
                           std::chrono::milliseconds interval);

    const DemoModelServerOptions &m_options;
    quint64 m_counter = 0;
};

} // namespace coderai::demo
