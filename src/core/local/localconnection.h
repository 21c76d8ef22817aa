#pragma once

#include "local/httpresponseparser.h"
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
    QByteArray bytes; ///< the head, serialized, and a small body with it (one write, one packet)
    QByteArray body; ///< a large body, shared with the caller's copy rather than appended to the head
    bool expectsNoBody = false; ///< HEAD: the answer has headers only, whatever they announce
    std::chrono::milliseconds timeout {0}; ///< inactivity limit; 0: none
    QPointer<LocalReply> reply;
    bool retried = false;
};

/// \brief One keep-alive HTTP/1.1 connection to the local server, carrying one request at a time.
///
/// Everything happens in the owner's thread: bytes are parsed (HttpResponseParser) as the socket
/// delivers them and the reply hears of them at once. The connection reports to its client when
/// it becomes idle (reusable) or dies, and hands a request back for one retry when a reused
/// connection turns out to have been closed by the server before it answered. While its reply is
/// paused it reads nothing: the socket's bounded read buffer fills, and the kernel's TCP window
/// makes the local server wait.
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
    /// Stops or resumes reading the socket for `reply` (backpressure, see LocalReply).
    void setPaused(LocalReply *reply, bool paused);

    /// What the socket may hold unread: the most a paused reply keeps in the seller's memory.
    static constexpr qint64 kReadBufferBytes = 256 * 1024;

private:
    void onConnected();
    void send();
    void onReadyRead();
    void onSocketGone();
    void onTimeout();
    void readBuffered();
    void parse();
    /// Adds a body piece of m_in to the pending body; true when it took m_in whole.
    bool keepBody(QByteArrayView piece);
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
    HttpResponseParser m_parser;
    QByteArray m_in; // read and not yet consumed by the parser
    qsizetype m_pos = 0;
    QByteArray m_pendingBody;
    bool m_paused = false; // the reply asked us to stop reading
    bool m_socketGone = false; // the socket closed while a paused reply still had bytes in it
    bool m_ready = false; // connected (and encrypted) at least once
    bool m_used = false; // has carried a request before the current one
    bool m_gotBytes = false; // a byte of the current response arrived
    bool m_dead = false;
};

} // namespace coderai
