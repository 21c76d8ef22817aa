// Runs the real coderai-seller binary in headless mode against the demo broker in this process.
#include "demo/demobroker.h"
#include "demo/demobrokercontrol.h"

#include <QFile>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <algorithm>

#include <csignal>

using namespace coderai::demo;
using namespace Qt::StringLiterals;

namespace {

const QString kToken = u"Sup3r+Secret/Token=="_s;

} // namespace

class TestHeadless final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void versionAndHelp();
    void invalidConfigurationExits2NamingTheField_data();
    void invalidConfigurationExits2NamingTheField();
    void tokenNeverAppearsInOutput_data();
    void tokenNeverAppearsInOutput();
    void secondInstanceForSameIdentityRefuses();
    void demoModeGoesOnline();
    void metricsFollowDemoTraffic();

private:
    QProcess *startSeller(const QStringList &arguments, const QString &token = kToken);
    QString writeTokenFile(const QString &token);
    static QString output(QProcess &process);

    std::unique_ptr<QTemporaryDir> m_home;
    QList<QProcess *> m_processes;
};

void TestHeadless::init()
{
    qDeleteAll(m_processes);
    m_processes.clear();
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

QProcess *TestHeadless::startSeller(const QStringList &arguments, const QString &token)
{
    auto *process = new QProcess(this);
    m_processes.append(process);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A private home: the binary must not read or write the developer's settings or lock files.
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_home->path());
    environment.insert(u"QT_LOGGING_RULES"_s, u"coderai.*.debug=true"_s); // as chatty as it gets
    environment.remove(u"CODERAI_SELLER_TOKEN"_s);
    if (!token.isEmpty())
        environment.insert(u"CODERAI_SELLER_TOKEN"_s, token);
    process->setProcessEnvironment(environment);
    process->setProgram(qEnvironmentVariable("CODERAI_SELLER_BINARY"));
    process->setArguments(arguments);
    process->start();
    return process;
}

