#include "servingdecision.h"

#include <QLocale>

namespace coderai {

namespace {

/// "19:00" today, "Tue 08:00" on another day: the shortest text that is not ambiguous.
QString whenText(const QDateTime &until, const QDateTime &now)
{
    const QDateTime local = until.toLocalTime();
    const QLocale locale;
    // The C locale's short format shows seconds, which a limit never needs.
    QString format = locale.timeFormat(QLocale::ShortFormat);
    format.remove(QLatin1String(":ss"));
    const QString time = locale.toString(local.time(), format);
    if (local.date() == now.toLocalTime().date())
        return time;
    return locale.toString(local.date(), QStringLiteral("ddd")) + QLatin1Char(' ') + time;
}

} // namespace

QString reasonName(ServingReason reason)
{
    switch (reason) {
    case ServingReason::None:
        return QStringLiteral("none");
    case ServingReason::Paused:
        return QStringLiteral("pause");
    case ServingReason::Schedule:
        return QStringLiteral("schedule");
    case ServingReason::Thermal:
        return QStringLiteral("thermal guard");
    case ServingReason::OwnerActive:
        return QStringLiteral("owner active");
    case ServingReason::GpuInUse:
        return QStringLiteral("GPU used by another program");
    }
    return {};
}

QString ServingDecision::sentence(const QDateTime &now) const
{
    switch (reason) {
    case ServingReason::None:
        return tr("Serving up to %n request(s) at a time", nullptr, cap);
    case ServingReason::Paused:
        if (until.isValid())
            return tr("Paused until %1").arg(whenText(until, now));
        return tr("Paused until you resume");
    case ServingReason::Schedule:
        if (until.isValid())
            return tr("Paused by schedule until %1").arg(whenText(until, now));
        return tr("Paused by schedule");
    case ServingReason::Thermal:
        if (temperatureC <= 0)
            return stayConnected ? tr("GPU %1 near its power limit: not taking new work").arg(gpuIndex)
                                 : tr("GPU %1 near its power limit: disconnected until it cools down").arg(gpuIndex);
        return stayConnected
            ? tr("GPU %1 at %2 °C: not taking new work").arg(gpuIndex).arg(temperatureC)
            : tr("GPU %1 at %2 °C: disconnected until it cools down").arg(gpuIndex).arg(temperatureC);
    case ServingReason::OwnerActive:
        if (cap == 0)
            return tr("You are using the computer: serving paused");
        return tr("You are using the computer: serving %n request(s) at a time", nullptr, cap);
    case ServingReason::GpuInUse:
        if (cap == 0)
            return tr("Another program is using GPU %1: serving paused").arg(gpuIndex);
        return tr("Another program is using GPU %1: serving %n request(s) at a time", nullptr, cap).arg(gpuIndex);
    }
    return {};
}

QString ServingDecision::logText() const
{
    QString text = QStringLiteral("cap %1 (%2").arg(cap).arg(reasonName(reason));
    if (reason == ServingReason::Thermal)
        text += QStringLiteral(", GPU %1 at %2 C").arg(gpuIndex).arg(temperatureC);
    if (reason == ServingReason::GpuInUse)
        text += QStringLiteral(", GPU %1").arg(gpuIndex);
    if (until.isValid())
        text += QStringLiteral(", until %1").arg(until.toLocalTime().toString(Qt::ISODate));
    if (stayConnected)
        text += QStringLiteral(", staying connected");
    return text + QLatin1Char(')');
}

bool ServingDecision::sameAs(const ServingDecision &other) const
{
    return cap == other.cap && reason == other.reason && until == other.until
        && stayConnected == other.stayConnected && gpuIndex == other.gpuIndex;
}

} // namespace coderai
