#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

#include <optional>

namespace coderai {

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
struct Envelope
{
    enum class Kind { Request, Reply };

    Kind kind = Kind::Request;
    QString op;        ///< requests only
    QString requestId; ///< may be empty on an unsolicited reply event
    QJsonObject payload;
    QString status; ///< replies only: ok, error, pending
    QString event;  ///< replies only, may be empty
    QString error;  ///< replies with status error: the human text
    QJsonObject object; ///< the whole message, for fields a handler needs beyond these
    qint64 sizeBytes = 0; ///< size of the frame it came in, for limits and statistics

    /// Decided by payload.stream alone (PROTOCOL.md §6).
    bool isStream() const;
    /// The registration token a work envelope may carry, top level or in the payload.
    QString registrationToken() const;
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

/// Builders for every outgoing message. Each returns one compact JSON object as UTF-8.
namespace envelopes {
QByteArray request(QStringView op, const QString &requestId, const QJsonObject &payload);
QByteArray success(const QString &requestId, const QJsonObject &payload);
/// For a stream the error must travel as a terminal `done` event, else AISBF never delivers it.
QByteArray error(const QString &requestId, const WorkError &error, bool asStreamEvent);
QByteArray event(const QString &requestId, QStringView event, const QJsonObject &payload);
QByteArray pending(const QString &requestId, const QString &message, int estimatedTimeoutSeconds);
/// The answer to a heartbeat the server sent (PROTOCOL.md §4).
QByteArray heartbeatAnswer(const QString &requestId, qint64 unixSeconds);
} // namespace envelopes

} // namespace coderai
