// Our own framing of large messages (issue 14 item 3): the bytes FrameWriter puts on the wire
// are RFC 6455 client frames, and a real QWebSocketServer, which checks masking, fragmentation
// and UTF-8, receives through BrokerLink exactly the messages sent, in order, with control
// frames between fragments and the close only after the last data frame.
#include "broker/brokerlink.h"
#include "broker/framewriter.h"

#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <memory>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

QByteArray randomBytes(qsizetype size, quint32 seed)
{
    QRandomGenerator random(seed);
    QByteArray bytes(size, Qt::Uninitialized);
    for (char &byte : bytes)
        byte = char(random.bounded(256));
    return bytes;
}

/// A JSON-ish text message of \a size bytes with multi-byte UTF-8 in it, distinct per \a tag.
QByteArray textMessage(qsizetype size, char tag)
{
    QByteArray text = "{\"tag\":\"" + QByteArray(1, tag) + "\",\"text\":\"";
    const QByteArray piece = "caf\xc3\xa9 \xe2\x82\xac ";
    while (text.size() + piece.size() + 2 <= size)
        text += piece;
    text += QByteArray(size - text.size() - 2, 'x');
    text += "\"}";
    return text;
}

/// A server peer that records every text message and the close code.
struct Peer
{
    QWebSocketServer server{u"framewriter"_s, QWebSocketServer::NonSecureMode};
    QList<QString> messages;
    QWebSocket *socket = nullptr;
    int closeCode = -1;
};

} // namespace

class TestFrameWriter final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void headerFormsFromRfc6455_data();
    void headerFormsFromRfc6455();
    void maskMatchesBytewiseXor();
    void largeMessagesArriveWholeAndInOrder();
    void closeWaitsForQueuedFrames();
    void brokenUtf8IsReplacedNotSent();
    void charactersAreNotSplitAcrossFragments();

private:
    void start(Peer &peer, BrokerLink &link);

    // Every test function gets a link connected to its own peer (init): the header and mask
    // tests do not use it, and it costs a loopback connection.
    std::unique_ptr<Peer> m_peer;
    std::unique_ptr<BrokerLink> m_link;
    std::unique_ptr<QSignalSpy> m_lost;
};

void TestFrameWriter::init()
{
    m_peer = std::make_unique<Peer>();
    m_link = std::make_unique<BrokerLink>(1h, 1h, 64 * 1024 * 1024, SessionClock::system());
    m_lost = std::make_unique<QSignalSpy>(m_link.get(), &BrokerLink::lost);
    start(*m_peer, *m_link);
}

void TestFrameWriter::cleanup()
{
    m_lost.reset();
    m_link.reset();
    m_peer.reset();
}

void TestFrameWriter::headerFormsFromRfc6455_data()
{
    QTest::addColumn<bool>("fin");
    QTest::addColumn<int>("opcode");
    QTest::addColumn<quint64>("size");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray key = QByteArray::fromHex("37fa213d"); // RFC 6455 §5.7's masking key
    QTest::newRow("5 bytes, final text") << true << 1 << quint64(5) << QByteArray::fromHex("8185") + key;
    QTest::newRow("0 bytes") << true << 1 << quint64(0) << QByteArray::fromHex("8180") + key;
    QTest::newRow("125 bytes, 7-bit length") << true << 1 << quint64(125) << QByteArray::fromHex("81fd") + key;
    QTest::newRow("126 bytes, 16-bit length") << false << 1 << quint64(126) << QByteArray::fromHex("01fe007e") + key;
    QTest::newRow("256 bytes, as in §5.7") << true << 2 << quint64(256) << QByteArray::fromHex("82fe0100") + key;
    QTest::newRow("65535 bytes") << false << 0 << quint64(65535) << QByteArray::fromHex("00feffff") + key;
    QTest::newRow("64 KiB, 64-bit length") << true << 2 << quint64(65536)
                                           << QByteArray::fromHex("82ff0000000000010000") + key;
    QTest::newRow("continuation, final, 4 GiB + 1") << true << 0 << quint64(0x100000001)
                                                    << QByteArray::fromHex("80ff0000000100000001") + key;
}

void TestFrameWriter::headerFormsFromRfc6455()
{
    QFETCH(bool, fin);
    QFETCH(int, opcode);
    QFETCH(quint64, size);
    QFETCH(QByteArray, expected);
    QCOMPARE(FrameWriter::frameHeader(fin, quint8(opcode), size, 0x37fa213d).toHex(), expected.toHex());
}

void TestFrameWriter::maskMatchesBytewiseXor()
{
    // RFC 6455 §5.7: "Hello" masked with 37 fa 21 3d is 7f 9f 4d 51 58.
    QByteArray hello(5, Qt::Uninitialized);
    FrameWriter::maskInto(hello.data(), "Hello", 5, 0x37fa213d);
    QCOMPARE(hello.toHex(), QByteArray("7f9f4d5158"));

    // Every length around the 8-byte steps, at unaligned source and target addresses.
    const QByteArray source = randomBytes(1000, 7);
    for (qsizetype size : {0, 1, 3, 4, 7, 8, 9, 15, 16, 17, 63, 64, 65, 999}) {
        for (qsizetype shift : {0, 1, 3}) {
            const quint32 key = QRandomGenerator::global()->generate();
            const char keyBytes[4] = {char(key >> 24), char(key >> 16), char(key >> 8), char(key)};
            QByteArray expected(size, Qt::Uninitialized);
            for (qsizetype i = 0; i < size; ++i)
                expected[i] = char(source[shift + i] ^ keyBytes[i % 4]);
            QByteArray target(size + shift, '\0');
            FrameWriter::maskInto(target.data() + shift, source.constData() + shift, size, key);
            QCOMPARE(target.mid(shift).toHex(), expected.toHex());
        }
    }
}

