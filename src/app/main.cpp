// Wiring only: parse the command line, pick a front end (console, inventory, desktop), run it.
#include "apptranslations.h"
#include "commandline.h"
#include "config/instanceguard.h"
#include "demo/demoenvironment.h"
#include "hardware/hardwaremonitor.h"
#include "hardware/hardwaretable.h"
#include "headlessrunner.h"
#include "launchconfig.h"
#include "ledger/ledgerpaths.h"
#include "ledgercommand.h"
#include "logbuffer.h"
#include "logging.h"
#include "ops/journal.h"
#include "redact.h"
#include "unixsignals.h"

#ifdef CODERAI_HAVE_GUI
#include "desktopapp.h"
#include "singleinstance.h"
#include "trayicons.h"

#include <QApplication>
#include <QMessageBox>
#endif

#include <QCoreApplication>
#include <QJsonDocument>
#include <QLoggingCategory>

#include <cstdio>

using namespace coderai;
using namespace std::chrono_literals;

namespace {

constexpr int kExitInvalidConfig = 2;
constexpr int kExitAlreadyRunning = 3;
constexpr int kExitDemoFailed = 4;

void printProblems(const QList<ConfigProblem> &problems)
{
    std::fprintf(stderr, "%s\n", qUtf8Printable(QCoreApplication::translate("main", "coderai-seller: invalid configuration:")));
    for (const ConfigProblem &problem : problems)
        std::fprintf(stderr, "  %s: %s\n", qUtf8Printable(problem.field), qUtf8Printable(redact::scrub(problem.message)));
}

void describeApplication()
{
    QCoreApplication::setOrganizationName(QStringLiteral("CoderAI"));
    QCoreApplication::setApplicationName(QStringLiteral("coderai-seller"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CODERAI_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                                      "%{if-critical}error %{endif}%{category}: %{message}"));
    // Under systemd the journal keeps the time and wants the priority as a "<N>" prefix instead.
    if (journal::stderrIsJournal())
        qSetMessagePattern(journal::messagePattern());
    redact::installScrubbingMessageHandler();
}

int listGpus(const CommandLine &commandLine)
{
    // The diagnostics are part of the table; the same lines on stderr would only repeat them.
    QLoggingCategory::setFilterRules(QStringLiteral("coderai.hardware.info=false"));
    HardwareMonitor monitor;
    QObject::connect(&monitor, &HardwareMonitor::refreshed, &monitor, [&monitor, &commandLine] {
        const QString text = commandLine.json
            ? QString::fromUtf8(QJsonDocument(monitor.snapshot().toJson()).toJson(QJsonDocument::Indented))
            : HardwareTable::format(monitor.snapshot());
        std::fputs(qUtf8Printable(text), stdout);
        QCoreApplication::exit(0);
    });
    monitor.refreshNow();
    return QCoreApplication::exec();
}

int runHeadless(const CommandLine &commandLine)
{
    std::unique_ptr<demo::DemoEnvironment> demo;
    LaunchConfig launch;
    if (commandLine.demo) {
        // Each demo run starts from an empty folder of its own (its ledger included).
        if (!ledgerpaths::resetDemoDataDir())
            qCWarning(lcApp).noquote() << "cannot prepare the demo's data folder" << ledgerpaths::demoDataDir();
        demo = std::make_unique<demo::DemoEnvironment>();
        QString error;
        if (!demo->start(&error)) {
            qCCritical(lcApp).noquote() << error;
            return kExitDemoFailed;
        }
        launch.config = demo->config();
        launch.token = demo->token();
        if (commandLine.overlay.maxConcurrent)
            launch.config.maxConcurrent = *commandLine.overlay.maxConcurrent;
        if (commandLine.overlay.metricsListen)
            launch.config.metricsListen = *commandLine.overlay.metricsListen;
        launch.problems = validate(launch.config);
    } else {
        launch = resolveLaunchConfig(commandLine);
    }
    redact::registerSecret(launch.token);
    if (!launch.problems.isEmpty()) {
        printProblems(launch.problems);
        return kExitInvalidConfig;
    }

    InstanceGuard guard(launch.config);
    if (!guard.tryAcquire()) {
        std::fprintf(stderr, "coderai-seller: %s\n", qUtf8Printable(guard.errorMessage()));
        return kExitAlreadyRunning;
    }

    // The local server's own API key, if it has one (llama.cpp --api-key, vLLM --api-key, …).
    const QString localApiKey = qEnvironmentVariable("CODERAI_LOCAL_API_KEY");
    HeadlessRunner runner(launch.config, launch.token, localApiKey, std::move(demo));
    if (!commandLine.noLedger)
        runner.openLedger(ledgerFileFor(commandLine));
    // The serving rules watch the desktop, logind and the network; the demo serves regardless,
    // and keeps no timed pause in anyone's settings file.
    if (!commandLine.demo)
        runner.followSystem(settingsFileFor(commandLine));
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &runner, [&runner](int number) {
        qCInfo(lcApp) << "signal" << number << "received";
        runner.stop();
    });
    QObject::connect(&runner, &HeadlessRunner::finished, &runner, [](int code) { QCoreApplication::exit(code); });
    runner.start();
    return QCoreApplication::exec();
}

