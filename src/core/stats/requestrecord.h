#pragma once

#include <QDateTime>
#include <QString>

#include <chrono>

namespace coderai {

/// How a request ended, as the seller's statistics count it.
enum class RequestOutcome {
    Served, ///< answered with status ok (a local 4xx/5xx relayed through `proxy` counts here too)
    Failed, ///< answered with an error envelope after it ran
    Cancelled, ///< the buyer, AISBF or our own disconnect ended it (PROTOCOL.md §8)
    Refused, ///< overloaded or paused: it never ran
};

/// \brief What one finished request leaves behind for the statistics.
///
/// Only metadata: a record never holds prompt or output content, so the activity list and the
/// headless log cannot leak what buyers asked.
struct RequestRecord
{
    QString op; ///< protocol op, e.g. chat.completions
    QString model; ///< empty when the op names none (models.list, capabilities)
    RequestOutcome outcome = RequestOutcome::Served;
    QString errorCode; ///< protocol error code (PROTOCOL.md §5) when not served
    bool stream = false;
    std::chrono::milliseconds latency { 0 }; ///< request start to last byte
    qint64 promptTokens = 0;
    qint64 completionTokens = 0;
    bool tokensEstimated = false; ///< counted from deltas because the backend sent no usage
    double tokensPerSecond = 0; ///< 0 when the op generates no tokens
    qint64 bytesIn = 0; ///< envelope payload received from AISBF
    qint64 bytesOut = 0; ///< reply payload sent to AISBF
    QDateTime finishedAt; ///< UTC; SessionStats stamps it when left invalid

    /// Whether this is a chat completion: the only op whose latency and speed say how fast the
    /// seller generates. models.list answers from cache in no time, capabilities and proxy calls
    /// generate nothing; averaged in, they would make the seller look faster or slower than a
    /// buyer finds it.
    bool isChatCompletion() const { return op == QLatin1StringView("chat.completions"); }
};

} // namespace coderai
