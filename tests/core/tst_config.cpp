#include "config/sellerconfig.h"

#include <QRegularExpression>
#include <QSysInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(std::optional<coderai::BrokerScope>)

class TestConfig final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();

    void validate_data();
    void validate();
    void problemMessagesNameTheirField();

    void scopeFromString_data();
    void scopeFromString();
    void scopeRoundTrip();

    void overlayLaterLayerWins();
    void emptyOverlayChangesNothing();

    void defaultClientIdIsUrlSafe();
    void workDefaultsAreTheProtocols();

private:
    QTemporaryDir m_dir;
    QString m_caFile;
};

namespace {

// A configuration validate() accepts; each row changes one thing.
SellerConfig validConfig()
{
    SellerConfig config;
    config.clientId = u"workstation-01"_s;
    return config;
}

SellerConfig userScope(const QString &username)
{
    SellerConfig config = validConfig();
    config.scope = BrokerScope::User;
    config.username = username;
    return config;
}

} // namespace

void TestConfig::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_caFile = m_dir.filePath(u"ca.pem"_s);
    QFile file(m_caFile);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QVERIFY(file.write("-----BEGIN CERTIFICATE-----\n") > 0);
}

void TestConfig::validate_data()
{
    QTest::addColumn<SellerConfig>("config");
    QTest::addColumn<QStringList>("fields");

    const auto with = [](auto change) {
        SellerConfig config = validConfig();
        change(config);
        return config;
    };

    QTest::newRow("defaults with client id") << validConfig() << QStringList{};
    QTest::newRow("user scope") << userScope(u"alice"_s) << QStringList{};

    // base-url
    for (const auto &url : {"https://aisbf.cloud"_L1, "http://10.0.0.5:8000"_L1, "wss://broker.example/proxy/aisbf"_L1,
                            "ws://localhost:9000"_L1}) {
        QTest::addRow("base-url %s", url.data())
            << with([url](SellerConfig &c) { c.baseUrl = QUrl(url); }) << QStringList{};
    }
    for (const auto &url : {"ftp://aisbf.cloud"_L1, "https://"_L1, "aisbf.cloud"_L1, ""_L1, "file:///etc/passwd"_L1}) {
        QTest::addRow("bad base-url '%s'", url.data())
            << with([url](SellerConfig &c) { c.baseUrl = QUrl(url); }) << QStringList{u"base-url"_s};
    }

    // scope and username (PROTOCOL.md §2)
    QTest::newRow("global with a user name")
        << with([](SellerConfig &c) { c.username = u"alice"_s; }) << QStringList{u"username"_s};
    QTest::newRow("global with empty username")
        << with([](SellerConfig &c) { c.username.clear(); }) << QStringList{u"username"_s};
    QTest::newRow("user with empty username") << userScope(QString()) << QStringList{u"username"_s};
    QTest::newRow("user named global") << userScope(u"global"_s) << QStringList{u"username"_s};
    QTest::newRow("user with a leading space") << userScope(u" alice"_s) << QStringList{u"username"_s};
    QTest::newRow("user with a control character") << userScope(u"al\tice"_s) << QStringList{u"username"_s};
    QTest::newRow("user with an inner space is valid") << userScope(u"alice smith"_s) << QStringList{};

    // provider-id and client-id
    QTest::newRow("empty provider-id") << with([](SellerConfig &c) { c.providerId.clear(); })
                                       << QStringList{u"provider-id"_s};
    QTest::newRow("provider-id with space")
        << with([](SellerConfig &c) { c.providerId = u"coderai local"_s; }) << QStringList{u"provider-id"_s};
    QTest::newRow("provider-id with control character")
        << with([](SellerConfig &c) { c.providerId = u"coderai\u0001local"_s; }) << QStringList{u"provider-id"_s};
    QTest::newRow("empty client-id") << with([](SellerConfig &c) { c.clientId.clear(); })
                                     << QStringList{u"client-id"_s};
    QTest::newRow("client-id with newline")
        << with([](SellerConfig &c) { c.clientId = u"work\nstation"_s; }) << QStringList{u"client-id"_s};
    QTest::newRow("client-id with tab") << with([](SellerConfig &c) { c.clientId = u"work\tstation"_s; })
                                        << QStringList{u"client-id"_s};

    // local-url
    QTest::newRow("local-url https") << with([](SellerConfig &c) { c.localUrl = QUrl(u"https://gpu-box:8443/v1"_s); })
                                     << QStringList{};
    QTest::newRow("local-url ws") << with([](SellerConfig &c) { c.localUrl = QUrl(u"ws://127.0.0.1:8080"_s); })
                                  << QStringList{u"local-url"_s};
    QTest::newRow("local-url without host")
        << with([](SellerConfig &c) { c.localUrl = QUrl(u"http://"_s); }) << QStringList{u"local-url"_s};

    // max-concurrent
    for (int value : {1, 256}) {
        QTest::addRow("max-concurrent %d", value)
            << with([value](SellerConfig &c) { c.maxConcurrent = value; }) << QStringList{};
    }
    for (int value : {0, -1, 257}) {
        QTest::addRow("bad max-concurrent %d", value)
            << with([value](SellerConfig &c) { c.maxConcurrent = value; }) << QStringList{u"max-concurrent"_s};
    }

    // heartbeat-interval: short intervals are fine for tests, but not below 100 ms
    QTest::newRow("heartbeat 100 ms") << with([](SellerConfig &c) {
        c.heartbeatInterval = std::chrono::milliseconds(100);
    }) << QStringList{};
    QTest::newRow("heartbeat 99 ms") << with([](SellerConfig &c) {
        c.heartbeatInterval = std::chrono::milliseconds(99);
    }) << QStringList{u"heartbeat-interval"_s};
    QTest::newRow("heartbeat zero") << with([](SellerConfig &c) {
        c.heartbeatInterval = std::chrono::milliseconds::zero();
    }) << QStringList{u"heartbeat-interval"_s};

    // ca-file
    QTest::newRow("ca-file readable") << with([this](SellerConfig &c) { c.caFile = m_caFile; }) << QStringList{};
    QTest::newRow("ca-file missing") << with([this](SellerConfig &c) { c.caFile = m_dir.filePath(u"missing.pem"_s); })
                                     << QStringList{u"ca-file"_s};
    QTest::newRow("ca-file is a folder") << with([this](SellerConfig &c) { c.caFile = m_dir.path(); })
                                         << QStringList{u"ca-file"_s};

    // every problem is reported, in field order, not just the first one
    QTest::newRow("several problems") << with([](SellerConfig &c) {
        c.baseUrl = QUrl(u"ftp://x"_s);
        c.scope = BrokerScope::User;
        c.username = u"global"_s;
        c.clientId.clear();
        c.maxConcurrent = 0;
    }) << QStringList{u"base-url"_s, u"username"_s, u"client-id"_s, u"max-concurrent"_s};
}

