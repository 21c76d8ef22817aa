#include "brokerlink.h"

#include "broker/sessionfailures.h"
#include "logging.h"

#include <QAbstractSocket>
#include <QCoreApplication>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QWebSocket>

#include <algorithm>

namespace coderai {
namespace {

// Send-queue marks for backpressure: above the high one, relays stop reading the local server;
// under the low one they go on. A few output events' worth keeps the socket busy while bounding
// what a slow broker makes us hold.
constexpr qint64 kCongestedAbove = 4 * 1024 * 1024;
constexpr qint64 kRelievedBelow = 1024 * 1024;

} // namespace

BrokerLink::BrokerLink(std::chrono::milliseconds pingInterval, std::chrono::milliseconds silenceTimeout,
                       qint64 maxIncomingBytes, SessionClock clock, QObject *parent)
    : QObject(parent)
    , m_liveness(pingInterval, silenceTimeout, std::move(clock))
    , m_incomingCap(hardIncomingCap(maxIncomingBytes))
{
    connect(&m_liveness, &Liveness::pingDue, this, &BrokerLink::ping);
    connect(&m_liveness, &Liveness::silent, this, [this] {
        qCWarning(lcBroker) << "no frame and no pong from the broker for"
                            << m_liveness.silenceTimeout().count() << "ms: dropping the socket";
        end(sessionfailures::peerSilent(m_liveness.silenceTimeout()));
    });
    connect(&m_writer, &FrameWriter::progressed, this, &BrokerLink::updateCongestion);
    connect(&m_writer, &FrameWriter::idle, this, [this] {
        if (m_closePending)
            closeNow();
    });
}

BrokerLink::~BrokerLink()
{
    discard();
}

qint64 BrokerLink::hardIncomingCap(qint64 maxIncomingBytes)
{
    const auto qtMost = qint64(std::min(QWebSocket::maxIncomingMessageSize(), QWebSocket::maxIncomingFrameSize()));
    return std::clamp(maxIncomingBytes, qint64(0), qtMost / 2) * 2;
}

void BrokerLink::open(const QNetworkRequest &request, const QString &caFile)
{
    discard();
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_opened = false;
    // One limit for both: a message of many small frames is stopped as early as one large frame.
    m_socket->setMaxAllowedIncomingMessageSize(quint64(m_incomingCap));
    m_socket->setMaxAllowedIncomingFrameSize(quint64(m_incomingCap));
    if (!caFile.isEmpty()) {
        QSslConfiguration tls = QSslConfiguration::defaultConfiguration();
        tls.addCaCertificates(QSslCertificate::fromPath(caFile));
        m_socket->setSslConfiguration(tls);
    }
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_opened = true;
        attachWriter();
        m_liveness.start();
        emit opened();
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &message) {
        m_liveness.noteLife();
        emit textReceived(message);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &data) {
        m_liveness.noteLife();
        qCWarning(lcBroker) << "ignored a binary frame of" << data.size() << "bytes from the broker";
    });
    // A pong is life too: a broker with nothing to say still answers our pings.
    connect(m_socket, &QWebSocket::pong, &m_liveness, &Liveness::noteLife);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, &BrokerLink::onError);
    connect(m_socket, &QWebSocket::sslErrors, this, [](const QList<QSslError> &errors) {
        // Never ignored: a broker we cannot verify is a broker we do not talk to.
        for (const auto &error : errors)
            qCWarning(lcBroker).noquote() << "TLS:" << error.errorString();
    });
    connect(m_socket, &QWebSocket::disconnected, this, &BrokerLink::onDisconnected);
    connect(m_socket, &QWebSocket::bytesWritten, this, &BrokerLink::updateCongestion);
    m_socket->open(request);
}

