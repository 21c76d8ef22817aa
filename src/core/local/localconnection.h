#pragma once

#include "local/localreply.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPair>
#include <QPointer>
#include <QString>
#include <QTimer>

#include <chrono>

class QTcpSocket;

namespace coderai {

class LocalHttpClient;

/// \brief A request as it goes on the wire, kept whole so a stale connection can send it again.
struct OutgoingRequest
{
    QByteArray bytes; ///< head and body, serialized
    bool expectsNoBody = false; ///< HEAD: the answer has headers only, whatever they announce
    std::chrono::milliseconds timeout {0}; ///< inactivity limit; 0: none
    QPointer<LocalReply> reply;
    bool retried = false;
};

/// \brief One keep-alive HTTP/1.1 connection to the local server, carrying one request at a time.
///
/// Everything happens in the owner's thread: bytes are parsed as the socket delivers them and
/// the reply hears of them at once. The connection reports to its client when it becomes idle
/// (reusable) or dies, and hands a request back for one retry when a reused connection turns
/// out to have been closed by the server before it answered.
class LocalConnection final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LocalConnection)

public:
    LocalConnection(LocalHttpClient *client, const QString &host, quint16 port, bool tls, QObject *parent = nullptr);
    ~LocalConnection() override;

    /// Sends the request, connecting first if needed. Only while isIdle().
    void start(OutgoingRequest request);
    /// No request in flight and the socket still open.
    bool isIdle() const;
    /// The reply gave up (abort or deletion): close the socket at once so the server notices.
    void abandon(LocalReply *reply);
    /// Closes an idle connection the pool does not want (any more).
    void discard();

private:
    enum class Stage { Head, Body, ChunkSize, ChunkData, ChunkEnd, Trailers };
    enum class Framing { None, Length, Chunked, UntilClose };

    void onConnected();
    void onReadyRead();
    void onSocketGone();
    void onTimeout();
    void parse();
    void parseHead(qsizetype headEnd);
    QByteArray take(qsizetype count);
    bool flushBody();
    void completeResponse();
    void fail(LocalReply::Error error, const QString &message);
    void close();

    LocalHttpClient *m_client;
    QTcpSocket *m_socket;
    QTimer m_timer;
    QString m_host;
    quint16 m_port;
    bool m_tls;

    OutgoingRequest m_request;
    LocalReply *m_reply = nullptr;
    QByteArray m_in;
    qsizetype m_pos = 0;
    QByteArray m_pendingBody;
    Stage m_stage = Stage::Head;
    Framing m_framing = Framing::None;
    qint64 m_remaining = 0;
    qint64 m_announced = -1;
    qint64 m_received = 0;
    bool m_keepAlive = true;
    bool m_ready = false; // connected (and encrypted) at least once
    bool m_used = false; // has carried a request before the current one
    bool m_gotBytes = false; // a byte of the current response arrived
    bool m_dead = false;
};

} // namespace coderai
