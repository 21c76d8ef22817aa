#include "servingpolicy.h"

#include "logging.h"

#include <algorithm>

namespace coderai {

ServingPolicy::ServingPolicy(PolicyClock clock, const QString &pauseSettingsFile, QObject *parent)
    : QObject(parent)
    , m_clock(std::move(clock))
    , m_pause(pauseSettingsFile)
{
    qRegisterMetaType<coderai::ServingDecision>();
    m_tick.setObjectName(QStringLiteral("policy"));
    m_tick.setSingleShot(true);
    // Precise: a coarse timer may fire up to 5 % early, which would cost a second wake-up
    // just before a schedule edge; it fires rarely, so precision costs nothing.
    m_tick.setTimerType(Qt::PreciseTimer);
    connect(&m_tick, &QTimer::timeout, this, &ServingPolicy::reevaluate);
    m_pause.restore(m_clock.now().wall);
    m_decision.cap = m_max;
    reevaluate();
}

ServingPolicy::~ServingPolicy() = default;

void ServingPolicy::setMaxConcurrent(int max)
{
    m_max = std::max(0, max);
    reevaluate();
}

QString ServingPolicy::configure(const SellerConfig &config)
{
    QString error;
    const auto schedule = WeeklySchedule::parse(config.servingSchedule, &error);
    m_schedule.setSchedule(schedule.value_or(WeeklySchedule()));
    m_owner.setEnabled(config.ownerActivityRule);
    m_owner.setThreshold(config.ownerIdleThreshold);
    m_owner.setOwnerCap(config.ownerCap);
    m_gpu.setEnabled(config.gpuUseRule);
    m_gpu.setOwnerCap(config.ownerCap);
    m_thermal.setEnabled(config.thermalGuard);
    m_thermal.setLimitC(config.thermalLimitC);
    m_thermal.setPowerFraction(config.powerLimitPercent / 100.0);
    setLocalServer(config.localUrl, config.localServerProcessNames);
    setMaxConcurrent(config.maxConcurrent);
    return schedule ? QString() : error;
}

void ServingPolicy::keepPauseIn(const QString &settingsFile)
{
    m_pause = TimedPause(settingsFile);
    m_pause.restore(m_clock.now().wall);
    reevaluate();
}

void ServingPolicy::setLocalServer(const QUrl &localUrl, const QStringList &fallbackNames)
{
    m_localServer = LocalServerProcesses(localUrl, fallbackNames);
}

void ServingPolicy::setHardware(const HardwareSnapshot &snapshot)
{
    m_thermal.setHardware(snapshot);
    m_gpu.setForeignProcesses(m_localServer.foreign(snapshot), m_clock.now().steady);
    reevaluate();
}

void ServingPolicy::start(std::chrono::milliseconds longestWait)
{
    m_started = true;
    m_longestWait = std::max(longestWait, std::chrono::milliseconds(1));
    reevaluate();
}

void ServingPolicy::stop()
{
    m_started = false;
    m_tick.stop();
}

std::optional<std::chrono::milliseconds> ServingPolicy::nextEvaluation() const
{
    if (!m_tick.isActive())
        return std::nullopt;
    return m_tick.remainingTimeAsDuration();
}

std::array<ServingRule *, 5> ServingPolicy::rules()
{
    return {&m_pause, &m_schedule, &m_thermal, &m_owner, &m_gpu};
}

void ServingPolicy::armTimer(const PolicyTime &now)
{
    // Issue 14 (idle <= 0.01 % CPU): a 1 s tick woke the seller 86 400 times a day to read the
    // local time, although with no schedule, no timed pause and no open dwell or hysteresis
    // window nothing can change without an input, and every input re-evaluates by itself.
    // So the timer runs only for the earliest moment a rule names. The wait is capped at
    // m_longestWait because the schedule and the pause count in wall time, which can jump
    // (suspend, NTP, a time-zone change) while the timer counts monotonic time.
    std::optional<std::chrono::milliseconds> next;
    for (const ServingRule *rule : rules()) {
        const std::optional<std::chrono::milliseconds> in = rule->nextChange(now);
        if (in && (!next || *in < *next))
            next = in;
    }
    if (!m_started || !next) {
        m_tick.stop();
        return;
    }
    // At least 1 ms: a moment already reached is acted on by the next evaluation, not in a loop.
    m_tick.start(std::clamp(*next, std::chrono::milliseconds(1), m_longestWait));
}

void ServingPolicy::reevaluate()
{
    const PolicyTime now = m_clock.now();
    Decision best;
    best.cap = m_max;
    // Every rule runs, even after one said 0: each keeps its own hysteresis clock.
    for (ServingRule *rule : rules()) {
        std::optional<Decision> verdict = rule->evaluate(now, m_max);
        if (!verdict)
            continue;
        verdict->cap = std::min(verdict->cap, m_max);
        // A cap at the maximum limits nothing; at equal caps a rule that leaves beats one that stays.
        const bool limits = verdict->cap < m_max || verdict->cap == 0;
        const bool smaller = !best.limited() || verdict->cap < best.cap
            || (verdict->cap == best.cap && best.stayConnected && verdict->leave());
        if (limits && smaller)
            best = *verdict;
    }
    armTimer(now);
    if (best.sameAs(m_decision) && best.limited() == m_decision.limited()) {
        m_decision = best; // details (a temperature) may move without a new decision
        return;
    }
    qCInfo(lcPolicy).noquote() << "Serving decision:" << m_decision.logText() << "->" << best.logText();
    m_decision = best;
    Q_EMIT decisionChanged(m_decision);
}

} // namespace coderai
