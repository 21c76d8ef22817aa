#pragma once

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QDateTime>
#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>
#include <QStringList>

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
    QString message;    ///< for the seller's eyes: translated, already redacted
    int httpStatus = 0; ///< handshake status when the server refused the upgrade
    int closeCode = 0;  ///< WebSocket close code when the server closed
    QString logMessage{}; ///< the same text in English for log lines, which sellers paste into bug reports

    /// A failure whose `message` is `source` translated in `context` (as tr() there would) and
    /// whose `logMessage` is `source` untranslated; %n takes n, %1 and %2 take args.
    /// Mark `source` with QT_TR_NOOP or QT_TR_N_NOOP so lupdate finds it.
    static SessionFailure make(Kind kind, const char *context, const char *source,
                               const QStringList &args = {}, int n = -1);
    /// The same text in both fields (Qt's own error strings, texts from the broker).
    static SessionFailure untranslated(Kind kind, const QString &text);

    /// Classifies a socket error: refused upgrade (401/403 → Rejected), TLS, or unreachable.
    static SessionFailure fromSocketError(QAbstractSocket::SocketError error, const QString &errorString);
    /// Classifies a close by the broker: 1008 is a rejection, anything else a lost session.
    static SessionFailure fromClose(int code, const QString &reason);
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::SessionInfo)
Q_DECLARE_METATYPE(coderai::SessionFailure)
