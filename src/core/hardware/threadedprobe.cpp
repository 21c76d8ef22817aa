#include "threadedprobe.h"

#include <QThread>

#include <memory>

using namespace std::chrono_literals;

namespace coderai {

ThreadedProbe::ThreadedProbe(QObject *parent)
    : GpuProbe(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(10s); // generous: a first nvmlInit without persistence mode can take seconds
    connect(&m_timer, &QTimer::timeout, this, &ThreadedProbe::onTimeout);
}

// A worker still running keeps its own state alive and deletes itself when it returns.
ThreadedProbe::~ThreadedProbe() = default;

void ThreadedProbe::probe()
{
    if (m_worker) {
        finishLater({{}, {stalledMessage(timeout())}});
        return;
    }
    auto result = std::make_shared<ProbeResult>();
    QThread *thread = QThread::create([work = job(), result] { *result = work(); });
    thread->setObjectName(name());
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    connect(thread, &QThread::finished, this, [this, thread, result] {
        if (m_worker == thread)
            m_worker = nullptr;
        if (!m_waiting)
            return; // it answered after its timeout: that reading was already reported
        m_waiting = false;
        m_timer.stop();
        emit finished(result->gpus, result->diagnostics);
    });
    m_worker = thread;
    m_waiting = true;
    m_timer.start();
    thread->start(QThread::LowPriority);
}

std::chrono::milliseconds ThreadedProbe::timeout() const
{
    return m_timer.intervalAsDuration();
}

void ThreadedProbe::setTimeout(std::chrono::milliseconds timeout)
{
    m_timer.setInterval(timeout);
}

bool ThreadedProbe::isStalled() const
{
    return m_worker && !m_waiting;
}

QString ThreadedProbe::stalledMessage(std::chrono::milliseconds timeout) const
{
    return QStringLiteral("%1: no answer within %2 ms (a hung GPU or driver?)").arg(name()).arg(timeout.count());
}

void ThreadedProbe::onTimeout()
{
    if (!m_waiting)
        return;
    m_waiting = false;
    emit finished({}, {stalledMessage(timeout())});
}

} // namespace coderai
