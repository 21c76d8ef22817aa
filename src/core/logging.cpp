#include "logging.h"

Q_LOGGING_CATEGORY(lcBroker, "coderai.broker", QtInfoMsg)
Q_LOGGING_CATEGORY(lcWork, "coderai.work", QtInfoMsg)
Q_LOGGING_CATEGORY(lcLocal, "coderai.local", QtInfoMsg)
Q_LOGGING_CATEGORY(lcHardware, "coderai.hardware", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStats, "coderai.stats", QtInfoMsg)
Q_LOGGING_CATEGORY(lcConfig, "coderai.config", QtInfoMsg)
Q_LOGGING_CATEGORY(lcPolicy, "coderai.policy", QtInfoMsg)
Q_LOGGING_CATEGORY(lcDemo, "coderai.demo", QtInfoMsg)
Q_LOGGING_CATEGORY(lcApp, "coderai.app", QtInfoMsg)

namespace coderai {

QString durationText(std::chrono::milliseconds value)
{
    if (value.count() % 1000 == 0)
        return QStringLiteral("%1 s").arg(value.count() / 1000);
    return QStringLiteral("%1 ms").arg(value.count());
}

} // namespace coderai
