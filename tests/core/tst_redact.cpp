#include "broker/brokerendpoint.h"
#include "redact.h"

#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestRedact final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void masksSecretQueryValues();
    void dropsUserInfo();
    void masksSecretHeaders_data();
    void masksSecretHeaders();
    void scrubsRegisteredSecretsInAnyEncoding();
    void ignoresTinySecrets();
    void endpointDisplayUrlNeverHoldsToken();
};

void TestRedact::cleanup()
{
    redact::clearSecrets();
}

void TestRedact::masksSecretQueryValues()
{
    const QUrl url(u"wss://aisbf.example/api/coderai/wss?provider_id=p&registration_token=abc%2Bdef&client_id=c"_s);
    const QString shown = redact::url(url);
    QVERIFY2(!shown.contains(u"abc"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"registration_token=***"_s));
    QVERIFY(shown.contains(u"provider_id=p"_s));
    QVERIFY(shown.contains(u"client_id=c"_s));
}

void TestRedact::dropsUserInfo()
{
    const QString shown = redact::url(QUrl(u"http://user:hunter22@127.0.0.1:8080/v1"_s));
    QVERIFY(!shown.contains(u"hunter22"_s));
    QVERIFY(!shown.contains(u"user"_s));
    QCOMPARE(shown, u"http://127.0.0.1:8080/v1"_s);
}

void TestRedact::masksSecretHeaders_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<bool>("secret");
    QTest::newRow("token") << QByteArray("x-coderai-registration-token") << true;
    QTest::newRow("authorization") << QByteArray("Authorization") << true;
    QTest::newRow("cookie") << QByteArray("Cookie") << true;
    QTest::newRow("api key") << QByteArray("X-Api-Key") << true;
    QTest::newRow("provider") << QByteArray("x-coderai-provider-id") << false;
    QTest::newRow("content type") << QByteArray("Content-Type") << false;
}

void TestRedact::masksSecretHeaders()
{
    QFETCH(QByteArray, name);
    QFETCH(bool, secret);
    const QString shown = redact::header(name, "value-1234");
    QCOMPARE(shown == QString(redact::kMask), secret);
    QCOMPARE(shown == u"value-1234"_s, !secret);
}

void TestRedact::scrubsRegisteredSecretsInAnyEncoding()
{
    const QString token = u"s3cr+t/tok=n with space"_s;
    redact::registerSecret(token);
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(token));
    const QString text = u"raw=%1 enc=%2"_s.arg(token, encoded);
    const QString clean = redact::scrub(text);
    QVERIFY2(!clean.contains(u"s3cr"_s), qPrintable(clean));
    QCOMPARE(clean, u"raw=*** enc=***"_s);
}

void TestRedact::ignoresTinySecrets()
{
    redact::registerSecret(u"ab"_s);
    QCOMPARE(redact::scrub(u"abba"_s), u"abba"_s);
}

void TestRedact::endpointDisplayUrlNeverHoldsToken()
{
    SellerConfig config;
    config.baseUrl = QUrl(u"https://aisbf.example/prefix"_s);
    config.clientId = u"w1"_s;
    config.tokenInUrl = true;
    const QString token = u"tok+en/with=chars"_s;
    BrokerEndpoint endpoint(config, token);
    QVERIFY(endpoint.url().toString(QUrl::FullyEncoded).contains(u"registration_token="_s));
    const QString shown = endpoint.displayUrl();
    QVERIFY2(!shown.contains(u"tok+en"_s) && !shown.contains(u"tok%2Ben"_s), qPrintable(shown));
    QVERIFY(shown.contains(u"registration_token=***"_s));
    QVERIFY(shown.startsWith(u"wss://aisbf.example/prefix/api/coderai/wss?"_s));
}

QTEST_GUILESS_MAIN(TestRedact)
#include "tst_redact.moc"
