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

constexpr const char *kContext = "SessionFailure"; // Q_DECLARE_TR_FUNCTIONS(SessionFailure)

QString withArgs(QString text, const QStringList &args)
{
    // One pass for all arguments, so a '%1' inside a substituted text is left alone.
    switch (args.size()) {
    case 0:
        return text;
    case 1:
        return text.arg(args.at(0));
    default:
        return text.arg(args.at(0), args.at(1));
    }
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

SessionFailure SessionFailure::make(Kind kind, const char *context, const char *source, const QStringList &args, int n)
{
    SessionFailure failure;
    failure.kind = kind;
    failure.message = withArgs(QCoreApplication::translate(context, source, nullptr, n), args);
    QString english = QString::fromUtf8(source);
    if (n >= 0)
        english.replace(QLatin1StringView("%n"), QString::number(n));
    failure.logMessage = withArgs(english, args);
    return failure;
}

SessionFailure SessionFailure::untranslated(Kind kind, const QString &text)
{
    SessionFailure failure;
    failure.kind = kind;
    failure.message = text;
    failure.logMessage = text;
    return failure;
}

SessionFailure SessionFailure::fromSocketError(QAbstractSocket::SocketError error, const QString &errorString)
{
    const QString detail = redact::scrub(errorString);
    SessionFailure failure = untranslated(Kind::Unreachable, detail);
    if (const int status = handshakeStatus(errorString); status != 0) {
        const QString code = QString::number(status);
        if (status == 401 || status == 403) {
            // AISBF refuses every bad identity the same way: name the usual suspects (§10).
            failure = make(Kind::Rejected, kContext,
                           QT_TR_NOOP("The broker refused this seller (HTTP %1). Check the provider id, the "
                                      "username and scope, the registration token, and that the provider is "
                                      "of type coderai in AISBF."),
                           {code});
        } else {
            failure = make(Kind::Unreachable, kContext,
                           QT_TR_NOOP("The broker answered HTTP %1 instead of opening the session."), {code});
        }
        failure.httpStatus = status;
    } else if (error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
               || error == QAbstractSocket::SslInvalidUserDataError) {
        failure = make(Kind::Tls, kContext, QT_TR_NOOP("TLS verification of the broker failed: %1"), {detail});
    }
    return failure;
}

SessionFailure SessionFailure::fromClose(int code, const QString &reason)
{
    const QString text = redact::scrub(reason);
    const QString number = QString::number(code);
    SessionFailure failure;
    if (code == QWebSocketProtocol::CloseCodePolicyViolated)
        failure = make(Kind::Rejected, kContext, QT_TR_NOOP("The broker rejected this seller: %1"), {text});
    else if (text.isEmpty())
        failure = make(Kind::Closed, kContext, QT_TR_NOOP("The broker closed the session (code %1)."), {number});
    else
        failure = make(Kind::Closed, kContext, QT_TR_NOOP("The broker closed the session (code %1): %2"),
                       {number, text});
    failure.closeCode = code;
    return failure;
}

} // namespace coderai
