#include "slowrelay.h"

#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

namespace coderai::bench {

namespace {

constexpr auto kTick = std::chrono::milliseconds(100);
constexpr qint64 kChunk = 64 * 1024;
// Qt's own read buffer on the seller side: small, so a slow relay leaves the seller's bytes in
// the kernel, where they push back on the seller, instead of in our memory.
constexpr qint64 kReadBuffer = 16 * 1024;

} // namespace

SlowRelay::SlowRelay(quint16 targetPort, qint64 bytesPerSecond, QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
    , m_tick(new QTimer(this))
    , m_targetPort(targetPort)
    , m_bytesPerTick(std::max<qint64>(1, bytesPerSecond * kTick.count() / 1000))
{
    connect(m_server, &QTcpServer::newConnection, this, &SlowRelay::accept);
    m_tick->setInterval(kTick);
    connect(m_tick, &QTimer::timeout, this, &SlowRelay::onTick);
}

SlowRelay::~SlowRelay()
{
    for (Pair &pair : m_pairs) {
        delete pair.seller.data();
        delete pair.broker.data();
    }
}

bool SlowRelay::listen(quint16 port)
{
    return m_server->listen(QHostAddress::LocalHost, port);
}

quint16 SlowRelay::port() const
{
    return m_server->serverPort();
}

void SlowRelay::setSlow(bool slow)
{
    m_slow = slow;
    if (slow) {
        m_slowBytes = 0;
        m_saturatedTicks = 0;
        m_tick->start();
        return;
    }
    m_tick->stop();
    for (Pair &pair : m_pairs) // whatever waited in the kernel goes now
        forwardFromSeller(pair, -1);
}

bool SlowRelay::isSlow() const
{
    return m_slow;
}

qint64 SlowRelay::slowBytes() const
{
    return m_slowBytes;
}

int SlowRelay::saturatedTicks() const
{
    return m_saturatedTicks;
}

void SlowRelay::accept()
{
    while (QTcpSocket *seller = m_server->nextPendingConnection()) {
        auto *broker = new QTcpSocket(this);
        seller->setParent(this);
        seller->setReadBufferSize(kReadBuffer);
        m_pairs.push_back({ seller, broker });
        // Bytes the seller sends before the broker side connects wait in the kernel: the
        // seller-side readyRead reads nothing until then.
        connect(broker, &QTcpSocket::connected, this, [this, seller] {
            for (Pair &pair : m_pairs)
                if (pair.seller == seller)
                    forwardFromSeller(pair, m_slow ? 0 : -1);
        });
        connect(seller, &QTcpSocket::readyRead, this, [this, seller] {
            if (m_slow)
                return; // onTick() takes its share
            for (Pair &pair : m_pairs)
                if (pair.seller == seller)
                    forwardFromSeller(pair, -1);
        });
        connect(broker, &QTcpSocket::readyRead, this, [broker, seller] { forward(broker, seller, -1); });
        connect(seller, &QTcpSocket::disconnected, this, [this, seller] { closePair(seller); });
        connect(broker, &QTcpSocket::disconnected, this, [this, broker] { closePair(broker); });
        connect(seller, &QTcpSocket::errorOccurred, this, [this, seller] { closePair(seller); });
        connect(broker, &QTcpSocket::errorOccurred, this, [this, broker] { closePair(broker); });
        broker->connectToHost(QHostAddress::LocalHost, m_targetPort);
    }
}

qint64 SlowRelay::forwardFromSeller(Pair &pair, qint64 budget)
{
    if (pair.seller && pair.broker && pair.broker->state() == QAbstractSocket::ConnectedState)
        return forward(pair.seller, pair.broker, budget);
    return 0;
}

qint64 SlowRelay::forward(QTcpSocket *from, QTcpSocket *to, qint64 budget)
{
    // budget < 0: everything there is.
    qint64 forwarded = 0;
    while (budget != 0 && from->bytesAvailable() > 0) {
        const qint64 take = budget < 0 ? kChunk : std::min(budget, kChunk);
        const QByteArray bytes = from->read(take);
        if (bytes.isEmpty())
            break;
        to->write(bytes);
        forwarded += bytes.size();
        if (budget > 0)
            budget -= bytes.size();
    }
    return forwarded;
}

void SlowRelay::onTick()
{
    for (Pair &pair : m_pairs) {
        m_slowBytes += forwardFromSeller(pair, m_bytesPerTick);
        if (pair.seller && pair.seller->bytesAvailable() > 0)
            ++m_saturatedTicks;
    }
}

void SlowRelay::closePair(QTcpSocket *either)
{
    const auto found = std::find_if(m_pairs.begin(), m_pairs.end(),
                                    [either](const Pair &pair) { return pair.seller == either || pair.broker == either; });
    if (found == m_pairs.end())
        return;
    const Pair pair = *found;
    m_pairs.erase(found);
    // What one side said before it went still reaches the other (a close frame, a last reply),
    // then that side goes too.
    for (QTcpSocket *socket : { pair.seller.data(), pair.broker.data() }) {
        if (!socket)
            continue;
        QTcpSocket *other = socket == pair.seller ? pair.broker.data() : pair.seller.data();
        if (other && other->state() == QAbstractSocket::ConnectedState && socket->bytesAvailable() > 0)
            forward(socket, other, -1);
    }
    for (QTcpSocket *socket : { pair.seller.data(), pair.broker.data() }) {
        if (!socket)
            continue;
        socket->disconnect(this);
        if (socket->state() == QAbstractSocket::UnconnectedState) {
            socket->deleteLater();
            continue;
        }
        // Deleted once its last bytes are out, not before: deleting aborts.
        connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        socket->disconnectFromHost();
    }
}

} // namespace coderai::bench
