#include "config/settings.h"

#include <QFile>
#include <QRegularExpression>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestSettings final : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void defaultsWhenEmpty();
    void roundTripEveryField();
    void defaultsAreNotWritten();
    void durationsAreStoredAsMilliseconds();
    void limitsAreStoredInSeconds();
    void limitsMustBePositive_data();
    void limitsMustBePositive();
    void modelAllowlistRoundTrip_data();
    void modelAllowlistRoundTrip();
    void emptyAllowlistValueMeansNoModels();
    void unreadableValuesFallBackToDefaults();

    void saveNeverWritesAToken();
    void forbiddenKeys_data();
    void forbiddenKeys();
    void removeLegacyToken_data();
    void removeLegacyToken();
    void removeLegacyTokenWithoutOne();

private:
    QByteArray fileBytes() const;
    void writeFile(const QByteArray &contents) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

namespace {

// Every field differs from its default, so a key that is not saved or not loaded shows up.
SellerConfig everyFieldChanged()
{
    SellerConfig config;
    config.baseUrl = QUrl(u"wss://broker.example:8443/proxy/aisbf"_s);
    config.scope = BrokerScope::User;
    config.username = u"alice"_s;
    config.providerId = u"alice-gpu"_s;
    config.clientId = u"workstation-01"_s;
    config.localUrl = QUrl(u"https://gpu-box:8443/openai"_s);
    config.tokenInUrl = true;
    config.caFile = u"/etc/ssl/private-ca.pem"_s;
    config.maxConcurrent = 12;
    config.maxQueued = 3;
    config.maxOutgoingMessageBytes = 32LL * 1024 * 1024;
    config.maxIncomingMessageBytes = 5LL * 1024 * 1024 * 1024; // beyond 32 bits on purpose
    config.modelAllowlist = QStringList{u"llama-3-8b"_s, u"qwen2.5-coder"_s};
    config.heartbeatInterval = std::chrono::milliseconds(1500);
    config.connectTimeout = std::chrono::seconds(7);
    config.registerTimeout = std::chrono::seconds(9);
    config.pingInterval = std::chrono::seconds(11);
    config.peerTimeout = std::chrono::seconds(33);
    config.drainTimeout = std::chrono::milliseconds(250);
    config.firstRetryDelay = std::chrono::milliseconds(10);
    config.maxRetryDelay = std::chrono::seconds(90);
    config.stableOnlineReset = std::chrono::seconds(120);
    config.rejectedRetryDelay = std::chrono::minutes(3);
    config.maxRejectedRetryDelay = std::chrono::minutes(30);
    config.chatDeadline = std::chrono::minutes(45);
    config.chatInactivityTimeout = std::chrono::seconds(90);
    config.proxyDeadline = std::chrono::milliseconds(300);
    config.proxyStreamDeadline = std::chrono::hours(2);
    config.proxyInactivityTimeout = std::chrono::milliseconds(1500);
    config.metricsListen = u"0.0.0.0:9464"_s;
    config.prices.currency = u"USD"_s;
    config.prices.perMillionTokens = 200'000;
    config.prices.perThousandRequests = 1'500'000;
    config.prices.showInModelList = true;
    config.prices.models = {{u"org/model:7b"_s, 1'000'000, std::nullopt, u"A small model"_s}};
    return config;
}

} // namespace

void TestSettings::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"coderai-seller.ini"_s);
}

QByteArray TestSettings::fileBytes() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestSettings::writeFile(const QByteArray &contents) const
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

void TestSettings::defaultsWhenEmpty()
{
    const auto settings = Settings::openFile(m_path);
    QCOMPARE(settings->fileName(), m_path);

    SellerConfig expected;
    expected.clientId = SellerConfig::defaultClientId();
    const SellerConfig loaded = settings->load();
    QCOMPARE(loaded.baseUrl, expected.baseUrl);
    QCOMPARE(loaded.clientId, expected.clientId);
    QVERIFY(loaded == expected);
}

void TestSettings::roundTripEveryField()
{
    const SellerConfig saved = everyFieldChanged();
    QVERIFY(Settings::openFile(m_path)->save(saved));

    // a fresh instance, so nothing can come from QSettings' in-memory cache of this object
    const SellerConfig loaded = Settings::openFile(m_path)->load();
    QCOMPARE(loaded.baseUrl, saved.baseUrl);
    QCOMPARE(loaded.scope, saved.scope);
    QCOMPARE(loaded.username, saved.username);
    QCOMPARE(loaded.providerId, saved.providerId);
    QCOMPARE(loaded.clientId, saved.clientId);
    QCOMPARE(loaded.localUrl, saved.localUrl);
    QCOMPARE(loaded.tokenInUrl, saved.tokenInUrl);
    QCOMPARE(loaded.caFile, saved.caFile);
    QCOMPARE(loaded.maxConcurrent, saved.maxConcurrent);
    QCOMPARE(loaded.maxQueued, saved.maxQueued);
    QCOMPARE(loaded.maxOutgoingMessageBytes, saved.maxOutgoingMessageBytes);
    QCOMPARE(loaded.maxIncomingMessageBytes, saved.maxIncomingMessageBytes);
    QCOMPARE(loaded.modelAllowlist, saved.modelAllowlist);
    QCOMPARE(loaded.heartbeatInterval.count(), saved.heartbeatInterval.count());
    QCOMPARE(loaded.rejectedRetryDelay.count(), saved.rejectedRetryDelay.count());
    QCOMPARE(loaded.chatDeadline.count(), saved.chatDeadline.count());
    QCOMPARE(loaded.chatInactivityTimeout.count(), saved.chatInactivityTimeout.count());
    QCOMPARE(loaded.proxyDeadline.count(), saved.proxyDeadline.count());
    QCOMPARE(loaded.proxyStreamDeadline.count(), saved.proxyStreamDeadline.count());
    QCOMPARE(loaded.proxyInactivityTimeout.count(), saved.proxyInactivityTimeout.count());
    // the whole struct, so a field added later without a settings key fails here
    QVERIFY(loaded == saved);
}

