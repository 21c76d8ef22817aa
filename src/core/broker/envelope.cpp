#include "envelope.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <array>

namespace coderai {
namespace {

constexpr int kProtocolVersion = 1;

struct CodeName
{
    ErrorCode code;
    QLatin1StringView name;
};

constexpr std::array kCodeNames{
    CodeName{ErrorCode::BadRequest, QLatin1StringView("bad_request")},
    CodeName{ErrorCode::UnsupportedOperation, QLatin1StringView("unsupported_operation")},
    CodeName{ErrorCode::UnsupportedEndpoint, QLatin1StringView("unsupported_endpoint")},
    CodeName{ErrorCode::ModelNotFound, QLatin1StringView("model_not_found")},
    CodeName{ErrorCode::UpstreamUnavailable, QLatin1StringView("upstream_unavailable")},
    CodeName{ErrorCode::UpstreamTimeout, QLatin1StringView("upstream_timeout")},
    CodeName{ErrorCode::UpstreamError, QLatin1StringView("upstream_error")},
    CodeName{ErrorCode::PayloadTooLarge, QLatin1StringView("payload_too_large")},
    CodeName{ErrorCode::Overloaded, QLatin1StringView("overloaded")},
    CodeName{ErrorCode::SellerPaused, QLatin1StringView("seller_paused")},
    CodeName{ErrorCode::Cancelled, QLatin1StringView("cancelled")},
    CodeName{ErrorCode::InternalError, QLatin1StringView("internal_error")},
};

QJsonObject base(const QString &requestId)
{
    return QJsonObject{{QLatin1StringView("v"), kProtocolVersion},
                       {QLatin1StringView("request_id"), requestId}};
}

QByteArray serialize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

EnvelopeParseResult failure(QString message, QString requestId = {})
{
    return {std::nullopt, EnvelopeParseError{ErrorCode::BadRequest, std::move(message), std::move(requestId)}};
}

} // namespace

QLatin1StringView errorCodeName(ErrorCode code)
{
    for (const auto &entry : kCodeNames) {
        if (entry.code == code)
            return entry.name;
    }
    return QLatin1StringView("internal_error");
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const auto &entry : kCodeNames) {
        if (name == entry.name)
            return entry.code;
    }
    return std::nullopt;
}

bool Envelope::isStream() const
{
    return payload.value(QLatin1StringView("stream")).toBool(false);
}

QString Envelope::registrationToken() const
{
    const QLatin1StringView key("registration_token");
    const QString top = object.value(key).toString();
    return top.isEmpty() ? payload.value(key).toString() : top;
}

EnvelopeHead peekEnvelopeHead(QByteArrayView utf8)
{
    static const QRegularExpression idPattern(QStringLiteral("\"request_id\"\\s*:\\s*\"([^\"]{1,200})\""));
    static const QRegularExpression streamPattern(QStringLiteral("\"stream\"\\s*:\\s*true"));
    const QString head = QString::fromUtf8(utf8.first(std::min<qsizetype>(utf8.size(), 64 * 1024)));
    return {idPattern.match(head).captured(1), streamPattern.match(head).hasMatch()};
}

EnvelopeParseResult parseEnvelope(QByteArrayView utf8)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QStringLiteral("frame is not valid JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return failure(QStringLiteral("frame is not a JSON object"));

    const QJsonObject object = document.object();
    const QJsonValue idValue = object.value(QLatin1StringView("request_id"));
    const QString requestId = idValue.isString() ? idValue.toString() : QString();

    Envelope envelope;
    envelope.object = object;
    envelope.sizeBytes = utf8.size();
    envelope.requestId = requestId;

    const QJsonValue payload = object.value(QLatin1StringView("payload"));
    if (!payload.isUndefined() && !payload.isNull() && !payload.isObject())
        return failure(QStringLiteral("'payload' must be an object"), requestId);
    envelope.payload = payload.toObject();

    const QJsonValue op = object.value(QLatin1StringView("op"));
    if (op.isUndefined()) {
        const QJsonValue status = object.value(QLatin1StringView("status"));
        const QJsonValue event = object.value(QLatin1StringView("event"));
        if (!status.isString() && !event.isString())
            return failure(QStringLiteral("frame has neither 'op' nor 'status'/'event'"), requestId);
        if (!idValue.isUndefined() && !idValue.isString() && !idValue.isNull())
            return failure(QStringLiteral("'request_id' must be a string"));
        envelope.kind = Envelope::Kind::Reply;
        envelope.status = status.toString();
        envelope.event = event.toString();
        envelope.error = object.value(QLatin1StringView("error")).toString();
        return {std::move(envelope), std::nullopt};
    }

    if (!op.isString() || op.toString().isEmpty())
        return failure(QStringLiteral("'op' must be a non-empty string"), requestId);
    if (!idValue.isString() || requestId.isEmpty())
        return failure(QStringLiteral("'request_id' must be a non-empty string"));
    envelope.kind = Envelope::Kind::Request;
    envelope.op = op.toString();
    return {std::move(envelope), std::nullopt};
}

namespace envelopes {

QByteArray request(QStringView op, const QString &requestId, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("op"), op.toString());
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray success(const QString &requestId, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray error(const QString &requestId, const WorkError &error, bool asStreamEvent)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("error"));
    if (asStreamEvent)
        object.insert(QLatin1StringView("event"), QLatin1StringView("done"));
    object.insert(QLatin1StringView("error"), error.message);
    object.insert(QLatin1StringView("code"), errorCodeName(error.code));
    if (!error.details.isEmpty())
        object.insert(QLatin1StringView("details"), error.details);
    return serialize(object);
}

QByteArray event(const QString &requestId, QStringView event, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("event"), event.toString());
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray pending(const QString &requestId, const QString &message, int estimatedTimeoutSeconds)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("pending"));
    object.insert(QLatin1StringView("event"), QLatin1StringView("pending"));
    object.insert(QLatin1StringView("payload"),
                  QJsonObject{{QLatin1StringView("message"), message},
                              {QLatin1StringView("estimated_timeout"), estimatedTimeoutSeconds}});
    return serialize(object);
}

QByteArray heartbeatAnswer(const QString &requestId, qint64 unixSeconds)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("event"), QLatin1StringView("heartbeat"));
    object.insert(QLatin1StringView("payload"), QJsonObject{{QLatin1StringView("ts"), unixSeconds}});
    return serialize(object);
}

} // namespace envelopes
} // namespace coderai
