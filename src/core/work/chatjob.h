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
class ChatJob final : public Job
{
    Q_OBJECT

public:
    using Job::Job;
    void start() override;

private:
    void onReadyRead();
    void onFinished();
    void finishPlain(const QByteArray &body);
    void finishStreamed();
    void forwardEvent(const QByteArray &rawEvent);
    void inspectEvent(const QByteArray &rawEvent);
    /// The metrics fields of PROTOCOL.md §6, also recorded for the statistics.
    QJsonObject measure(const QJsonObject &usage, bool estimated);
    bool httpFailed() const;

    LocalReply *m_reply = nullptr;
    SseParser m_parser;
    QByteArray m_errorBody; ///< body of a local HTTP error, never forwarded as events
    std::optional<QJsonObject> m_usage;
    qint64 m_countedTokens = 0;
    bool m_sawEnd = false; ///< `[DONE]` or a finish_reason: the stream ended on purpose
};

} // namespace coderai
