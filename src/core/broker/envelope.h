#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace coderai {

struct EnvelopeParseResult;
struct Envelope;
EnvelopeParseResult parseEnvelope(QByteArrayView utf8);

/// Machine error codes of PROTOCOL.md §5; errorCodeName() is the one mapping to the wire.
enum class ErrorCode {
    BadRequest,
    UnsupportedOperation,
    UnsupportedEndpoint,
    ModelNotFound,
    UpstreamUnavailable,
    UpstreamTimeout,
    UpstreamError,
    PayloadTooLarge,
    Overloaded,
    SellerPaused,
    Cancelled,
    InternalError,
};

QLatin1StringView errorCodeName(ErrorCode code);
std::optional<ErrorCode> errorCodeFromName(QStringView name);

/// \brief An error as a value: code, human text, optional details for the buyer.
struct WorkError
{
    ErrorCode code = ErrorCode::InternalError;
    QString message;
    QJsonObject details;
};

/// \brief One incoming frame, classified: a request (has `op`) or a reply (has `status`/`event`).
///
/// The few fields the hot path needs are read from the frame without building a document; the
/// payload keeps the text the broker sent, so a chat request reaches the local server as it came,
/// and is parsed into a QJsonObject only when a handler asks for it (payload()).
struct Envelope
{
    enum class Kind { Request, Reply };

    Kind kind = Kind::Request;
    QString op;        ///< requests only
    QString requestId; ///< may be empty on an unsolicited reply event
    QString status; ///< replies only: ok, error, pending
    QString event;  ///< replies only, may be empty
    QString error;  ///< replies with status error: the human text
    qint64 sizeBytes = 0; ///< size of the frame it came in, for limits and statistics
    QByteArray payloadJson = QByteArrayLiteral("{}"); ///< the payload object's text as sent
    QString model;                  ///< payload.model when it is a string
    bool stream = false;            ///< payload.stream is true (PROTOCOL.md §6: that alone decides)
    QString tokenInEnvelope;        ///< registration_token, top level or in the payload

    /// The payload, parsed on first use.
    const QJsonObject &payload() const;
    /// Replaces the payload (tests and builders); the fields read from it follow.
    void setPayload(const QJsonObject &payload);
    /// The whole message of a reply, parsed on each call (rarely needed); empty for a request.
    QJsonObject object() const;
    /// Decided by payload.stream alone (PROTOCOL.md §6).
    bool isStream() const { return stream; }
    /// The registration token a work envelope may carry, top level or in the payload.
    const QString &registrationToken() const { return tokenInEnvelope; }

private:
    friend EnvelopeParseResult parseEnvelope(QByteArrayView utf8);
    QByteArray m_frame;
    mutable std::optional<QJsonObject> m_payload;
};

/// \brief Why a frame could not be used, and the request id to answer if one could be read.
struct EnvelopeParseError
{
    ErrorCode code = ErrorCode::BadRequest;
    QString message;
    QString requestId;
};

/// \brief The result of parsing one frame: exactly one of envelope and error is set.
struct EnvelopeParseResult
{
    std::optional<Envelope> envelope;
    std::optional<EnvelopeParseError> error;
};

/// \brief What can be read from the start of a frame too large to parse whole.
struct EnvelopeHead
{
    QString requestId;
    bool stream = false;
};

/// Looks for request_id (and a payload's stream flag) in the first 64 KiB, where AISBF writes
/// them, without parsing the rest.
EnvelopeHead peekEnvelopeHead(QByteArrayView utf8);

/// Parses and validates one text frame (a JSON object with string `op`/`request_id`, object
/// `payload`). Never throws; a malformed frame yields an error with whatever id could be read.
EnvelopeParseResult parseEnvelope(QByteArrayView utf8);

/// Builders for every outgoing message. Each returns one compact JSON object as UTF-8, written
/// directly (docs/PERFORMANCE.md): fields in the order v, request_id, op/status, event, payload.
namespace envelopes {
QByteArray request(QStringView op, const QString &requestId, const QJsonObject &payload);
QByteArray success(const QString &requestId, const QJsonObject &payload);
/// A success whose payload is already a JSON object's text (valid JSON: the caller checked it).
QByteArray successJson(const QString &requestId, QByteArrayView payloadJson);
/// For a stream the error must travel as a terminal `done` event, else AISBF never delivers it.
QByteArray error(const QString &requestId, const WorkError &error, bool asStreamEvent);
QByteArray event(const QString &requestId, QStringView event, const QJsonObject &payload);
/// A stream event `{"chunk": text}` whose text is \a utf8 as it came from the local server.
QByteArray chunkEvent(const QString &requestId, QByteArrayView utf8);
QByteArray pending(const QString &requestId, const QString &message, int estimatedTimeoutSeconds);
/// The answer to a heartbeat the server sent (PROTOCOL.md §4).
QByteArray heartbeatAnswer(const QString &requestId, qint64 unixSeconds);
} // namespace envelopes

} // namespace coderai
