#pragma once

#include "local/sseparser.h"
#include "work/job.h"

#include <QJsonObject>

#include <optional>

namespace coderai {

class LocalReply;

/// \brief `chat.completions`, plain or streamed, with the metrics AISBF ranks sellers by.
///
/// The buyer's request goes to the local server unchanged. A stream is forwarded one complete
/// SSE event at a time, the moment the event is complete. Metrics come from the backend's
/// `usage` when it sends one, otherwise completion tokens are counted from the content-bearing
/// deltas and marked estimated (PROTOCOL.md §6).
///
/// Every buffer is bounded: a plain answer by what one outgoing message can carry, an SSE
/// event likewise, an HTTP error body by kMaxErrorBodyBytes. The whole request runs under the
/// chat deadline, and a local server silent for the chat inactivity limit is given up on.
class ChatJob final : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    void start() override;

    /// What is kept of a local HTTP error body: plenty for its message, which is all it is for.
    static constexpr qsizetype kMaxErrorBodyBytes = 64 * 1024;

private:
    void onReadyRead();
    void onFinished();
    void keepErrorBody(const QByteArray &data);
    void collectPlain(const QByteArray &data);
    void relayEvents(const QByteArray &data);
    void finishPlain(const QByteArray &body);
    /// The completion passed on as the local server wrote it, when it can be; false otherwise.
    bool finishPlainAsIs(const QByteArray &body);
    void finishStreamed();
    void forwardEvent(const QByteArray &rawEvent);
    void inspectEvent(const QByteArray &rawEvent);
    /// The metrics fields of PROTOCOL.md §6, also recorded for the statistics.
    struct Measured
    {
        qint64 latency = 0;
        double tokensPerSecond = 0;
    };
    /// Puts the tokens and speed in the request's record.
    Measured recordUsage(qint64 promptTokens, qint64 completionTokens, bool estimated);
    QJsonObject measure(const QJsonObject &usage, bool estimated);
    bool httpFailed() const;

    LocalReply *m_reply = nullptr;
    SseParser m_parser;
    QByteArray m_body; ///< a plain answer as it arrives, at most messageRoom()
    QByteArray m_errorBody; ///< body of a local HTTP error, never forwarded as events
    std::optional<QJsonObject> m_usage;
    qint64 m_countedTokens = 0;
    bool m_sawEnd = false; ///< `[DONE]` or a finish_reason: the stream ended on purpose
};

} // namespace coderai