void TestFrameWriter::start(Peer &peer, BrokerLink &link)
{
    QVERIFY(peer.server.listen(QHostAddress::LocalHost, 0));
    QObject::connect(&peer.server, &QWebSocketServer::newConnection, &peer.server, [&peer] {
        peer.socket = peer.server.nextPendingConnection();
        peer.socket->setParent(&peer.server);
        QObject::connect(peer.socket, &QWebSocket::textMessageReceived, peer.socket,
                         [&peer](const QString &message) { peer.messages.append(message); });
        QObject::connect(peer.socket, &QWebSocket::disconnected, peer.socket,
                         [&peer] { peer.closeCode = peer.socket->closeCode(); });
    });
    QSignalSpy opened(&link, &BrokerLink::opened);
    link.open(QNetworkRequest(QUrl(u"ws://127.0.0.1:%1/"_s.arg(peer.server.serverPort()))), QString());
    QVERIFY(opened.wait(10'000));
    QTRY_VERIFY(peer.socket);
}

void TestFrameWriter::largeMessagesArriveWholeAndInOrder()
{
    Peer &peer = *m_peer;
    BrokerLink &link = *m_link;
    QSignalSpy &lost = *m_lost;

    // Large ones (many fragments), small ones behind them (queued after them, in order), a ping
    // from each side while fragments are going out.
    const QList<QByteArray> sent = {textMessage(3 * 1024 * 1024 + 17, 'a'), textMessage(40, 'b'),
                                    textMessage(FrameWriter::kFrameBytes, 'c'), textMessage(200, 'd'),
                                    textMessage(64 * 1024, 'e')};
    QSignalSpy pongs(peer.socket, &QWebSocket::pong);
    for (const QByteArray &message : sent) {
        QVERIFY(link.send(message));
        if (message.size() > 1024 * 1024) {
            peer.socket->ping("from the broker"); // answered with a pong between our fragments
            link.ping();
        }
    }
    QTRY_COMPARE_WITH_TIMEOUT(peer.messages.size(), sent.size(), 20'000);
    for (qsizetype i = 0; i < sent.size(); ++i)
        QVERIFY2(peer.messages.at(i) == QString::fromUtf8(sent.at(i)), qPrintable(u"message %1 differs"_s.arg(i)));
    QTRY_VERIFY(pongs.size() >= 1);
    QCOMPARE(lost.size(), 0); // the server found nothing to close the socket for
}

void TestFrameWriter::closeWaitsForQueuedFrames()
{
    Peer &peer = *m_peer;
    BrokerLink &link = *m_link;
    QSignalSpy &lost = *m_lost;
    const QByteArray large = textMessage(8 * 1024 * 1024, 'z');
    QVERIFY(link.send(large));
    QVERIFY(link.send(textMessage(100, 'y')));
    link.close(u"bye"_s); // the writer still holds most of the large message
    QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 20'000);
    QTRY_COMPARE(peer.closeCode, int(QWebSocketProtocol::CloseCodeNormal));
    QCOMPARE(peer.messages.size(), 2);
    QVERIFY(peer.messages.first() == QString::fromUtf8(large));
}

void TestFrameWriter::brokenUtf8IsReplacedNotSent()
{
    // As QWebSocket's own path did: a broken sequence becomes U+FFFD, and the broker, which
    // closes on invalid UTF-8 in a text frame, gets valid text.
    Peer &peer = *m_peer;
    BrokerLink &link = *m_link;
    QSignalSpy &lost = *m_lost;
    QByteArray broken = textMessage(300 * 1024, 'q');
    broken[1000] = char(0xff);
    QVERIFY(link.send(broken));
    QTRY_COMPARE_WITH_TIMEOUT(peer.messages.size(), 1, 20'000);
    QCOMPARE(peer.messages.first(), QString::fromUtf8(broken));
    QVERIFY(peer.messages.first().contains(QChar::ReplacementCharacter));
    QCOMPARE(lost.size(), 0);
}

void TestFrameWriter::charactersAreNotSplitAcrossFragments()
{
    // Three-byte characters after a one-byte quote: the frame size falls on a character's
    // second byte. Qt's server checks each frame's UTF-8 and would close with 1007.
    Peer &peer = *m_peer;
    BrokerLink &link = *m_link;
    QSignalSpy &lost = *m_lost;
    QByteArray euros = "\"";
    while (euros.size() < 2 * FrameWriter::kFrameBytes + 100)
        euros += "\xe2\x82\xac";
    euros += "\"";
    QCOMPARE(uchar(euros.at(FrameWriter::kFrameBytes)) & 0xc0, 0x80); // the cut the writer avoids
    QVERIFY(link.send(euros));
    QTRY_COMPARE_WITH_TIMEOUT(peer.messages.size(), 1, 20'000);
    QVERIFY(peer.messages.first() == QString::fromUtf8(euros));
    QCOMPARE(lost.size(), 0);
    QCOMPARE(peer.closeCode, -1);
}

QTEST_GUILESS_MAIN(TestFrameWriter)
#include "tst_framewriter.moc"
