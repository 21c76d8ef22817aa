#include "diagnostics.h"

#include "hardware/hardwaretable.h"
#include "logging.h"
#include "redact.h"
#include "sellerservice.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLocale>
#include <QMetaEnum>
#include <QSysInfo>
#include <QSystemTrayIcon>

namespace coderai {
namespace {

QString yesNo(bool value)
{
    return value ? QStringLiteral("yes") : QStringLiteral("no");
}

QString orNone(const QString &value)
{
    return value.isEmpty() ? QStringLiteral("(none)") : value;
}

class Report
{
public:
    void section(const QString &title)
    {
        if (!m_text.isEmpty())
            m_text += u'\n';
        m_text += QStringLiteral("## ") + title + u'\n';
    }
    void field(const QString &name, const QString &value) { m_text += name + QStringLiteral(": ") + value + u'\n'; }
    void line(const QString &text) { m_text += text + u'\n'; }
    const QString &text() const { return m_text; }

private:
    QString m_text;
};

void addSystem(Report &report, const DiagnosticsInput &input)
{
    report.line(QStringLiteral("# CoderAI Seller diagnostics"));
    report.field(QStringLiteral("Generated"), input.now.toString(Qt::ISODate));
    report.field(QStringLiteral("Version"), QStringLiteral(CODERAI_VERSION));
    report.field(QStringLiteral("Qt"), QStringLiteral("%1 (built with %2)").arg(QString::fromLatin1(qVersion()),
                                                                               QStringLiteral(QT_VERSION_STR)));
    report.field(QStringLiteral("OS"), QSysInfo::prettyProductName() + QStringLiteral(", kernel ")
                                           + QSysInfo::kernelVersion() + QStringLiteral(", ")
                                           + QSysInfo::currentCpuArchitecture());
    report.field(QStringLiteral("Desktop"), orNone(qEnvironmentVariable("XDG_CURRENT_DESKTOP")));
    report.field(QStringLiteral("Qt platform"), orNone(QGuiApplication::platformName()));
    report.field(QStringLiteral("System tray"), yesNo(QSystemTrayIcon::isSystemTrayAvailable()));
    report.field(QStringLiteral("Locale"), QLocale().name());
}

void addConfig(Report &report, const DiagnosticsInput &input)
{
    const SellerConfig &config = input.config;
    report.section(QStringLiteral("Configuration"));
    report.field(QStringLiteral("Demo"), yesNo(input.demo));
    report.field(QStringLiteral("Broker"), Diagnostics::bareUrl(config.baseUrl));
    report.field(QStringLiteral("Scope"), scopeToString(config.scope));
    report.field(QStringLiteral("Username"), orNone(config.username));
    report.field(QStringLiteral("Provider id"), orNone(config.providerId));
    report.field(QStringLiteral("Client id"), orNone(config.clientId));
    report.field(QStringLiteral("Registration token"), input.tokenSet ? QStringLiteral("set") : QStringLiteral("not set"));
    report.field(QStringLiteral("Token in URL"), yesNo(config.tokenInUrl));
    report.field(QStringLiteral("CA file"), orNone(config.caFile));
    report.field(QStringLiteral("Local server"), Diagnostics::bareUrl(config.localUrl));
    report.field(QStringLiteral("Concurrent / queued"),
                 QStringLiteral("%1 / %2").arg(config.maxConcurrent).arg(config.maxQueued));
    report.field(QStringLiteral("Model allowlist"),
                 config.modelAllowlist.isEmpty() ? QStringLiteral("(all models)") : config.modelAllowlist.join(u", "));
    report.field(QStringLiteral("Proxy prefixes"), orNone(config.proxyPrefixes.join(u", ")));
    report.field(QStringLiteral("Heartbeat / ping / peer timeout"),
                 durationText(config.heartbeatInterval) + QStringLiteral(" / ") + durationText(config.pingInterval)
                     + QStringLiteral(" / ") + durationText(config.peerTimeout));
    report.field(QStringLiteral("Chat deadline / inactivity"),
                 durationText(config.chatDeadline) + QStringLiteral(" / ") + durationText(config.chatInactivityTimeout));
}

void addSession(Report &report, const DiagnosticsInput &input)
{
    report.section(QStringLiteral("Session"));
    if (!input.state) {
        report.line(QStringLiteral("No session is running."));
    } else {
        report.field(QStringLiteral("State"), sessionStateName(*input.state));
        report.field(QStringLiteral("In flight"), QString::number(input.inFlight));
        if (!input.session.sessionId.isEmpty())
            report.field(QStringLiteral("Session id"), input.session.sessionId);
        if (input.session.onlineSince.isValid())
            report.field(QStringLiteral("Online since"), input.session.onlineSince.toString(Qt::ISODate));
    }
    const SessionFailure &failure = input.lastFailure;
    if (failure.kind == SessionFailure::Kind::None) {
        report.field(QStringLiteral("Last failure"), QStringLiteral("(none)"));
        return;
    }
    QString text = QString::fromLatin1(QMetaEnum::fromType<SessionFailure::Kind>().valueToKey(int(failure.kind)));
    if (failure.httpStatus)
        text += QStringLiteral(", HTTP %1").arg(failure.httpStatus);
    if (failure.closeCode)
        text += QStringLiteral(", close code %1").arg(failure.closeCode);
    text += QStringLiteral(": ") + (failure.logMessage.isEmpty() ? failure.message : failure.logMessage);
    report.field(QStringLiteral("Last failure"), text);
}

void addProblems(Report &report, const DiagnosticsInput &input)
{
    report.section(QStringLiteral("Last warnings and errors"));
    if (input.recentProblems.isEmpty())
        report.line(QStringLiteral("(none)"));
    for (const LogLine &line : input.recentProblems)
        report.line(line.toText());
}

void addHardware(Report &report, const DiagnosticsInput &input)
{
    report.section(QStringLiteral("Hardware"));
    report.line(HardwareTable::format(input.hardware).trimmed());
    for (const GpuInfo &gpu : input.hardware.gpus) {
        report.line(QStringLiteral("GPU %1: %2, vendor %3, driver %4, PCI %5")
                        .arg(gpu.index)
                        .arg(gpu.name, orNone(gpu.vendor), orNone(gpu.driverVersion), orNone(gpu.pciBusId)));
    }
}

} // namespace

QString Diagnostics::bareUrl(const QUrl &url)
{
    if (url.isEmpty())
        return QStringLiteral("(none)");
    return url.adjusted(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment).toString();
}

DiagnosticsInput Diagnostics::gather(const SellerService *service, const LogBuffer *logs, bool demo, bool tokenSet)
{
    DiagnosticsInput input;
    input.demo = demo;
    input.tokenSet = tokenSet;
    if (service) {
        input.config = service->config();
        input.state = service->state();
        input.inFlight = service->inFlight();
        input.lastFailure = service->lastFailure();
        input.session = service->sessionInfo();
        input.hardware = service->hardware();
    }
    if (logs)
        input.recentProblems = logs->lastLines(kRecentProblems, LogLine::Level::Warning);
    return input;
}

QString Diagnostics::collect(const DiagnosticsInput &input)
{
    Report report;
    addSystem(report, input);
    addConfig(report, input);
    addSession(report, input);
    addProblems(report, input);
    addHardware(report, input);
    // Belt and braces: a registered secret that reached any field (a failure text, a probe's
    // diagnostic) is masked here too.
    return redact::scrub(report.text());
}

QString Diagnostics::copyToClipboard(const DiagnosticsInput &input)
{
    const QString text = collect(input);
    QGuiApplication::clipboard()->setText(text);
    return text;
}

} // namespace coderai