void TestConfig::validate()
{
    QFETCH(SellerConfig, config);
    QFETCH(QStringList, fields);

    QStringList actual;
    for (const ConfigProblem &problem : coderai::validate(config))
        actual.append(problem.field);
    QCOMPARE(actual, fields);
}

void TestConfig::problemMessagesNameTheirField()
{
    SellerConfig config;
    config.baseUrl = QUrl(u"ftp://x"_s);
    config.username = u"alice"_s;
    config.providerId = u"a b"_s;
    config.localUrl = QUrl(u"ws://x"_s);
    config.maxConcurrent = 1000;
    config.heartbeatInterval = std::chrono::milliseconds(1);
    config.caFile = m_dir.filePath(u"missing.pem"_s);

    const QList<ConfigProblem> problems = coderai::validate(config);
    QCOMPARE(problems.size(), 8); // includes the empty client id
    for (const ConfigProblem &problem : problems) {
        QVERIFY2(problem.message.contains(problem.field), qPrintable(problem.message));
        QVERIFY(problem.message.endsWith(u'.'));
    }
    QVERIFY(problems.constLast().message.contains(u"does not exist"_s)); // ca-file, said plainly
}

void TestConfig::scopeFromString_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<std::optional<BrokerScope>>("expected");

    QTest::newRow("global") << u"global"_s << std::optional(BrokerScope::Global);
    QTest::newRow("GLOBAL") << u"GLOBAL"_s << std::optional(BrokerScope::Global);
    QTest::newRow("user") << u"user"_s << std::optional(BrokerScope::User);
    QTest::newRow("User") << u"User"_s << std::optional(BrokerScope::User);
    QTest::newRow("padded") << u" user\n"_s << std::optional(BrokerScope::User);
    QTest::newRow("empty") << QString() << std::optional<BrokerScope>();
    QTest::newRow("users") << u"users"_s << std::optional<BrokerScope>();
    QTest::newRow("team") << u"team"_s << std::optional<BrokerScope>();
}

