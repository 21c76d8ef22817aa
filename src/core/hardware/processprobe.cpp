#include "processprobe.h"

#include <QFileInfo>
#include <QStandardPaths>

#include <utility>

using namespace std::chrono_literals;

namespace coderai {
namespace {

QString locate(const QString &program)
{
    if (QFileInfo(program).isAbsolute())
        return QFileInfo(program).isExecutable() ? program : QString();
    return QStandardPaths::findExecutable(program);
}

} // namespace

ProcessProbe::ProcessProbe(const QString &program, QObject *parent)
    : GpuProbe(parent)
    , m_program(program)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(10s);
    connect(&m_timer, &QTimer::timeout, this, &ProcessProbe::onTimeout);
}

ProcessProbe::~ProcessProbe()
{
    if (m_process) {
        m_process->disconnect(this);
        m_process->kill();
        m_process->waitForFinished(1000); // reaps the killed child: no zombie left behind
        delete m_process;
    }
}

void ProcessProbe::probe()
{
    if (m_process) {
        // The previous run is still going (probe() called early): report it instead of piling up.
        finishLater({{}, {QStringLiteral("%1: still running from the previous refresh").arg(name())}});
        return;
    }
    const QString path = locate(m_program);
    if (path.isEmpty()) {
        const QString message = missingMessage();
        finishLater({{}, message.isEmpty() ? QStringList() : QStringList {message}});
        return;
    }
    m_process = new QProcess(this);
    connect(m_process, &QProcess::finished, this, &ProcessProbe::onFinished);
    connect(m_process, &QProcess::errorOccurred, this, &ProcessProbe::onError);
    m_timer.start();
    m_process->start(path, arguments(), QIODevice::ReadOnly);
}

QString ProcessProbe::program() const
{
    return m_program;
}

std::chrono::milliseconds ProcessProbe::timeout() const
{
    return m_timer.intervalAsDuration();
}

void ProcessProbe::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
}

QString ProcessProbe::missingMessage() const
{
    return QStringLiteral("%1: not installed (%2 not found)").arg(name(), m_program);
}

QString ProcessProbe::firstLine(const QByteArray &text)
{
    for (const QByteArray &line : text.split('\n')) {
        const QByteArray trimmed = line.trimmed();
        if (!trimmed.isEmpty())
            return QString::fromUtf8(trimmed);
    }
    return {};
}

void ProcessProbe::onFinished(int exitCode, QProcess::ExitStatus status)
{
    if (!m_process)
        return;
    const QByteArray out = m_process->readAllStandardOutput();
    const QByteArray err = m_process->readAllStandardError();
    if (status == QProcess::CrashExit) {
        conclude({{}, {QStringLiteral("%1: crashed").arg(name())}});
        return;
    }
    conclude(interpret(exitCode, out, err));
}

void ProcessProbe::onError(QProcess::ProcessError error)
{
    // Crashes and timeouts arrive through finished() or onTimeout(); only a failed start ends here.
    if (!m_process || error != QProcess::FailedToStart)
        return;
    conclude({{}, {QStringLiteral("%1: cannot start %2: %3").arg(name(), m_program, m_process->errorString())}});
}

void ProcessProbe::onTimeout()
{
    if (!m_process)
        return;
    conclude({{},
              {QStringLiteral("%1: no answer within %2 ms; killed it (a hung GPU or driver?)")
                   .arg(name())
                   .arg(timeout().count())}});
}

void ProcessProbe::conclude(const ProbeResult &result)
{
    m_timer.stop();
    QProcess *process = std::exchange(m_process, nullptr);
    process->disconnect(this);
    if (process->state() != QProcess::NotRunning) {
        process->kill();
        // deleteLater once it is reaped: deleting a running QProcess would block on it.
        connect(process, &QProcess::finished, process, &QObject::deleteLater);
    } else {
        process->deleteLater();
    }
    emit finished(result.gpus, result.diagnostics);
}

} // namespace coderai