void TestSettings::defaultsAreNotWritten()
{
    SellerConfig config;
    config.clientId = u"workstation-01"_s;
    QVERIFY(Settings::openFile(m_path)->save(config));

    QSettings raw(m_path, QSettings::IniFormat);
    QCOMPARE(raw.allKeys(), QStringList{u"broker/client_id"_s});

    // a value set back to its default disappears, so a future default reaches the seller
    config.maxConcurrent = 9;
    QVERIFY(Settings::openFile(m_path)->save(config));
    QVERIFY(fileBytes().contains("max_concurrent=9"));
    config.maxConcurrent = SellerConfig().maxConcurrent;
    QVERIFY(Settings::openFile(m_path)->save(config));
    QVERIFY(!fileBytes().contains("max_concurrent"));
}

void TestSettings::durationsAreStoredAsMilliseconds()
{
    SellerConfig config;
    config.heartbeatInterval = std::chrono::milliseconds(1234);
    config.drainTimeout = std::chrono::minutes(2);
    QVERIFY(Settings::openFile(m_path)->save(config));

    const QByteArray bytes = fileBytes();
    QVERIFY2(bytes.contains("heartbeat_interval_ms=1234\n"), bytes.constData());
    QVERIFY2(bytes.contains("drain_timeout_ms=120000\n"), bytes.constData());
}

void TestSettings::limitsAreStoredInSeconds()
{
    QVERIFY(Settings::openFile(m_path)->save(everyFieldChanged()));

    // Keys and units as README.md documents them; a fraction where the value is not whole.
    const QByteArray bytes = fileBytes();
    for (const char *line : {"chat_deadline_s=2700\n", "chat_inactivity_s=90\n", "proxy_deadline_s=0.3\n",
                             "proxy_stream_deadline_s=7200\n", "proxy_inactivity_s=1.5\n"})
        QVERIFY2(bytes.contains(line), bytes.constData());
    QVERIFY(bytes.contains("[limits]"));
}

void TestSettings::limitsMustBePositive_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<qint64>("expectedMs"); // -1: unreadable, the default applies

    QTest::newRow("whole") << "12"_ba << qint64(12000);
    QTest::newRow("padded") << " 12 "_ba << qint64(12000);
    QTest::newRow("fraction") << "0.25"_ba << qint64(250);
    QTest::newRow("zero") << "0"_ba << qint64(-1);
    QTest::newRow("negative") << "-5"_ba << qint64(-1);
    QTest::newRow("under a millisecond") << "0.0001"_ba << qint64(-1);
    QTest::newRow("not a number") << "soon"_ba << qint64(-1);
    QTest::newRow("nan") << "nan"_ba << qint64(-1);
    QTest::newRow("infinite") << "inf"_ba << qint64(-1);
    QTest::newRow("beyond any clock") << "1e30"_ba << qint64(-1);
}

void TestSettings::limitsMustBePositive()
{
    QFETCH(QByteArray, value);
    QFETCH(qint64, expectedMs);
    writeFile("[limits]\nproxy_inactivity_s=" + value + "\n");
    if (expectedMs < 0)
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"unreadable setting \"limits/proxy_inactivity_s\""_s));
    const SellerConfig loaded = Settings::openFile(m_path)->load();
    const qint64 expected = expectedMs < 0 ? SellerConfig().proxyInactivityTimeout.count() : expectedMs;
    QCOMPARE(qint64(loaded.proxyInactivityTimeout.count()), expected);
}

void TestSettings::modelAllowlistRoundTrip_data()
{
    QTest::addColumn<QStringList>("models");
    QTest::newRow("empty") << QStringList{};
    // QSettings writes a one-element list as a plain string
    QTest::newRow("one") << QStringList{u"llama-3-8b"_s};
    QTest::newRow("three") << QStringList{u"a"_s, u"b"_s, u"c"_s};
    QTest::newRow("with comma and space") << QStringList{u"org/model, v2"_s, u" padded "_s};
}

void TestSettings::modelAllowlistRoundTrip()
{
    QFETCH(QStringList, models);
    SellerConfig config;
    config.modelAllowlist = models;
    QVERIFY(Settings::openFile(m_path)->save(config));
    QCOMPARE(Settings::openFile(m_path)->load().modelAllowlist, models);
}