#ifdef CODERAI_HAVE_GUI
int runDesktop(const CommandLine &commandLine)
{
    QApplication::setQuitOnLastWindowClosed(false); // the tray keeps serving with no window open
    QGuiApplication::setDesktopFileName(QStringLiteral("coderai-seller"));
    QApplication::setWindowIcon(TrayIcons::appIcon());

    // What the Logs window shows: the lines already scrubbed of secrets, from here on.
    LogBuffer logs;
    logs.captureScrubbedLines();

    // Before any tray icon or session exists: a second launch only wakes the first one up.
    SingleInstance instance(SingleInstance::nameFor(commandLine.settingsFile));
    switch (instance.claim(commandLine.demo ? SingleInstance::Request::StartDemo : SingleInstance::Request::ShowWindow)) {
    case SingleInstance::Role::Primary:
        break;
    case SingleInstance::Role::Secondary:
        qCInfo(lcApp) << "already running: the running app took the request";
        return 0;
    case SingleInstance::Role::Unreachable:
        QMessageBox::warning(nullptr, QCoreApplication::translate("main", "CoderAI Seller"),
                             QCoreApplication::translate("main", "CoderAI Seller is already running but does not "
                                                                 "answer. Quit it, or end its process, and try again."));
        return kExitAlreadyRunning;
    }

    DesktopApp::Options options;
    options.settingsFile = commandLine.settingsFile;
    options.demo = commandLine.demo;
    options.windowed = commandLine.windowed;
    options.logs = &logs;
    DesktopApp app(options);
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &app, &DesktopApp::quit);
    QObject::connect(&app, &DesktopApp::finished, &app, [](int code) { QCoreApplication::exit(code); });
    QObject::connect(&instance, &SingleInstance::requestReceived, &app, &DesktopApp::handleRequest);
    app.start();
    return QApplication::exec();
}
#endif

// Whether the command line asks for a console front end. Decided before any application object
// exists, because the desktop needs a QApplication and a server has no display for one.
bool wantsConsole(int argc, char *argv[])
{
    static const QStringList consoleOptions{QStringLiteral("headless"), QStringLiteral("list-gpus"),
                                            QStringLiteral("help"),     QStringLiteral("help-all"),
                                            QStringLiteral("h"),        QStringLiteral("version"),
                                            QStringLiteral("v"),        QStringLiteral("ledger")};
    for (int i = 1; i < argc; ++i) {
        QString argument = QString::fromLocal8Bit(argv[i]);
        while (argument.startsWith(QLatin1Char('-')))
            argument.remove(0, 1);
        if (consoleOptions.contains(argument))
            return true;
    }
    return false;
}

int run(const CommandLine &commandLine)
{
    if (commandLine.showHelp) {
        std::fputs(qUtf8Printable(commandLine.helpText), stdout);
        return 0;
    }
    if (commandLine.showVersion) {
        std::printf("coderai-seller %s\n", CODERAI_VERSION);
        return 0;
    }
    if (!commandLine.problems.isEmpty()) {
        printProblems(commandLine.problems);
        return kExitInvalidConfig;
    }
    if (commandLine.ledger.wanted)
        return runLedgerCommand(commandLine);
    if (commandLine.listGpus)
        return listGpus(commandLine);
#ifdef CODERAI_HAVE_GUI
    if (!commandLine.headless)
        return runDesktop(commandLine);
#endif
    return runHeadless(commandLine);
}

} // namespace

int main(int argc, char *argv[])
{
    // The application object comes first so translations are loaded before the command line is
    // parsed: --help and its errors speak the seller's language too.
    // A console seller runs on Qt's own poll() event loop, not GLib's: GLib writes its wake-up
    // descriptor for every posted event, which was four of the six write() calls a request cost
    // (docs/PERFORMANCE.md). The desktop keeps GLib, which the platform's dialogs and themes
    // expect. Set before the application object, which reads it; threads started later follow.
    const bool console = wantsConsole(argc, argv);
    if (console)
        qputenv("QT_NO_GLIB", "1");
#ifdef CODERAI_HAVE_GUI
    const std::unique_ptr<QCoreApplication> app = console
        ? std::make_unique<QCoreApplication>(argc, argv)
        : std::make_unique<QApplication>(argc, argv);
#else
    const auto app = std::make_unique<QCoreApplication>(argc, argv);
#endif
    describeApplication();
    installTranslations();
    return run(parseCommandLine(QCoreApplication::arguments()));
}
