#include "localerror.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace coderai {
namespace {

constexpr qsizetype kMaxDetailBytes = 2048;

// OpenAI-style servers put the reason in error.message (or a bare "error" string).
QString messageFromBody(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QJsonValue error = object.value(QLatin1StringView("error"));
    if (error.isObject())
        return error.toObject().value(QLatin1StringView("message")).toString();
    if (error.isString())
        return error.toString();
    if (object.value(QLatin1StringView("detail")).isString())
        return object.value(QLatin1StringView("detail")).toString();
    return QString::fromUtf8(body.left(kMaxDetailBytes)).trimmed();
}

} // namespace

bool isConnectionFailure(LocalReply::Error error)
{
    return error == LocalReply::Error::ConnectionRefused || error == LocalReply::Error::RemoteClosed;
}

WorkError localError(const LocalReply *reply, const QByteArray &body)
{
    const int status = reply->statusCode();
    const LocalReply::Error failure = reply->error();
    if (failure != LocalReply::Error::None) {
        // The transfer failed, whatever the status line said: the reason is the client's own
        // English, never the body, which is cut short or not what the status announced.
        const QJsonObject details = status == 0 ? QJsonObject()
                                                : QJsonObject{{QLatin1StringView("status_code"), status}};
        // Aborted too: a job that gives up on its own deadline must not read as an outage.
        if (failure == LocalReply::Error::Timeout || failure == LocalReply::Error::Aborted)
            return {ErrorCode::UpstreamTimeout,
                    QStringLiteral("The local model server did not answer in time: %1").arg(reply->errorString()),
                    details};
        if (isConnectionFailure(failure) && status == 0)
            return {ErrorCode::UpstreamUnavailable,
                    QStringLiteral("The local model server is unreachable: %1").arg(reply->errorString()), {}};
        // It answered, but not in HTTP we can trust (or not whole): say so, it is not an outage.
        return {ErrorCode::UpstreamError, reply->errorString(), details};
    }
    const QString message = messageFromBody(body);
    const QJsonObject details{{QLatin1StringView("status_code"), status},
                              {QLatin1StringView("message"), message}};
    const QString text = message.isEmpty() ? QStringLiteral("The local model server answered HTTP %1.").arg(status)
                                           : QStringLiteral("The local model server answered HTTP %1: %2").arg(status).arg(message);
    if (status == 404 && (message.contains(QLatin1StringView("model"), Qt::CaseInsensitive)
                          || body.contains("model_not_found")))
        return {ErrorCode::ModelNotFound, text, details};
    if (status == 400 || status == 404 || status == 413 || status == 422)
        return {status == 413 ? ErrorCode::PayloadTooLarge : ErrorCode::BadRequest, text, details};
    if (status == 429 || status == 503)
        return {ErrorCode::Overloaded, text, details};
    if (status == 504)
        return {ErrorCode::UpstreamTimeout, text, details};
    return {ErrorCode::UpstreamError, text, details};
}

} // namespace coderai