void TestSettings::emptyAllowlistValueMeansNoModels()
{
    // a hand-edited "model_allowlist=" must not become a list holding one empty model name
    writeFile("[local]\nmodel_allowlist=\n");
    QCOMPARE(Settings::openFile(m_path)->load().modelAllowlist, QStringList{});
}

void TestSettings::unreadableValuesFallBackToDefaults()
{
    writeFile("[broker]\nscope=team\nusername=alice\ntoken_in_url=maybe\n"
              "[limits]\nmax_concurrent=lots\n[timing]\nheartbeat_interval_ms=soon\n"
              "ping_interval_ms=5000\n");

    for (const char *key :
         {"broker/scope", "broker/token_in_url", "limits/max_concurrent", "timing/heartbeat_interval_ms"}) {
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(u"unreadable setting \"%1\""_s.arg(QLatin1StringView(key))));
    }
    const SellerConfig defaults;
    const SellerConfig loaded = Settings::openFile(m_path)->load();
    QCOMPARE(loaded.scope, defaults.scope);
    QCOMPARE(loaded.tokenInUrl, defaults.tokenInUrl);
    QCOMPARE(loaded.maxConcurrent, defaults.maxConcurrent);
    QCOMPARE(loaded.heartbeatInterval.count(), defaults.heartbeatInterval.count());
    // readable neighbours are still taken
    QCOMPARE(loaded.username, u"alice"_s);
    QCOMPARE(loaded.pingInterval.count(), 5000);
}

void TestSettings::saveNeverWritesAToken()
{
    QVERIFY(Settings::openFile(m_path)->save(everyFieldChanged()));

    QSettings raw(m_path, QSettings::IniFormat);
    const QStringList keys = raw.allKeys();
    QVERIFY(!keys.isEmpty());
    for (const QString &key : keys)
        QVERIFY2(!Settings::isForbiddenKey(key), qPrintable(key));
    QVERIFY(!fileBytes().contains("registration_token"));
}

void TestSettings::forbiddenKeys_data()
{
    QTest::addColumn<QString>("key");
    QTest::addColumn<bool>("forbidden");

    QTest::newRow("legacy token") << u"broker/registration_token"_s << true;
    QTest::newRow("top-level token") << u"registration_token"_s << true;
    QTest::newRow("dashes and case") << u"Broker/Registration-Token"_s << true;
    QTest::newRow("plain token") << u"token"_s << true;
    QTest::newRow("local api key") << u"local/api_key"_s << true;
    QTest::newRow("password") << u"proxy/password"_s << true;
    QTest::newRow("token in url switch") << u"broker/token_in_url"_s << false;
    QTest::newRow("base url") << u"broker/base_url"_s << false;
    QTest::newRow("token as a group") << u"token/expiry"_s << false;
}

void TestSettings::forbiddenKeys()
{
    QFETCH(QString, key);
    QFETCH(bool, forbidden);
    QCOMPARE(Settings::isForbiddenKey(key), forbidden);
}

void TestSettings::removeLegacyToken_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::newRow("broker group") << QByteArray("[broker]\nbase_url=https://aisbf.example\n"
                                                "registration_token=legacy-s3cr3t-value\nusername=global\n");
    QTest::newRow("general section") << QByteArray("[General]\nregistration_token=legacy-s3cr3t-value\n"
                                                   "[broker]\nbase_url=https://aisbf.example\n");
}

void TestSettings::removeLegacyToken()
{
    QFETCH(QByteArray, contents);
    writeFile(contents);
    QVERIFY(fileBytes().contains("legacy-s3cr3t-value"));

    {
        const auto settings = Settings::openFile(m_path);
        QCOMPARE(settings->legacyToken(), u"legacy-s3cr3t-value"_s); // peeking changes nothing
        QVERIFY(fileBytes().contains("legacy-s3cr3t-value"));

        QCOMPARE(settings->removeLegacyToken(), u"legacy-s3cr3t-value"_s);
        const QByteArray after = fileBytes();
        QVERIFY2(!after.contains("legacy-s3cr3t-value"), after.constData());
        QVERIFY(!after.contains("registration_token"));

        QCOMPARE(settings->removeLegacyToken(), QString()); // gone for good
        QCOMPARE(settings->load().baseUrl, QUrl(u"https://aisbf.example"_s));
    }
    // and it stays gone for the next process
    const auto reopened = Settings::openFile(m_path);
    QCOMPARE(reopened->legacyToken(), QString());
    QCOMPARE(reopened->load().baseUrl, QUrl(u"https://aisbf.example"_s));
}

void TestSettings::removeLegacyTokenWithoutOne()
{
    QVERIFY(Settings::openFile(m_path)->save(everyFieldChanged()));
    const QByteArray before = fileBytes();

    const auto settings = Settings::openFile(m_path);
    QCOMPARE(settings->removeLegacyToken(), QString());
    QCOMPARE(fileBytes(), before);
}

QTEST_GUILESS_MAIN(TestSettings)
#include "tst_settings.moc"
