#pragma once

#include "broker/clock.h"
#include "broker/framewriter.h"
#include "broker/liveness.h"
#include "sessioninfo.h"

#include <QAbstractSocket>
#include <QObject>

class QNetworkRequest;
class QWebSocket;

namespace coderai {

/// \brief One WebSocket to the broker: opening it (trusting an extra CA if configured), watching
/// it for life while it is open (Liveness), sending with send-queue marks, and saying once, as a
/// SessionFailure, how it ended.
///
/// The session decides what an ending means (a retry, the end of a drain); the link only keeps
/// the socket's quirks out of the state machine, e.g. Qt 6.4 reporting a failed open as a
/// disconnect before the error that explains it, or a silent peer that TCP never notices.
///
/// Incoming messages have two tiers (PROTOCOL.md §9). Up to twice the seller's incoming limit a
/// message is read whole and handed on, and the session's FrameScreen refuses one over the limit
/// per request; anything larger Qt stops reading at its frame header, so it is never buffered,
/// and the socket ends with a failure that says so.
class BrokerLink final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BrokerLink)

public:
    /// \a maxIncomingBytes is the seller's incoming limit (SellerConfig::maxIncomingMessageBytes);
    /// the link reads messages up to hardIncomingCap() of it.
    BrokerLink(std::chrono::milliseconds pingInterval, std::chrono::milliseconds silenceTimeout,
               qint64 maxIncomingBytes, SessionClock clock, QObject *parent = nullptr);
    ~BrokerLink() override;

    /// The largest message the link reads at all: twice \a maxIncomingBytes, within what Qt
    /// allows. Between the two a message still reaches the session, to be refused per request.
    static qint64 hardIncomingCap(qint64 maxIncomingBytes);

    /// Opens a new socket, dropping any previous one.
    void open(const QNetworkRequest &request, const QString &caFile);
    /// Drops the socket at once, without a close handshake; lost() does not follow.
    void discard();
    bool hasSocket() const;
    /// Queues one text message; false when the socket is not connected. Messages are framed by
    /// FrameWriter, not by QWebSocket (whose UTF-16 round trip cost a small reply more than
    /// everything else the link does for it, and a large one six times its size in memory).
    bool send(const QByteArray &message);
    void ping();
    /// Starts the close handshake with 1000 once every queued message is written (no data frame
    /// may follow a close frame); lost() follows when the socket is gone.
    void close(const QString &reason);

signals:
    void opened();
    void textReceived(const QString &message);
    /// The socket is gone (error, silence, the broker's close, or the end of ours); it was discarded.
    void lost(const coderai::SessionFailure &failure);
    /// More than the high-water mark waits to be sent (true), or it is back under the low one.
    void congestionChanged(bool congested);

private:
    void onError(QAbstractSocket::SocketError error);
    void onDisconnected();
    void end(const SessionFailure &failure);
    void updateCongestion();
    bool closedForSize() const;
    void attachWriter();
    void closeNow();

    Liveness m_liveness;
    qint64 m_incomingCap;
    QWebSocket *m_socket = nullptr;
    FrameWriter m_writer;
    QString m_closeReason; ///< a close waiting for the writer to finish
    bool m_closePending = false;
    bool m_opened = false;
    bool m_congested = false;
};

} // namespace coderai
