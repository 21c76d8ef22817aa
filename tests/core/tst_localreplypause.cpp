// Backpressure in the local HTTP client: a LocalReply that stops reading holds the local server
// back through TCP, keeps its request alive past the inactivity timeout, and loses nothing,
// not even a close that arrives while it is paused.
#include "local/localconnection.h"
#include "local/localreply.h"
#include "local/localserver.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

LocalRequest get(const QString &path, std::chrono::milliseconds timeout = 10s)
{
    LocalRequest request;
    request.path = path;
    request.transferTimeout = timeout;
    return request;
}

// Byte i of the generated bodies: a pattern with a long period, so a lost or repeated piece shows.
char patternByte(qint64 i)
{
    return char((i * 131 + i / 4093) & 0xff);
}

/// \brief Answers each request with a generated body of `size` bytes, written only as the socket
/// drains, and counts what the kernel took: how far a reader that stops reading lets it get.
class DrainingServer final : public QObject
{
public:
    explicit DrainingServer(qint64 size)
        : m_size(size)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            QTcpSocket *socket = m_server.nextPendingConnection();
            QObject::connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
                if (!socket->readAll().contains("\r\n\r\n"))
                    return;
                socket->write("HTTP/1.1 200 OK\r\nContent-Length: " + QByteArray::number(m_size) + "\r\n\r\n");
                topUp(socket);
            });
            QObject::connect(socket, &QTcpSocket::bytesWritten, this, [this, socket](qint64 bytes) {
                m_sent += bytes;
                topUp(socket);
            });
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    QUrl url() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(m_server.serverPort())); }
    /// Bytes the kernel has taken so far (head included).
    qint64 sent() const { return m_sent; }

private:
    void topUp(QTcpSocket *socket)
    {
        while (m_written < m_size && socket->bytesToWrite() < 64 * 1024) {
            QByteArray piece(std::min<qint64>(64 * 1024, m_size - m_written), Qt::Uninitialized);
            for (qsizetype i = 0; i < piece.size(); ++i)
                piece[i] = patternByte(m_written + i);
            m_written += piece.size();
            socket->write(piece);
        }
    }

    QTcpServer m_server;
    qint64 m_size;
    qint64 m_written = 0;
    qint64 m_sent = 0;
};

} // namespace

class TestLocalReplyPause final : public QObject
{
    Q_OBJECT

private slots:
    void pausedReplyHoldsTheServerBack();
    void closeWhilePausedKeepsTheRest();
};

void TestLocalReplyPause::pausedReplyHoldsTheServerBack()
{
    constexpr qint64 size = 64 * 1024 * 1024;
    DrainingServer server(size);
    LocalServer local(server.url(), {}, 2);
    constexpr auto timeout = 300ms;
    std::unique_ptr<LocalReply> reply(local.send(get(u"big"_s, timeout)));
    qint64 received = 0;
    bool intact = true;
    int readsWhilePaused = 0;
    connect(reply.get(), &LocalReply::readyRead, this, [&] {
        readsWhilePaused += reply->isReadingPaused() ? 1 : 0;
        const QByteArray data = reply->readAll();
        for (qsizetype i = 0; i < data.size() && intact; ++i)
            intact = data.at(i) == patternByte(received + i);
        received += data.size();
        if (received > 0 && !reply->property("pausedOnce").toBool()) {
            reply->setProperty("pausedOnce", true);
            reply->setReadingPaused(true);
        }
    });
    QTRY_VERIFY(reply->isReadingPaused());

    // The server stalls once the kernel's buffers between us are full. Stay paused for well
    // over the inactivity timeout: a silence we caused must not time the request out.
    QElapsedTimer paused;
    paused.start();
    qint64 lastSent = -1;
    const auto stalled = [&] { return std::exchange(lastSent, server.sent()) == server.sent(); };
    QTRY_VERIFY_WITH_TIMEOUT(stalled() && paused.elapsed() > 3 * timeout.count(), 20000);
    QVERIFY2(!reply->isFinished(), qPrintable(reply->errorString()));
    QCOMPARE(readsWhilePaused, 0);
    // What got past the server: our bounded socket buffer and the kernel's, not the body.
    QVERIFY2(server.sent() < 32 * 1024 * 1024, QByteArray::number(server.sent()).constData());
    QVERIFY(received <= LocalConnection::kReadBufferBytes);

    reply->setReadingPaused(false);
    QSignalSpy finished(reply.get(), &LocalReply::finished);
    QVERIFY(finished.wait(30000));
    QCOMPARE(reply->error(), LocalReply::Error::None);
    QCOMPARE(received, size);
    QVERIFY(intact);
}

void TestLocalReplyPause::closeWhilePausedKeepsTheRest()
{
    // The rest of a close-delimited body and the close itself arrive while the reader is paused.
    const QByteArray rest(100 * 1000, 'r');
    QTcpServer raw;
    QVERIFY(raw.listen(QHostAddress::LocalHost));
    QPointer<QTcpSocket> serverSide;
    connect(&raw, &QTcpServer::newConnection, this, [&raw, &serverSide] {
        serverSide = raw.nextPendingConnection();
        connect(serverSide, &QTcpSocket::readyRead, serverSide, [socket = serverSide.data()] {
            if (socket->readAll().contains("\r\n\r\n"))
                socket->write("HTTP/1.1 200 OK\r\nConnection: close\r\n\r\nfirst");
        });
    });
    LocalServer local(QUrl(u"http://127.0.0.1:%1"_s.arg(raw.serverPort())), {}, 2);
    std::unique_ptr<LocalReply> reply(local.send(get(u"x"_s)));
    QByteArray body;
    connect(reply.get(), &LocalReply::readyRead, this, [&] {
        body += reply->readAll();
        reply->setReadingPaused(true);
    });
    QTRY_VERIFY(reply->isReadingPaused());
    QVERIFY(serverSide);
    serverSide->write(rest);
    serverSide->disconnectFromHost();
    QTRY_VERIFY(!serverSide || serverSide->state() == QAbstractSocket::UnconnectedState);
    // Nothing to wait for: the point is that the close, seen now, must not end the reply early.
    QTest::qWait(100);
    QVERIFY(!reply->isFinished());
    QCOMPARE(body, "first"_ba);

    QSignalSpy finished(reply.get(), &LocalReply::finished);
    disconnect(reply.get(), &LocalReply::readyRead, this, nullptr);
    connect(reply.get(), &LocalReply::readyRead, this, [&] { body += reply->readAll(); });
    reply->setReadingPaused(false);
    QVERIFY(finished.wait(10000));
    QCOMPARE(reply->error(), LocalReply::Error::None);
    QCOMPARE(body, "first" + rest);
}

QTEST_MAIN(TestLocalReplyPause)
#include "tst_localreplypause.moc"
