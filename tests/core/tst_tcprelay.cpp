// TcpRelay stands in for the network between seller and broker; these cases make sure it is
// transparent when asked to be and a perfect silent middlebox when blackholed.

#include "tcprelay.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using coderai::test::TcpRelay;

namespace {

/// The far end: accepts one connection and keeps what it receives.
class Target final
{
public:
    Target()
    {
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            socket.reset(server.nextPendingConnection());
            QObject::connect(socket.get(), &QTcpSocket::readyRead, socket.get(),
                             [this] { received += socket->readAll(); });
        });
    }

    QTcpServer server;
    std::unique_ptr<QTcpSocket> socket;
    QByteArray received;
};

} // namespace

class TestTcpRelay final : public QObject
{
    Q_OBJECT

private slots:
    void forwardsBothWays();
    void blackholeDropsBytesButKeepsConnections();
    void blackholeHidesClose();
    void passesCloseWhenTransparent();
    void abortAllDropsConnections();
};

void TestTcpRelay::forwardsBothWays()
{
    Target target;
    QVERIFY(target.server.listen(QHostAddress::LocalHost));
    TcpRelay relay(QHostAddress::LocalHost, target.server.serverPort());
    QVERIFY(relay.isListening());
    QVERIFY(relay.port() != 0);

    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, relay.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("hello broker");
    QTRY_COMPARE(target.received, QByteArray("hello broker"));
    QCOMPARE(relay.connectionCount(), 1);

    target.socket->write("hello seller");
    QTRY_COMPARE(client.bytesAvailable(), qint64(12));
    QCOMPARE(client.readAll(), QByteArray("hello seller"));
    QCOMPARE(relay.droppedBytes(), 0);
}

void TestTcpRelay::blackholeDropsBytesButKeepsConnections()
{
    Target target;
    QVERIFY(target.server.listen(QHostAddress::LocalHost));
    TcpRelay relay(QHostAddress::LocalHost, target.server.serverPort());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, relay.port());
    QVERIFY(client.waitForConnected(5000));
    client.write("up");
    QTRY_COMPARE(target.received, QByteArray("up"));

    relay.setBlackhole(true);
    QVERIFY(relay.isBlackhole());
    client.write("lost");
    QTRY_COMPARE(relay.droppedBytes(), qint64(4));
    target.socket->write("gone");
    QTRY_COMPARE(relay.droppedBytes(), qint64(8));

    // Both sides are still connected, and nothing got through.
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    QCOMPARE(target.socket->state(), QAbstractSocket::ConnectedState);
    QCOMPARE(relay.openConnectionCount(), 1);
    QCOMPARE(target.received, QByteArray("up"));
    QCOMPARE(client.bytesAvailable(), qint64(0));

    // Once the path is back, new bytes flow again; the dropped ones stay lost.
    relay.setBlackhole(false);
    client.write("back");
    QTRY_COMPARE(target.received, QByteArray("upback"));
    target.socket->write("again");
    QTRY_COMPARE(client.bytesAvailable(), qint64(5));
    QCOMPARE(client.readAll(), QByteArray("again"));
}

void TestTcpRelay::blackholeHidesClose()
{
    Target target;
    QVERIFY(target.server.listen(QHostAddress::LocalHost));
    TcpRelay relay(QHostAddress::LocalHost, target.server.serverPort());
    QTcpSocket client;
    client.connectToHost(QHostAddress::LocalHost, relay.port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(target.socket);
    QTRY_COMPARE(target.socket->state(), QAbstractSocket::ConnectedState);

    relay.setBlackhole(true);
    client.disconnectFromHost();
    // The relay has seen the client go (its count drops) yet tells the target nothing.
    QTRY_COMPARE(relay.openConnectionCount(), 0);
    QCOMPARE(target.socket->state(), QAbstractSocket::ConnectedState);
}

void TestTcpRelay::passesCloseWhenTransparent()
{
    Target target;
    QVERIFY(target.server.listen(QHostAddress::LocalHost));
    TcpRelay relay(QHostAddress::LocalHost, target.server.serverPort());
    QTcpSocket client;
    QSignalSpy clientClosed(&client, &QTcpSocket::disconnected);
    client.connectToHost(QHostAddress::LocalHost, relay.port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(target.socket);

    target.socket->disconnectFromHost();
    QVERIFY(clientClosed.wait(5000));
    QTRY_COMPARE(relay.openConnectionCount(), 0);
}

void TestTcpRelay::abortAllDropsConnections()
{
    Target target;
    QVERIFY(target.server.listen(QHostAddress::LocalHost));
    TcpRelay relay(QHostAddress::LocalHost, target.server.serverPort());
    QTcpSocket client;
    QSignalSpy clientClosed(&client, &QTcpSocket::disconnected);
    client.connectToHost(QHostAddress::LocalHost, relay.port());
    QVERIFY(client.waitForConnected(5000));
    QTRY_VERIFY(target.socket);

    relay.abortAll();
    QVERIFY(clientClosed.wait(5000));
    QCOMPARE(relay.openConnectionCount(), 0);
    QCOMPARE(relay.connectionCount(), 1);
}

QTEST_GUILESS_MAIN(TestTcpRelay)
#include "tst_tcprelay.moc"
