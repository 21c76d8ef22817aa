// The base64 encoder behind `body_base64` and `output` events (issue 14 item 3): RFC 4648's own
// test vectors, and byte-for-byte agreement with QByteArray::toBase64 on random data of every
// length around its 6-byte and 3-byte steps, never writing past the room it was given.
#include "work/proxybase64.h"

#include <QRandomGenerator>
#include <QTest>

using namespace coderai;

namespace {

QByteArray encoded(const QByteArray &data)
{
    // Guard bytes on both sides of the room base64Size() promises.
    const QByteArray guard(16, '#');
    QByteArray buffer = guard + QByteArray(proxy::base64Size(data.size()), '?') + guard;
    const qsizetype written = proxy::encodeBase64(data.constData(), data.size(), buffer.data() + guard.size());
    if (written != proxy::base64Size(data.size()) || !buffer.startsWith(guard) || !buffer.endsWith(guard))
        return "<wrote " + QByteArray::number(written) + " or outside its room>";
    return buffer.mid(guard.size(), written);
}

} // namespace

class TestProxyBase64 final : public QObject
{
    Q_OBJECT

private slots:
    void rfc4648Vectors_data()
    {
        QTest::addColumn<QByteArray>("data");
        QTest::addColumn<QByteArray>("expected");
        // RFC 4648 §10.
        QTest::newRow("empty") << QByteArray("") << QByteArray("");
        QTest::newRow("f") << QByteArray("f") << QByteArray("Zg==");
        QTest::newRow("fo") << QByteArray("fo") << QByteArray("Zm8=");
        QTest::newRow("foo") << QByteArray("foo") << QByteArray("Zm9v");
        QTest::newRow("foob") << QByteArray("foob") << QByteArray("Zm9vYg==");
        QTest::newRow("fooba") << QByteArray("fooba") << QByteArray("Zm9vYmE=");
        QTest::newRow("foobar") << QByteArray("foobar") << QByteArray("Zm9vYmFy");
        // Both ends of the alphabet, through the 6-byte step.
        QTest::newRow("all ones") << QByteArray(9, char(0xff)) << QByteArray("////////////");
        QTest::newRow("all zeros") << QByteArray(9, '\0') << QByteArray("AAAAAAAAAAAA");
        QTest::newRow("62 and 63") << QByteArray::fromHex("fbffbffbffbf") << QByteArray("+/+/+/+/");
    }

    void rfc4648Vectors()
    {
        QFETCH(QByteArray, data);
        QFETCH(QByteArray, expected);
        QCOMPARE(encoded(data), expected);
    }

    void agreesWithQtOnRandomData()
    {
        QRandomGenerator random(14);
        for (qsizetype size = 0; size <= 300; ++size) {
            QByteArray data(size, Qt::Uninitialized);
            for (char &byte : data)
                byte = char(random.bounded(256));
            QCOMPARE(encoded(data), data.toBase64());
        }
        QByteArray large(3 * 1024 * 1024 + 5, Qt::Uninitialized);
        for (char &byte : large)
            byte = char(random.bounded(256));
        QCOMPARE(encoded(large), large.toBase64());
    }

    void sizes()
    {
        QCOMPARE(proxy::base64Size(0), 0);
        QCOMPARE(proxy::base64Size(1), 4);
        QCOMPARE(proxy::base64Size(3), 4);
        QCOMPARE(proxy::base64Size(4), 8);
        QCOMPARE(proxy::base64Size(1024 * 1024), 1398104);
    }
};

QTEST_GUILESS_MAIN(TestProxyBase64)
#include "tst_proxybase64.moc"
