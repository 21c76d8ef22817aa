// Wiring only: parse the command line, resolve the configuration, start a front end.
#include "commandline.h"
#include "config/instanceguard.h"
#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "headlessrunner.h"
#include "launchconfig.h"
#include "logging.h"
#include "redact.h"
#include "unixsignals.h"

#include <QCoreApplication>
#include <QRandomGenerator>

#include <cstdio>

using namespace coderai;

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

QString randomToken()
{
    QByteArray bytes(24, Qt::Uninitialized);
    QRandomGenerator::system()->fillRange(reinterpret_cast<quint32 *>(bytes.data()), bytes.size() / 4);
    return QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setOrganizationName(QStringLiteral("CoderAI"));
    QCoreApplication::setApplicationName(QStringLiteral("coderai-seller"));
    QCoreApplication::setApplicationVersion(QStringLiteral(CODERAI_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{if-warning}warning %{endif}"
                                      "%{if-critical}error %{endif}%{category}: %{message}"));
    redact::installScrubbingMessageHandler();

    const CommandLine commandLine = parseCommandLine(QCoreApplication::arguments());
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
    if (!commandLine.headless)
        qCInfo(lcApp) << "this build has no desktop front end yet: running headless";

    HeadlessRunner::Demo demoServers;
    LaunchConfig launch;
    if (commandLine.demo) {
        demo::DemoBrokerOptions options;
        options.token = randomToken();
        demoServers.broker = std::make_unique<demo::DemoBroker>(options);
        demoServers.modelServer = std::make_unique<demo::DemoModelServer>();
        if (!demoServers.broker->listen() || !demoServers.modelServer->listen()) {
            qCCritical(lcApp) << "the demo servers could not listen on 127.0.0.1";
            return kExitDemoFailed;
        }
        qCInfo(lcApp).noquote() << "demo broker on" << demoServers.broker->baseUrl().toString() << "and demo model server on"
                                << demoServers.modelServer->baseUrl().toString();
        launch = demoLaunchConfig(demoServers.broker->baseUrl(), options.token, commandLine);
        launch.config.localUrl = demoServers.modelServer->baseUrl();
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
    HeadlessRunner runner(launch.config, launch.token, localApiKey, std::move(demoServers));
    UnixSignals unixSignals;
    QObject::connect(&unixSignals, &UnixSignals::terminationRequested, &runner, [&runner](int number) {
        qCInfo(lcApp) << "signal" << number << "received";
        runner.stop();
    });
    QObject::connect(&runner, &HeadlessRunner::finished, &app, [](int code) { QCoreApplication::exit(code); });
    runner.start();
    return QCoreApplication::exec();
}
