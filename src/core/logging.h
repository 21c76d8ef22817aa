#pragma once

#include <QLoggingCategory>
#include <QString>

#include <chrono>

// One category per subsystem, so a seller can turn on e.g. QT_LOGGING_RULES="coderai.broker.debug=true".
Q_DECLARE_LOGGING_CATEGORY(lcBroker)
Q_DECLARE_LOGGING_CATEGORY(lcWork)
Q_DECLARE_LOGGING_CATEGORY(lcLocal)
Q_DECLARE_LOGGING_CATEGORY(lcHardware)
Q_DECLARE_LOGGING_CATEGORY(lcStats)
Q_DECLARE_LOGGING_CATEGORY(lcConfig)
Q_DECLARE_LOGGING_CATEGORY(lcPolicy)
Q_DECLARE_LOGGING_CATEGORY(lcDemo)
Q_DECLARE_LOGGING_CATEGORY(lcApp)

namespace coderai {

/// "300 ms", "90 s": a configured limit in English log and error text, in the unit that states it
/// exactly.
QString durationText(std::chrono::milliseconds value);

} // namespace coderai
