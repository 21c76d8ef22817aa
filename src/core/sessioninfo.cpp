#include "sessioninfo.h"

#include "redact.h"

#include <QRegularExpression>
#include <QWebSocketProtocol>

namespace coderai {
namespace {

// Qt 6.4 reports a refused upgrade (401/403/…) as ConnectionRefusedError, exactly like a closed
// port; only the error string carries the HTTP status (QT64-NOTES.md).
int handshakeStatus(const QString &errorString)
{
    static const QRegularExpression pattern(QStringLiteral("Unhandled http status code: (\\d+)"));
    const auto match = pattern.match(errorString);
    return match.hasMatch() ? match.captured(1).toInt() : 0;
}

} // namespace

void SessionInfo::update(const QJsonObject &message)
{
    auto take = [&message](QLatin1StringView key, QString &target) {
        const QJsonValue value = message.value(key);
        if (value.isString())
            target = value.toString();
    };
    take(QLatin1StringView("session_id"), sessionId);
    take(QLatin1StringView("provider_id"), providerId);
    take(QLatin1StringView("client_id"), clientId);
    take(QLatin1StringView("username"), username);
    take(QLatin1StringView("scope_name"), scopeName);
    if (message.contains(QLatin1StringView("owner_user_id")))
        ownerUserId = message.value(QLatin1StringView("owner_user_id"));
    if (message.value(QLatin1StringView("expires_at")).isDouble())
        expiresAt = static_cast<qint64>(message.value(QLatin1StringView("expires_at")).toDouble());
}

SessionFailure SessionFailure::fromSocketError(QAbstractSocket::SocketError error, const QString &errorString)
{
    SessionFailure failure{Kind::Unreachable, redact::scrub(errorString)};
    if (const int status = handshakeStatus(errorString); status != 0) {
        failure.httpStatus = status;
        if (status == 401 || status == 403) {
            // AISBF refuses every bad identity the same way: name the usual suspects (§10).
            failure.kind = Kind::Rejected;
            failure.message = tr("The broker refused this seller (HTTP %1). Check the provider id, the "
                                 "username and scope, the registration token, and that the provider is "
                                 "of type coderai in AISBF.").arg(status);
        } else {
            failure.message = tr("The broker answered HTTP %1 instead of opening the session.").arg(status);
        }
    } else if (error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
               || error == QAbstractSocket::SslInvalidUserDataError) {
        failure.kind = Kind::Tls;
        failure.message = tr("TLS verification of the broker failed: %1").arg(redact::scrub(errorString));
    }
    return failure;
}

SessionFailure SessionFailure::fromClose(int code, const QString &reason)
{
    const QString text = redact::scrub(reason);
    SessionFailure failure{Kind::Closed,
                           text.isEmpty() ? tr("The broker closed the session (code %1).").arg(code)
                                          : tr("The broker closed the session (code %1): %2").arg(code).arg(text)};
    failure.closeCode = code;
    if (code == QWebSocketProtocol::CloseCodePolicyViolated) {
        failure.kind = Kind::Rejected;
        failure.message = tr("The broker rejected this seller: %1").arg(text);
    }
    return failure;
}

} // namespace coderai