QString TestHeadless::writeTokenFile(const QString &token)
{
    const QString path = m_home->filePath(u"token"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return {};
    file.write(token.toUtf8() + '\n');
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    return path;
}

QString TestHeadless::output(QProcess &process)
{
    return QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
}

void TestHeadless::versionAndHelp()
{
    QProcess *version = startSeller({u"--version"_s});
    QVERIFY(version->waitForFinished(10000));
    QCOMPARE(version->exitCode(), 0);
    QVERIFY(QString::fromUtf8(version->readAllStandardOutput()).startsWith(u"coderai-seller "_s));

    QProcess *help = startSeller({u"--help"_s});
    QVERIFY(help->waitForFinished(10000));
    QCOMPARE(help->exitCode(), 0);
    const QString text = output(*help);
    const QStringList options{u"--headless"_s, u"--config"_s, u"--base-url"_s, u"--scope"_s, u"--username"_s,
                              u"--provider-id"_s, u"--client-id"_s, u"--local-url"_s, u"--ca-file"_s,
                              u"--token-file"_s, u"--max-concurrent"_s, u"--metrics-listen"_s, u"--demo"_s};
    for (const QString &option : options)
        QVERIFY2(text.contains(option), qPrintable(option));

    // The man page names every option --help lists (issue 15: "every option").
    QFile manPage(QFINDTESTDATA("../../installer/coderai-seller.1"));
    QVERIFY(manPage.open(QIODevice::ReadOnly));
    const QString man = QString::fromUtf8(manPage.readAll());
    static const QRegularExpression longOption(u"^\\s+(?:-\\w, )?--([a-z][a-z-]*)"_s,
                                               QRegularExpression::MultilineOption);
    int listed = 0;
    for (auto match = longOption.globalMatch(text); match.hasNext(); ++listed) {
        const QString name = match.next().captured(1);
        QVERIFY2(man.contains(u"\\-\\-"_s + QString(name).replace(u'-', u"\\-"_s)),
                 qPrintable(u"--%1 is not in the man page"_s.arg(name)));
    }
    QVERIFY2(listed >= options.size(), qPrintable(text));
}

void TestHeadless::invalidConfigurationExits2NamingTheField_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("token");
    QTest::addColumn<QString>("field");

    const QStringList base{u"--headless"_s, u"--base-url"_s, u"https://aisbf.example"_s};
    QTest::newRow("base url scheme") << QStringList{u"--headless"_s, u"--base-url"_s, u"ftp://aisbf.example"_s}
                                     << kToken << u"base-url"_s;
    QTest::newRow("unknown scope") << base + QStringList{u"--scope"_s, u"team"_s} << kToken << u"scope"_s;
    QTest::newRow("user scope named global")
        << base + QStringList{u"--scope"_s, u"user"_s, u"--username"_s, u"global"_s} << kToken << u"username"_s;
    QTest::newRow("user scope without name")
        << base + QStringList{u"--scope"_s, u"user"_s, u"--username"_s, u""_s} << kToken << u"username"_s;
    QTest::newRow("empty provider") << base + QStringList{u"--provider-id"_s, u""_s} << kToken << u"provider-id"_s;
    QTest::newRow("client id with space") << base + QStringList{u"--client-id"_s, u"my box"_s} << kToken
                                          << u"client-id"_s;
    QTest::newRow("local url") << base + QStringList{u"--local-url"_s, u"file:///tmp"_s} << kToken << u"local-url"_s;
    QTest::newRow("max concurrent text") << base + QStringList{u"--max-concurrent"_s, u"many"_s} << kToken
                                         << u"max-concurrent"_s;
    QTest::newRow("max concurrent zero") << base + QStringList{u"--max-concurrent"_s, u"0"_s} << kToken
                                         << u"max-concurrent"_s;
    QTest::newRow("missing ca file") << base + QStringList{u"--ca-file"_s, u"/nonexistent/ca.pem"_s} << kToken
                                     << u"ca-file"_s;
    QTest::newRow("metrics address") << base + QStringList{u"--metrics-listen"_s, u"somewhere:port"_s} << kToken
                                     << u"metrics-listen"_s;
    QTest::newRow("no token") << base << QString() << u"token"_s;
    QTest::newRow("missing token file") << base + QStringList{u"--token-file"_s, u"/nonexistent/token"_s}
                                        << QString() << u"token-file"_s;
    QTest::newRow("unknown option") << base + QStringList{u"--frobnicate"_s} << kToken << u"frobnicate"_s;
}

void TestHeadless::invalidConfigurationExits2NamingTheField()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, token);
    QFETCH(QString, field);
    QProcess *seller = startSeller(arguments + QStringList{u"--settings"_s, m_home->filePath(u"s.ini"_s)}, token);
    QVERIFY(seller->waitForFinished(10000));
    QCOMPARE(seller->exitStatus(), QProcess::NormalExit);
    const QString text = output(*seller);
    QCOMPARE(seller->exitCode(), 2);
    QVERIFY2(text.contains(field), qPrintable(text));
    QVERIFY2(!text.contains(u"Sup3r"_s), qPrintable(text));
}

void TestHeadless::tokenNeverAppearsInOutput_data()
{
    QTest::addColumn<bool>("tokenInUrl");
    QTest::addColumn<bool>("viaFile");
    QTest::addColumn<bool>("rightToken");
    QTest::newRow("header, env") << false << false << true;
    QTest::newRow("url, file") << true << true << true;
    QTest::newRow("rejected token in url") << true << false << false;
}

