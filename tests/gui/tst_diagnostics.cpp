#include "aboutdialog.h"
#include "diagnostics.h"
#include "redact.h"
#include "sellerservice.h"

#include <QApplication>
#include <QClipboard>
#include <QLabel>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

constexpr auto kToken = "TOKEN-9c1e-registration"_L1;
constexpr auto kApiKey = "APIKEY-5d27-local"_L1;

// A configuration with its secrets where a careless report would print them: the token in the
// broker URL's query and user info, the local server's API key in its URL.
SellerConfig leakyConfig()
{
    SellerConfig config;
    config.baseUrl = QUrl(u"https://seller:%1@aisbf.example/prefix?registration_token=%1&provider_id=p"_s.arg(kToken));
    config.localUrl = QUrl(u"http://key:%1@127.0.0.1:8080/v1?api_key=%1"_s.arg(kApiKey));
    config.scope = BrokerScope::User;
    config.username = u"alice"_s;
    config.providerId = u"coderai-local"_s;
    config.clientId = u"workstation-01"_s;
    config.tokenInUrl = true;
    return config;
}

void verifyNoSecret(const QString &text)
{
    // No message on failure: it would print the secret.
    QVERIFY(!text.contains(u"9c1e"_s));
    QVERIFY(!text.contains(u"5d27"_s));
    QVERIFY(!text.contains(u"registration_token="_s));
    QVERIFY(!text.contains(u"api_key="_s));
}

} // namespace

class TestDiagnostics final : public QObject
{
    Q_OBJECT

private slots:
    void cleanup();
    void reportsVersionAndSystem();
    void neverHoldsTokenOrApiKey();
    void scrubsRegisteredSecretsAnywhere();
    void reportsSessionFailureAndRecentProblems();
    void gathersFromARunningService();
    void copiesToClipboard();
    void aboutShowsVersionAndLinks();
};

void TestDiagnostics::cleanup()
{
    redact::clearSecrets();
}

void TestDiagnostics::reportsVersionAndSystem()
{
    const QString text = Diagnostics::collect(DiagnosticsInput{});
    QVERIFY(text.startsWith(u"# CoderAI Seller diagnostics\n"_s));
    QVERIFY(text.contains(u"Version: %1\n"_s.arg(QStringLiteral(CODERAI_VERSION))));
    QVERIFY(text.contains(u"Qt: %1"_s.arg(QString::fromLatin1(qVersion()))));
    QVERIFY(text.contains(u"OS: "_s));
    QVERIFY(text.contains(u"No session is running."_s));
    QVERIFY(text.contains(u"## Hardware"_s));
}

void TestDiagnostics::neverHoldsTokenOrApiKey()
{
    DiagnosticsInput input;
    input.config = leakyConfig();
    input.tokenSet = true;
    const QString text = Diagnostics::collect(input);
    verifyNoSecret(text);
    // What helps a bug report is still there.
    QVERIFY(text.contains(u"Broker: https://aisbf.example/prefix\n"_s));
    QVERIFY(text.contains(u"Local server: http://127.0.0.1:8080/v1\n"_s));
    QVERIFY(text.contains(u"Registration token: set\n"_s));
    QVERIFY(text.contains(u"Scope: user\n"_s));
    QVERIFY(text.contains(u"Client id: workstation-01\n"_s));
}

void TestDiagnostics::scrubsRegisteredSecretsAnywhere()
{
    redact::registerSecret(kToken);
    DiagnosticsInput input;
    input.lastFailure = SessionFailure::untranslated(SessionFailure::Kind::Rejected, u"refused %1"_s.arg(kToken));
    input.hardware.diagnostics << u"probe saw %1"_s.arg(kToken);
    input.config.caFile = u"/home/alice/%1.pem"_s.arg(kToken);
    const QString text = Diagnostics::collect(input);
    verifyNoSecret(text);
    QVERIFY(text.contains(u"refused ***"_s));
}

void TestDiagnostics::reportsSessionFailureAndRecentProblems()
{
    LogBuffer logs;
    logs.append(QtInfoMsg, u"coderai.broker"_s, u"connecting"_s);
    logs.append(QtWarningMsg, u"coderai.local"_s, u"local server not answering"_s);
    logs.append(QtCriticalMsg, u"coderai.broker"_s, u"handshake refused (HTTP 403)"_s);

    DiagnosticsInput input = Diagnostics::gather(nullptr, &logs, false, false);
    input.state = SessionState::Rejected;
    SessionFailure failure = SessionFailure::untranslated(SessionFailure::Kind::Rejected, u"Rejected by AISBF"_s);
    failure.httpStatus = 403;
    input.lastFailure = failure;
    const QString text = Diagnostics::collect(input);
    QVERIFY(text.contains(u"State: Rejected\n"_s));
    QVERIFY(text.contains(u"Last failure: Rejected, HTTP 403: Rejected by AISBF\n"_s));
    QVERIFY(text.contains(u"warning coderai.local: local server not answering\n"_s));
    QVERIFY(text.contains(u"error coderai.broker: handshake refused (HTTP 403)\n"_s));
    QVERIFY(!text.contains(u"connecting"_s));
    QVERIFY(text.contains(u"Registration token: not set\n"_s));
}

void TestDiagnostics::gathersFromARunningService()
{
    SellerService service(leakyConfig(), kToken, kApiKey);
    HardwareSnapshot hardware;
    hardware.hostname = u"rig"_s;
    hardware.platform = u"linux"_s;
    GpuInfo gpu;
    gpu.name = u"NVIDIA GeForce RTX 4090"_s;
    gpu.vendor = u"nvidia"_s;
    gpu.driverVersion = u"550.54"_s;
    gpu.totalVramMb = 24564;
    hardware.gpus << gpu;
    service.setHardware(hardware);

    const QString text = Diagnostics::collect(Diagnostics::gather(&service, nullptr, true, true));
    verifyNoSecret(text);
    QVERIFY(text.contains(u"State: "_s));
    QVERIFY(text.contains(u"Demo: yes\n"_s));
    QVERIFY(text.contains(u"GPU 0: NVIDIA GeForce RTX 4090, vendor nvidia, driver 550.54"_s));
}

void TestDiagnostics::copiesToClipboard()
{
    DiagnosticsInput input;
    input.config = leakyConfig();
    const QString text = Diagnostics::copyToClipboard(input);
    QCOMPARE(QApplication::clipboard()->text(), text);
    verifyNoSecret(QApplication::clipboard()->text());
}

void TestDiagnostics::aboutShowsVersionAndLinks()
{
    AboutDialog about;
    const QLabel *version = about.findChild<QLabel *>(u"versionLabel"_s);
    QVERIFY(version);
    QVERIFY(version->text().contains(QStringLiteral(CODERAI_VERSION)));
    // The licence in the LICENSE file at the top of the repository.
    QVERIFY(about.findChild<QLabel *>(u"licenceLabel"_s)->text().contains(u"GPL-3.0-or-later"_s));
    const QString links = about.linksLabel()->text();
    QVERIFY(links.contains(AboutDialog::aisbfUrl().toString()));
    QVERIFY(links.contains(u"https://www.gnu.org/licenses/gpl-3.0.html"_s));
    // A build tree finds the source's README.
    QVERIFY(!AboutDialog::readmeUrl().isEmpty());
    QVERIFY(links.contains(AboutDialog::readmeUrl().toString(QUrl::FullyEncoded)));
    QVERIFY(about.linksLabel()->openExternalLinks());
}

QTEST_MAIN(TestDiagnostics)
#include "tst_diagnostics.moc"
