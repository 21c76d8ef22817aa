#pragma once

#include "gpuprobe.h"

#include <QPointer>
#include <QTimer>

#include <chrono>
#include <functional>

class QThread;

namespace coderai {

/// \brief A probe whose reading may stall (a driver call, a sysfs file of a hung GPU): each
/// reading runs on a short-lived thread of its own, and the probe answers with a diagnostic
/// when it takes longer than timeout(). A stalled thread is left to finish on its own, since
/// nothing can interrupt a call stuck in a driver, and no second one is started meanwhile.
class ThreadedProbe : public GpuProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThreadedProbe)

public:
    explicit ThreadedProbe(QObject *parent = nullptr);
    ~ThreadedProbe() override;

    void probe() final;

    std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout);
    /// True while an earlier reading ran past its timeout and has not returned yet.
    bool isStalled() const;

protected:
    /// The reading to run on the worker thread. It must not touch this object: capture copies
    /// or state shared for the purpose.
    virtual std::function<ProbeResult()> job() const = 0;
    /// The sentence for a reading that ran past the timeout, e.g. "NVML did not answer …".
    virtual QString stalledMessage(std::chrono::milliseconds timeout) const;

private:
    void onTimeout();

    QPointer<QThread> m_worker;
    QTimer m_timer;
    bool m_waiting = false;
};

} // namespace coderai
