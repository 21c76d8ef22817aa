// Incoming bodies of the proxy op (body_base64, multipart files) are decoded slice by slice;
// the answer must be exactly what decoding the whole text at once gives: the same bytes for
// valid base64 of any length, bad_request for text that is not base64 anywhere in it.
#include "servingfixture.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace coderai;
using namespace coderai::test;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr qsizetype kSliceChars = 64 * 1024; // the decoder's slice, in base64 characters

QByteArray pattern(qsizetype size)
{
    QByteArray data(size, Qt::Uninitialized);
    for (qsizetype i = 0; i < size; ++i)
        data[i] = char((i * 7 + i / 251) & 0xff);
    return data;
}

} // namespace

class TestProxyUpload final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void bodyBase64_data();
    void bodyBase64();
    void multipartFileThatIsNotBase64IsRefused();

private:
    std::unique_ptr<ServingFixture> m_fixture;
};

void TestProxyUpload::initTestCase()
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = 0ms;
    m_fixture = std::make_unique<ServingFixture>(options);
    QVERIFY(m_fixture->start());
}

void TestProxyUpload::cleanupTestCase()
{
    m_fixture.reset();
}

void TestProxyUpload::bodyBase64_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QByteArray>("body"); // what arrives; null: refused with bad_request

    // Lengths around the slice boundary, padded and unpadded.
    for (const qsizetype size :
         {qsizetype(0), qsizetype(1), qsizetype(kSliceChars / 4 * 3 - 1), qsizetype(kSliceChars / 4 * 3),
          qsizetype(kSliceChars / 4 * 3 + 1), qsizetype(3 * kSliceChars + 2)}) {
        const QByteArray data = pattern(size);
        QTest::addRow("%lld bytes", qint64(size)) << QString::fromLatin1(data.toBase64()) << data;
    }
    const QString valid = QString::fromLatin1(pattern(kSliceChars).toBase64());
    QTest::newRow("padding that ends the first slice")
        << valid.left(kSliceChars - 4) + u"QQ=="_s + u"QUJD"_s << QByteArray();
    QTest::newRow("padding inside a slice") << u"QQ==QUJD"_s << QByteArray();
    QTest::newRow("bad character in a later slice") << valid + valid.left(100) + u"!AAA"_s << QByteArray();
    QTest::newRow("not Latin-1 in a later slice") << valid + u"QU\u00e9D"_s << QByteArray();
}

void TestProxyUpload::bodyBase64()
{
    QFETCH(QString, text);
    QFETCH(QByteArray, body);
    const QList<QJsonObject> messages = m_fixture->call(
        u"proxy"_s, {{u"endpoint_path"_s, u"v1/demo/echo"_s}, {u"method"_s, u"POST"_s}, {u"body_base64"_s, text}});
    QVERIFY(!messages.isEmpty());
    const QJsonObject reply = messages.last();
    if (body.isNull()) {
        QCOMPARE(reply.value(u"status"_s).toString(), u"error"_s);
        QCOMPARE(reply.value(u"code"_s).toString(), u"bad_request"_s);
        return;
    }
    QCOMPARE(reply.value(u"status"_s).toString(), u"ok"_s);
    const QJsonObject echo = reply.value(u"payload"_s).toObject().value(u"body"_s).toObject();
    QCOMPARE(echo.value(u"body_size"_s).toInteger(), body.size());
    QCOMPARE(echo.value(u"body_sha256"_s).toString().toLatin1(),
             QCryptographicHash::hash(body, QCryptographicHash::Sha256).toHex());
}

void TestProxyUpload::multipartFileThatIsNotBase64IsRefused()
{
    const QString text = QString::fromLatin1(pattern(kSliceChars).toBase64()) + u"QQ==QUJD"_s;
    const QJsonObject multipart {
        {u"files"_s,
         QJsonArray {QJsonObject {{u"name"_s, u"file"_s}, {u"filename"_s, u"a.bin"_s}, {u"data_base64"_s, text}}}}};
    const QList<QJsonObject> messages = m_fixture->call(
        u"proxy"_s, {{u"endpoint_path"_s, u"v1/demo/upload"_s}, {u"method"_s, u"POST"_s}, {u"multipart"_s, multipart}});
    QVERIFY(!messages.isEmpty());
    QCOMPARE(messages.last().value(u"status"_s).toString(), u"error"_s);
    QVERIFY2(QJsonDocument(messages.last()).toJson().contains("not valid base64"),
             QJsonDocument(messages.last()).toJson().constData());
}

QTEST_MAIN(TestProxyUpload)
#include "tst_proxyupload.moc"
