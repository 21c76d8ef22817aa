#include "processes.h"

#include "benchutil.h"
#include "demo/demomodelserver.h"

#include <QCoreApplication>
#include <QFileInfo>
#include <QProcess>
#include <QSocketNotifier>
#include <QTimer>

#include <cstdio>
#include <memory>

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace coderai::bench {

using namespace Qt::StringLiterals;

namespace {

constexpr auto kChildLifetime = std::chrono::hours(1);
constexpr auto kStartTimeout = std::chrono::seconds(15);

} // namespace

int intArgument(const QStringList &arguments, const QString &name, int fallback)
{
    const qsizetype at = arguments.indexOf(name);
    return at >= 0 && at + 1 < arguments.size() ? arguments.at(at + 1).toInt() : fallback;
}

QString sellerBinaryArgument(const QStringList &arguments, const char *benchName)
{
    const qsizetype at = arguments.indexOf(u"--seller"_s);
    const QString binary = at > 0 && at + 1 < arguments.size()
        ? arguments.at(at + 1)
        : QCoreApplication::applicationDirPath() + u"/coderai-seller"_s;
    if (QFileInfo(binary).isExecutable())
        return binary;
    std::fprintf(stderr, "%s: no seller binary at %s (use --seller PATH)\n", benchName, qUtf8Printable(binary));
    return {};
}

int serveModel(const QStringList &arguments)
{
    demo::DemoModelServerOptions options;
    options.tokenInterval = std::chrono::milliseconds(intArgument(arguments, u"--token-interval-ms"_s, 0));
    demo::DemoModelServer server(options);
    server.setRecording(false); // the request log would grow with every benchmark request
    if (!server.listen(QHostAddress::LocalHost, quint16(intArgument(arguments, u"--port"_s, 0)))) {
        std::fprintf(stderr, "bench model server: cannot listen\n");
        return 1;
    }
    std::printf("PORT %u\n", unsigned(server.port()));
    std::fflush(stdout);

    watchStdin(&server);
    QTimer::singleShot(kChildLifetime, qApp, &QCoreApplication::quit);
    return QCoreApplication::exec();
}

void watchStdin(QObject *context, std::function<void(const QByteArray &line)> onLine)
{
    auto *watch = new QSocketNotifier(STDIN_FILENO, QSocketNotifier::Read, context);
    auto pending = std::make_shared<QByteArray>();
    QObject::connect(watch, &QSocketNotifier::activated, watch, [watch, pending, onLine = std::move(onLine)] {
        char buffer[4096];
        const ssize_t got = ::read(STDIN_FILENO, buffer, sizeof buffer);
        if (got <= 0) {
            watch->setEnabled(false);
            QCoreApplication::quit();
            return;
        }
        pending->append(buffer, got);
        for (qsizetype end = pending->indexOf('\n'); end >= 0; end = pending->indexOf('\n')) {
            const QByteArray line = pending->first(end).trimmed();
            pending->remove(0, end + 1);
            if (onLine)
                onLine(line);
        }
    });
}

ChildProcess::ChildProcess()
    : m_process(std::make_unique<QProcess>())
{
    // If the bench dies without cleaning up (a crash, SIGKILL), its children go with it: a
    // headless seller would otherwise run on forever.
    m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

ChildProcess::~ChildProcess()
{
    stop(std::chrono::seconds(5));
}

bool ChildProcess::startModelServer(std::chrono::milliseconds tokenInterval, const QString &logFile)
{
    return startHelper({ u"--serve-model"_s, u"--token-interval-ms"_s, QString::number(tokenInterval.count()) },
                       logFile);
}

bool ChildProcess::startHelper(const QStringList &arguments, const QString &logFile)
{
    m_port = 0;
    m_process->setProgram(QCoreApplication::applicationFilePath());
    m_process->setArguments(arguments);
    m_process->setStandardErrorFile(logFile, QIODevice::Append);
    m_process->start();
    if (!m_process->waitForStarted(int(std::chrono::milliseconds(kStartTimeout).count())))
        return false;
    waitFor([this] { return m_process->canReadLine() || m_process->state() != QProcess::Running; }, kStartTimeout);
    const QByteArray line = m_process->readLine().trimmed();
    if (!line.startsWith("PORT "))
        return false;
    m_port = quint16(line.mid(5).toUInt());
    return m_port != 0;
}

bool ChildProcess::startSeller(const QString &binary, const QStringList &arguments, const QString &token,
                               const QString &home, const QString &logFile)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A private home: the seller must not touch the user's settings, keyring or lock files.
    environment.insert(u"HOME"_s, home);
    environment.insert(u"XDG_CONFIG_HOME"_s, home + u"/config"_s);
    environment.insert(u"XDG_DATA_HOME"_s, home + u"/data"_s);
    environment.insert(u"XDG_CACHE_HOME"_s, home + u"/cache"_s);
    environment.insert(u"XDG_RUNTIME_DIR"_s, home);
    environment.insert(u"CODERAI_SELLER_TOKEN"_s, token);
    environment.remove(u"QT_LOGGING_RULES"_s); // default verbosity, as a seller runs
    environment.remove(u"CODERAI_LOCAL_API_KEY"_s);
    m_process->setProcessEnvironment(environment);
    m_process->setProgram(binary);
    m_process->setArguments(arguments);
    m_process->setStandardOutputFile(logFile);
    m_process->setStandardErrorFile(logFile, QIODevice::Append);
    m_process->start();
    return m_process->waitForStarted(int(std::chrono::milliseconds(kStartTimeout).count()));
}

qint64 ChildProcess::pid() const
{
    return m_process->processId();
}

quint16 ChildProcess::port() const
{
    return m_port;
}

QProcess &ChildProcess::process()
{
    return *m_process;
}

QUrl ChildProcess::url() const
{
    return QUrl(u"http://127.0.0.1:%1"_s.arg(m_port));
}

bool ChildProcess::isRunning() const
{
    return m_process->state() == QProcess::Running;
}

int ChildProcess::stop(std::chrono::milliseconds grace)
{
    if (m_process->state() == QProcess::NotRunning)
        return m_process->exitCode();
    m_process->closeWriteChannel();
    ::kill(pid_t(m_process->processId()), SIGTERM);
    if (waitFor([this] { return m_process->state() == QProcess::NotRunning; }, grace))
        return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
    m_process->kill();
    m_process->waitForFinished(5000);
    return -1;
}

void ChildProcess::killHard()
{
    if (m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(5000);
}

} // namespace coderai::bench
