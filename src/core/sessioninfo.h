#pragma once

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

namespace coderai {

/// \brief Identity and lease of an admitted session, as the broker reported it.
struct SessionInfo
{
    QString sessionId;
    QString providerId;
    QString clientId;
    QString username;
    QString scopeName;
    QJsonValue ownerUserId;
    qint64 expiresAt = 0;
    QDateTime onlineSince;

    /// Takes whichever of these fields a broker message carries (PROTOCOL.md §3: the
    /// `registered` event or, from older servers, the plain success payload).
    void update(const QJsonObject &message);
};

/// \brief Why the last connection ended or could not start, in one value.
struct SessionFailure
{
    Q_GADGET
    Q_DECLARE_TR_FUNCTIONS(SessionFailure)

public:
    enum class Kind { None, Config, Unreachable, Tls, Rejected, Timeout, PeerSilent, Closed, LocalServer };
    Q_ENUM(Kind)

    Kind kind = Kind::None;
    QString message;    ///< human text, already redacted
    int httpStatus = 0; ///< handshake status when the server refused the upgrade
    int closeCode = 0;  ///< WebSocket close code when the server closed

    /// Classifies a socket error: refused upgrade (401/403 → Rejected), TLS, or unreachable.
    static SessionFailure fromSocketError(QAbstractSocket::SocketError error, const QString &errorString);
    /// Classifies a close by the broker: 1008 is a rejection, anything else a lost session.
    static SessionFailure fromClose(int code, const QString &reason);
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::SessionInfo)
Q_DECLARE_METATYPE(coderai::SessionFailure)