void TestHeadless::tokenNeverAppearsInOutput()
{
    QFETCH(bool, tokenInUrl);
    QFETCH(bool, viaFile);
    QFETCH(bool, rightToken);
    DemoBrokerOptions options;
    options.token = rightToken ? kToken : u"another-token-entirely"_s;
    DemoBroker broker(options);
    DemoBrokerControl brokerControl(broker);
    QVERIFY(broker.listen());
    QSignalSpy registered(&broker, &DemoBroker::providerRegistered);
    QSignalSpy handshakes(&broker, &DemoBroker::handshakeSeen);

    QStringList arguments{u"--headless"_s, u"--settings"_s, m_home->filePath(u"s.ini"_s), u"--base-url"_s,
                          broker.baseUrl().toString(), u"--client-id"_s, u"ci-box"_s};
    if (tokenInUrl)
        arguments << u"--token-in-url"_s;
    if (viaFile)
        arguments << u"--token-file"_s << writeTokenFile(kToken);
    QProcess *seller = startSeller(arguments, viaFile ? QString() : kToken);

    QString logged; // what the seller wrote so far; the rest is read after it exits
    if (rightToken) {
        QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 15000);
        QSignalSpy messages(&broker, &DemoBroker::messageReceived);
        // Work that carries a (rotated) token, as AISBF may send, a server heartbeat, a broken
        // frame with the token in it, and a last request. Frames are handled in order, so the
        // answer to the last one proves the seller has dealt with everything before it.
        brokerControl.sendJson(QJsonObject{{u"v"_s, 1}, {u"op"_s, u"models.list"_s}, {u"request_id"_s, u"leak-1"_s},
                                           {u"registration_token"_s, QString(kToken + u"-rotated"_s)},
                                           {u"payload"_s, QJsonObject{}}});
        brokerControl.sendHeartbeat();
        brokerControl.sendRaw(u"{\"broken\": "_s + kToken);
        const QString last = broker.sendWork(u"models.list"_s);
        auto answered = [&messages](const QString &requestId) {
            return std::any_of(messages.cbegin(), messages.cend(),
                               [&requestId](const QList<QVariant> &message) {
                                   return message.at(0).toJsonObject().value(u"request_id").toString() == requestId;
                               });
        };
        QTRY_VERIFY_WITH_TIMEOUT(answered(u"leak-1"_s) && answered(last), 15000);
        // The seller's own word that it handled the rotated-token envelope.
        QTRY_VERIFY_WITH_TIMEOUT((logged += QString::fromUtf8(seller->readAllStandardError()))
                                     .contains(u"the registration token was rotated in AISBF: update it here"_s),
                                 15000);
    } else {
        QTRY_VERIFY_WITH_TIMEOUT(!handshakes.isEmpty(), 15000);
        // The seller's own word that it saw the refusal (and its retry delay).
        QTRY_VERIFY_WITH_TIMEOUT((logged += QString::fromUtf8(seller->readAllStandardError())).contains(u"Rejected - "_s),
                                 15000);
    }
    QCOMPARE(seller->state(), QProcess::Running);
    ::kill(static_cast<pid_t>(seller->processId()), SIGTERM);
    QVERIFY(seller->waitForFinished(15000));
    QCOMPARE(seller->exitStatus(), QProcess::NormalExit);
    QCOMPARE(seller->exitCode(), 0);

    const QString text = logged + output(*seller);
    QVERIFY2(!text.isEmpty(), "the seller logged nothing");
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(kToken));
    for (const QString &form : {kToken, encoded, u"Sup3r"_s}) {
        QVERIFY2(!text.contains(form), "the token leaked into the seller's output");
    }
    if (rightToken)
        QVERIFY2(text.contains(u"Online"_s), qPrintable(text));
    else
        QVERIFY2(text.contains(u"403"_s), qPrintable(text));
}

