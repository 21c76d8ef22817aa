#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QMetaType>
#include <QString>

namespace coderai {

/// Why serving is limited; None when every rule allows the configured maximum.
enum class ServingReason { None, Paused, Schedule, Thermal, OwnerActive, GpuInUse };

QString reasonName(ServingReason reason); ///< "schedule", "thermal": for English log lines

/// \brief What the serving rules allow right now: the concurrency cap, the rule that set it and,
/// where known, until when. A front end shows sentence(); the session acts on cap and leave().
struct ServingDecision
{
    Q_DECLARE_TR_FUNCTIONS(ServingDecision)

public:
    int cap = 0; ///< allowed concurrent requests; 0 stops new work
    ServingReason reason = ServingReason::None;
    QDateTime until; ///< when the limit ends, if a rule knows; invalid otherwise
    /// Cap 0 without leaving AISBF: the thermal guard's first minutes.
    bool stayConnected = false;
    int gpuIndex = -1; ///< the GPU a thermal or GPU-use limit is about
    int temperatureC = 0; ///< thermal: the hottest GPU's temperature (0 when power set it off)

    /// Cap 0 and not held connected: drain, close 1000 and stay away until the cap rises.
    bool leave() const { return cap == 0 && !stayConnected; }
    bool limited() const { return reason != ServingReason::None; }

    /// The seller's sentence: "Paused by schedule until 19:00". \a now decides whether "until"
    /// needs a day as well as a time.
    QString sentence(const QDateTime &now = QDateTime::currentDateTime()) const;
    /// One English line for the log.
    QString logText() const;

    /// Equal decisions need no new log line: the details (temperature) may differ.
    bool sameAs(const ServingDecision &other) const;
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::ServingDecision)