void TestConfig::scopeFromString()
{
    QFETCH(QString, text);
    QFETCH(std::optional<BrokerScope>, expected);
    QVERIFY(coderai::scopeFromString(text) == expected);
}

void TestConfig::scopeRoundTrip()
{
    QCOMPARE(scopeToString(BrokerScope::Global), u"global"_s);
    QCOMPARE(scopeToString(BrokerScope::User), u"user"_s);
    for (BrokerScope scope : {BrokerScope::Global, BrokerScope::User})
        QVERIFY(coderai::scopeFromString(scopeToString(scope)) == scope);
}

void TestConfig::overlayLaterLayerWins()
{
    SellerConfigOverlay stored;
    stored.baseUrl = QUrl(u"https://stored.example"_s);
    stored.providerId = u"stored-provider"_s;
    stored.maxConcurrent = 2;

    SellerConfigOverlay imported;
    imported.providerId = u"imported-provider"_s;
    imported.scope = BrokerScope::User;
    imported.username = u"alice"_s;

    SellerConfigOverlay commandLine;
    commandLine.clientId = u"cli-client"_s;
    commandLine.maxConcurrent = 8;
    commandLine.heartbeatInterval = std::chrono::seconds(5);
    commandLine.tokenInUrl = true;

    SellerConfig config;
    stored.applyTo(config);
    imported.applyTo(config);
    commandLine.applyTo(config);

    QCOMPARE(config.baseUrl, QUrl(u"https://stored.example"_s)); // only the first layer set it
    QCOMPARE(config.providerId, u"imported-provider"_s); // second layer beat the first
    QCOMPARE(config.scope, BrokerScope::User);
    QCOMPARE(config.username, u"alice"_s);
    QCOMPARE(config.clientId, u"cli-client"_s);
    QCOMPARE(config.maxConcurrent, 8); // third layer beat the first
    QCOMPARE(config.heartbeatInterval, std::chrono::milliseconds(5000));
    QVERIFY(config.tokenInUrl);

    // fields no layer set keep their defaults
    const SellerConfig defaults;
    QCOMPARE(config.localUrl, defaults.localUrl);
    QCOMPARE(config.caFile, defaults.caFile);
    QCOMPARE(config.maxQueued, defaults.maxQueued);
    QCOMPARE(config.pingInterval, defaults.pingInterval);
}

void TestConfig::emptyOverlayChangesNothing()
{
    SellerConfig config = userScope(u"bob"_s);
    config.caFile = m_caFile;
    config.modelAllowlist = QStringList{u"llama"_s};
    const SellerConfig before = config;

    SellerConfigOverlay().applyTo(config);
    QVERIFY(config == before);

    SellerConfigOverlay sameClient;
    sameClient.clientId = config.clientId;
    sameClient.applyTo(config);
    QVERIFY(config == before);
}

void TestConfig::defaultClientIdIsUrlSafe()
{
    const QString id = SellerConfig::defaultClientId();
    QVERIFY(!id.isEmpty());
    static const QRegularExpression safe(u"^[a-z0-9._-]+$"_s);
    QVERIFY2(safe.match(id).hasMatch(), qPrintable(id));
    QCOMPARE(SellerConfig::defaultClientId(), id); // stable across calls

    const QString host = QSysInfo::machineHostName();
    if (host.isEmpty())
        QCOMPARE(id, u"seller"_s);
    else
        QCOMPARE(id.size(), host.size()); // one character in, one character out

    // the default must itself pass validation, or a fresh install could not start
    SellerConfig config;
    config.clientId = id;
    QVERIFY(coderai::validate(config).isEmpty());
}

void TestConfig::workDefaultsAreTheProtocols()
{
    // Literal values from PROTOCOL.md, not the struct's own initialisers: a changed default
    // fails here. (The session's timings are pinned in tst_brokersession.)
    const SellerConfig config;
    QCOMPARE(config.maxConcurrent, 4); // §8
    QCOMPARE(config.maxOutgoingMessageBytes, qint64(16'777'216)); // §9, uvicorn's frame limit
    QCOMPARE(config.maxIncomingMessageBytes, qint64(67'108'864)); // §9
    QCOMPARE(config.keepaliveInterval, std::chrono::milliseconds(30'000)); // §7
    QCOMPARE(config.proxyPrefixes, (QStringList{u"v1/"_s, u"coderai/"_s})); // §5
}

QTEST_GUILESS_MAIN(TestConfig)
#include "tst_config.moc"