void BrokerLink::discard()
{
    m_liveness.stop();
    if (!m_socket)
        return;
    QWebSocket *socket = std::exchange(m_socket, nullptr);
    m_writer.attach(nullptr);
    m_closePending = false;
    updateCongestion(); // nothing waits any more
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

bool BrokerLink::hasSocket() const
{
    return m_socket != nullptr;
}

bool BrokerLink::send(const QByteArray &message)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState)
        return false;
    // Every data message goes through the writer, so none can land between the fragments of
    // another; QWebSocket writes only control frames, which may (RFC 6455 §5.4).
    if (m_writer.isAttached()) {
        // A text frame must be valid UTF-8; QWebSocket's conversion replaced a broken sequence,
        // and so does this rare path. The check is a fast scan over what is mostly ASCII.
        m_writer.sendText(message.isValidUtf8() ? message : QString::fromUtf8(message).toUtf8());
    } else {
        m_socket->sendTextMessage(QString::fromUtf8(message));
    }
    updateCongestion();
    return true;
}

void BrokerLink::attachWriter()
{
    // QWebSocket (Qt 6.4) keeps its socket as its direct child and gives no other access to it.
    // Without one (another Qt's layout) every message simply goes through sendTextMessage().
    auto *socket = m_socket->findChild<QAbstractSocket *>(QString(), Qt::FindDirectChildrenOnly);
    if (!socket)
        qCWarning(lcBroker) << "no socket under the QWebSocket: messages are framed by Qt";
    m_writer.attach(socket);
}

void BrokerLink::ping()
{
    if (m_socket)
        m_socket->ping();
}

void BrokerLink::close(const QString &reason)
{
    if (!m_socket)
        return;
    m_closeReason = reason;
    // A close frame ends the data (RFC 6455 §5.5.1): what the writer still holds goes first.
    if (!m_writer.isIdle()) {
        m_closePending = true;
        return;
    }
    closeNow();
}

void BrokerLink::closeNow()
{
    m_closePending = false;
    if (m_socket)
        m_socket->close(QWebSocketProtocol::CloseCodeNormal, m_closeReason);
}

void BrokerLink::onError(QAbstractSocket::SocketError error)
{
    if (!m_socket)
        return;
    end(SessionFailure::fromSocketError(error, m_socket->errorString()));
}

void BrokerLink::onDisconnected()
{
    if (!m_socket)
        return;
    // A socket that never opened may report the disconnect before the error that explains it.
    if (!m_opened) {
        end(SessionFailure::fromSocketError(m_socket->error(), m_socket->errorString()));
        return;
    }
    if (closedForSize()) {
        qCWarning(lcBroker) << "the broker sent a message larger than" << m_incomingCap
                            << "bytes: the socket was closed without reading it";
        end(sessionfailures::oversizedMessage(m_incomingCap));
        return;
    }
    end(SessionFailure::fromClose(m_socket->closeCode(), m_socket->closeReason()));
}

bool BrokerLink::closedForSize() const
{
    // Qt closes on its own with 1009 and one of these reasons, emitting no error; the broker's
    // own 1009 (a message of ours too large for it) carries its own reason.
    if (m_socket->closeCode() != QWebSocketProtocol::CloseCodeTooMuchData)
        return false;
    const QString reason = m_socket->closeReason();
    const std::pair<const char *, const char *> qtReasons[] = {
        {"QWebSocketFrame", "Maximum framesize exceeded."},
        {"QWebSocketDataProcessor", "Received message is too big."},
    };
    return std::any_of(std::cbegin(qtReasons), std::cend(qtReasons), [&reason](const auto &qtReason) {
        return reason == QLatin1StringView(qtReason.second)
            || reason == QCoreApplication::translate(qtReason.first, qtReason.second);
    });
}

void BrokerLink::end(const SessionFailure &failure)
{
    discard();
    emit lost(failure);
}

void BrokerLink::updateCongestion()
{
    const qint64 waiting = !m_socket             ? 0
        : m_writer.isAttached() ? m_writer.socketBacklog() + m_writer.pendingBytes()
                                : m_socket->bytesToWrite();
    const bool congested = m_congested ? waiting > kRelievedBelow : waiting > kCongestedAbove;
    if (congested == m_congested)
        return;
    m_congested = congested;
    qCDebug(lcBroker) << (congested ? "send queue congested:" : "send queue relieved:") << waiting << "bytes waiting";
    emit congestionChanged(congested);
}

} // namespace coderai
