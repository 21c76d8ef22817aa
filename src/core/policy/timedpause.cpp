#include "timedpause.h"

#include "logging.h"

#include <QSettings>

#include <algorithm>

namespace coderai {

namespace {
const QString kKey = QStringLiteral("policy/paused_until");
}

TimedPause::TimedPause(const QString &settingsFile)
    : m_settingsFile(settingsFile)
{
}

void TimedPause::restore(const QDateTime &now)
{
    if (m_settingsFile.isEmpty())
        return;
    const QSettings settings(m_settingsFile, QSettings::IniFormat);
    const QString text = settings.value(kKey).toString();
    if (text.isEmpty())
        return;
    const QDateTime until = QDateTime::fromString(text, Qt::ISODate);
    if (!until.isValid() || until <= now) {
        if (!until.isValid())
            qCWarning(lcPolicy) << "Ignoring an unreadable" << kKey << "value";
        m_until = {};
        store();
        return;
    }
    m_until = until;
    qCInfo(lcPolicy).noquote() << "Restored a pause until" << until.toLocalTime().toString(Qt::ISODate);
}

void TimedPause::pauseFor(std::chrono::milliseconds duration, const QDateTime &now)
{
    pauseUntil(now.addMSecs(duration.count()));
}

void TimedPause::pauseUntil(const QDateTime &until)
{
    m_indefinite = false;
    m_until = until;
    store();
}

void TimedPause::pauseUntilTomorrow(const QDateTime &now)
{
    pauseUntil(tomorrowMorning(now));
}

void TimedPause::pauseUntilResumed()
{
    m_indefinite = true;
    m_until = {};
    store();
}

void TimedPause::resume()
{
    m_indefinite = false;
    m_until = {};
    store();
}

QDateTime TimedPause::tomorrowMorning(const QDateTime &now)
{
    const QDateTime local = now.toLocalTime();
    const QDate date = local.time() < QTime(4, 0) ? local.date() : local.date().addDays(1);
    return QDateTime(date, QTime(8, 0));
}

std::optional<ServingDecision> TimedPause::evaluate(const PolicyTime &now, int)
{
    if (m_until.isValid() && now.wall >= m_until)
        resume();
    if (!paused())
        return std::nullopt;
    ServingDecision decision;
    decision.reason = ServingReason::Paused;
    decision.until = m_until;
    return decision;
}

std::optional<std::chrono::milliseconds> TimedPause::nextChange(const PolicyTime &now) const
{
    // A pause "until resumed" ends only by resume(); a timed one at its end.
    if (!m_until.isValid())
        return std::nullopt;
    return std::chrono::milliseconds(std::max<qint64>(0, now.wall.msecsTo(m_until)));
}

void TimedPause::store()
{
    if (m_settingsFile.isEmpty())
        return;
    QSettings settings(m_settingsFile, QSettings::IniFormat);
    if (m_until.isValid())
        settings.setValue(kKey, m_until.toUTC().toString(Qt::ISODate));
    else
        settings.remove(kKey);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        qCWarning(lcPolicy).noquote() << "Could not store the pause in" << m_settingsFile;
}

} // namespace coderai
