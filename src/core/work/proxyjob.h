#pragma once

#include "local/localserver.h"
#include "local/sseparser.h"
#include "work/job.h"

namespace coderai {

/// \brief `proxy`: one HTTP request to an allowed path of the local server, answered as JSON,
/// text, base64 binary or, for `stream: true`, as events (PROTOCOL.md §5, §6, §9).
///
/// Safety first: the path is checked before anything is sent, the buyer's credentials and
/// hop-by-hop headers are dropped, the seller's own key is added by LocalServer, and cookies
/// never come back. A local 4xx/5xx is a successful proxy answer carrying that status_code.
///
/// Time: the proxy deadline for an answer in one message; the proxy stream deadline when the
/// buyer asked for `stream: true` or the local server answers `text/event-stream` (a generation
/// takes as long as it takes, relayed or collected); and the proxy inactivity limit on silence.
/// Memory: a one-shot body stops at plainLimit(), an SSE event at messageRoom().
class ProxyJob final : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    void start() override;

    /// Raw bytes of one `output` event at most, so a streamed binary never nears the frame limit.
    static constexpr qsizetype kOutputChunkBytes = 1024 * 1024;

private:
    bool buildBody(LocalRequest &request);
    bool buildMultipart(const QJsonObject &multipart, LocalRequest &local, QString *error) const;
    void onReadyRead();
    void onFinished();
    void answerPlain();
    QByteArray binaryReply(const QJsonObject &meta) const;
    /// \a shell with the base64 of \a data written into it at \a slot.
    static QByteArray spliced(const QByteArray &shell, qsizetype slot, const char *data, qsizetype size);
    void forwardStreamData(const QByteArray &data, bool final);
    QJsonObject responseMeta() const;
    qint64 plainLimit() const;
    TimeLimit streamDeadline() const;

    LocalReply *m_reply = nullptr;
    QByteArray m_body;
    bool m_headersSeen = false;
    bool m_eventStream = false;
    SseParser m_parser;
    QByteArray m_outputShell; ///< a serialized `output` event with an empty data_base64
    qsizetype m_outputSlot = 0; ///< where the base64 text goes in m_outputShell
};

} // namespace coderai
