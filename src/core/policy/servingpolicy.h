#pragma once

#include "config/sellerconfig.h"
#include "policy/gpusharingrule.h"
#include "policy/localserverprocesses.h"
#include "policy/owneractivityrule.h"
#include "policy/policyclock.h"
#include "policy/schedulerule.h"
#include "policy/servingdecision.h"
#include "policy/thermalrule.h"
#include "policy/timedpause.h"

#include <QObject>
#include <QTimer>

#include <array>
#include <chrono>
#include <optional>

namespace coderai {

/// \brief Decides from its rules how many requests the seller serves at once: the configured
/// maximum, fewer, or none.
///
/// Each rule may set a cap; the smallest wins, and among equal caps the first rule in the order
/// pause, schedule, thermal, owner activity, GPU use names the reason. The policy evaluates on
/// each input and whenever asked, and, once started, on a single-shot timer armed for the
/// next moment a rule's verdict can change by itself (a pause's end, a schedule edge, a dwell
/// or hysteresis window closing); with no such moment no timer runs. It logs each change of
/// decision once and emits decisionChanged().
/// Inputs (idle time, hardware, GPU processes, the pause) go to the rules through their
/// accessors; time comes from the injected PolicyClock.
class ServingPolicy final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ServingPolicy)

public:
    using Decision = ServingDecision;

    /// \a pauseSettingsFile: where a timed pause is kept across restarts (empty: nowhere).
    explicit ServingPolicy(PolicyClock clock = PolicyClock::system(), const QString &pauseSettingsFile = {},
                           QObject *parent = nullptr);
    ~ServingPolicy() override;

    /// Takes the rules' settings and the maximum from \a config; returns the schedule's
    /// parse error, if any (the schedule then allows every hour).
    QString configure(const SellerConfig &config);
    /// Keeps a timed pause in \a settingsFile (the settings file) and restores one from it.
    void keepPauseIn(const QString &settingsFile);

    void setMaxConcurrent(int max);
    int maxConcurrent() const { return m_max; }

    ScheduleRule &schedule() { return m_schedule; }
    OwnerActivityRule &ownerActivity() { return m_owner; }
    GpuSharingRule &gpuSharing() { return m_gpu; }
    ThermalRule &thermal() { return m_thermal; }
    TimedPause &pause() { return m_pause; }

    /// Where the local model server listens, and the process names that count as it when its
    /// socket's owner cannot be found: its processes on a GPU are not "another program".
    void setLocalServer(const QUrl &localUrl, const QStringList &fallbackNames);
    /// New telemetry: temperatures and power for the thermal guard, GPU processes for the
    /// GPU-use rule. Re-evaluates.
    void setHardware(const HardwareSnapshot &snapshot);

    /// Re-evaluates at the next moment a rule's verdict can change without a new input, so
    /// dwell times and "until" moments expire on time; waits at most \a longestWait between
    /// two evaluations while some rule depends on the time (see nextEvaluation()).
    void start(std::chrono::milliseconds longestWait = std::chrono::seconds(60));
    void stop();
    /// How long until the timer re-evaluates; nothing when stopped or when no rule depends on
    /// the time (then only inputs re-evaluate).
    std::optional<std::chrono::milliseconds> nextEvaluation() const;

    PolicyTime now() const { return m_clock.now(); }
    /// Asks every rule and updates decision(); emits decisionChanged() if it changed.
    void reevaluate();
    Decision decision() const { return m_decision; }

Q_SIGNALS:
    void decisionChanged(const coderai::ServingDecision &decision);

private:
    PolicyClock m_clock;
    int m_max = 4;
    TimedPause m_pause;
    ScheduleRule m_schedule;
    ThermalRule m_thermal;
    OwnerActivityRule m_owner;
    GpuSharingRule m_gpu;
    LocalServerProcesses m_localServer;
    /// Every rule, in the order they are asked.
    std::array<ServingRule *, 5> rules();
    void armTimer(const PolicyTime &now);

    QTimer m_tick;
    bool m_started = false;
    std::chrono::milliseconds m_longestWait{std::chrono::seconds(60)};
    Decision m_decision;
};

} // namespace coderai