void TestHeadless::secondInstanceForSameIdentityRefuses()
{
    DemoBrokerOptions options;
    options.token = kToken;
    DemoBroker broker(options);
    QVERIFY(broker.listen());
    QSignalSpy registered(&broker, &DemoBroker::providerRegistered);
    const QStringList arguments{u"--headless"_s, u"--settings"_s, m_home->filePath(u"s.ini"_s), u"--base-url"_s,
                                broker.baseUrl().toString(), u"--client-id"_s, u"same-box"_s};
    QProcess *first = startSeller(arguments);
    QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 1, 15000);

    QProcess *second = startSeller(arguments);
    QVERIFY(second->waitForFinished(10000));
    QCOMPARE(second->exitCode(), 3);
    const QString text = output(*second);
    QVERIFY2(text.contains(u"same-box"_s) && text.contains(u"coderai-local"_s), qPrintable(text));
    QCOMPARE(registered.size(), 1); // the first session was never replaced
    QCOMPARE(first->state(), QProcess::Running);

    // Another machine id is another identity: it may run beside the first.
    QProcess *other = startSeller({u"--headless"_s, u"--settings"_s, m_home->filePath(u"s.ini"_s), u"--base-url"_s,
                                   broker.baseUrl().toString(), u"--client-id"_s, u"other-box"_s});
    QTRY_COMPARE_WITH_TIMEOUT(registered.size(), 2, 15000);
    for (QProcess *process : {first, other}) {
        ::kill(static_cast<pid_t>(process->processId()), SIGINT);
        QVERIFY(process->waitForFinished(15000));
        QCOMPARE(process->exitCode(), 0);
    }
}

void TestHeadless::demoModeGoesOnline()
{
    QProcess *seller = startSeller({u"--demo"_s, u"--headless"_s}, QString());
    QString text;
    QTRY_VERIFY_WITH_TIMEOUT((text += QString::fromUtf8(seller->readAllStandardError())).contains(u"-> Online"_s),
                             15000);
    ::kill(static_cast<pid_t>(seller->processId()), SIGINT);
    QVERIFY(seller->waitForFinished(15000));
    QCOMPARE(seller->exitCode(), 0);
    // The last summary line counts today from the ledger and, the demo having sample prices,
    // the estimated earnings in plain digits.
    text += QString::fromUtf8(seller->readAllStandardError());
    static const QRegularExpression summary(u"; today: \\d+ requests \\(\\d+ served\\), \\d+ tokens, estimated \\d+\\.\\d+ USD\n"_s);
    QVERIFY2(summary.match(text).hasMatch(), qPrintable(text.right(600)));
}

void TestHeadless::metricsFollowDemoTraffic()
{
    // Port 0: the seller picks a free one and says which in its log.
    QProcess *seller = startSeller({u"--demo"_s, u"--headless"_s, u"--metrics-listen"_s, u"127.0.0.1:0"_s}, QString());
    QString text;
    const QRegularExpression bound(u"metrics on 127\\.0\\.0\\.1:(\\d+)"_s);
    QTRY_VERIFY_WITH_TIMEOUT((text += QString::fromUtf8(seller->readAllStandardError())).contains(bound), 15000);
    const quint16 port = bound.match(text).captured(1).toUShort();
    QVERIFY(port != 0);

    // The demo broker sends work every two seconds: the chat counter must move between scrapes.
    const auto servedChats = [port]() -> double {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return -1;
        socket.write("GET /metrics HTTP/1.1\r\nHost: localhost\r\n\r\n");
        QByteArray reply;
        while (socket.waitForReadyRead(5000))
            reply += socket.readAll();
        double total = 0;
        for (const QByteArray &line : reply.split('\n')) {
            if (line.startsWith("coderai_seller_requests_total{op=\"chat.completions\"")
                && line.contains("outcome=\"served\""))
                total += line.mid(line.lastIndexOf(' ') + 1).toDouble();
        }
        return total;
    };
    double first = 0;
    QTRY_VERIFY_WITH_TIMEOUT((first = servedChats()) > 0, 20000);
    QTRY_VERIFY_WITH_TIMEOUT(servedChats() > first, 20000);
    ::kill(static_cast<pid_t>(seller->processId()), SIGINT);
    QVERIFY(seller->waitForFinished(15000));
    QCOMPARE(seller->exitCode(), 0);
}

QTEST_GUILESS_MAIN(TestHeadless)
#include "tst_headless.moc"
