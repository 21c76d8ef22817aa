#include "notifier.h"

#include "logging.h"
#include "stats/sessionstats.h"

#include <QLocale>

#include <algorithm>
#include <climits>

namespace coderai {
namespace {

int clampedCount(qint64 value)
{
    return static_cast<int>(std::clamp<qint64>(value, 0, INT_MAX));
}

} // namespace

Notifier::Notifier(QObject *parent, Clock clock)
    : QObject(parent)
    , m_clock(clock ? std::move(clock) : Clock([] { return std::chrono::steady_clock::now(); }))
    , m_wallClock([] { return QDateTime::currentDateTime(); })
{
    m_pollTimer.setInterval(PollInterval);
    connect(&m_pollTimer, &QTimer::timeout, this, &Notifier::poll);
}

Notifier::~Notifier() = default;

void Notifier::setEnabled(bool enabled) { m_enabled = enabled; }
bool Notifier::isEnabled() const { return m_enabled; }

void Notifier::setPreferences(const NotificationPrefs &prefs)
{
    m_prefs = prefs;
    m_prefs.offlineMinutes
        = std::clamp(prefs.offlineMinutes, NotificationPrefs::MinOfflineMinutes, NotificationPrefs::MaxOfflineMinutes);
    poll(); // a shorter threshold may already be passed
}

NotificationPrefs Notifier::preferences() const { return m_prefs; }

bool NotificationPrefs::*Notifier::preference(Kind kind)
{
    switch (kind) {
    case Kind::WentOffline:
        return &NotificationPrefs::wentOffline;
    case Kind::Rejected:
        return &NotificationPrefs::rejected;
    case Kind::LocalServerLost:
        return &NotificationPrefs::localServerLost;
    case Kind::BackOnline:
        return &NotificationPrefs::backOnline;
    case Kind::FirstRequestOfDay:
        return &NotificationPrefs::firstRequestOfDay;
    case Kind::DailySummary:
        return &NotificationPrefs::dailySummary;
    }
    return &NotificationPrefs::wentOffline; // not reached: every kind is listed above
}

bool Notifier::isKindEnabled(Kind kind) const
{
    return m_prefs.*preference(kind);
}

void Notifier::setMinimumInterval(std::chrono::milliseconds interval) { m_minimumInterval = interval; }
std::chrono::milliseconds Notifier::minimumInterval() const { return m_minimumInterval; }

void Notifier::setWallClock(WallClock clock)
{
    m_wallClock = clock ? std::move(clock) : WallClock([] { return QDateTime::currentDateTime(); });
}

std::chrono::minutes Notifier::offlineThreshold() const { return std::chrono::minutes(m_prefs.offlineMinutes); }

bool Notifier::notify(Kind kind, const QString &title, const QString &message)
{
    if (!m_enabled || !isKindEnabled(kind))
        return false;
    const auto now = m_clock();
    if (const auto last = m_lastShown.constFind(kind); last != m_lastShown.cend() && now - *last < m_minimumInterval)
        return false;
    m_lastShown.insert(kind, now);
    emit notificationRequested(kind, title, message);
    return true;
}

void Notifier::notifyOnce(Kind kind, const QString &title, const QString &message)
{
    if (m_spent.contains(kind))
        return;
    m_spent.insert(kind);
    notify(kind, title, message);
}

void Notifier::sessionStateChanged(SessionState state, SessionState previous,
                                   const SessionFailure &failure)
{
    using State = SessionState;
    const bool wasServing = previous == State::Online || previous == State::Draining;
    switch (state) {
    case State::Online:
        m_spent.clear(); // a new episode: each kind may be announced again
        endOutage(true);
        break;
    case State::Backoff:
    case State::Connecting:
    case State::Registering:
        // Only a session that was serving going away; failing to connect in the first place is
        // shown by the icon. The retries of an outage continue it.
        if (wasServing)
            startOutage(failure);
        else if (m_outageSince && !failure.message.isEmpty())
            m_outageReason = failure.message;
        break;
    case State::LocalServerDown:
        if (wasServing)
            startOutage(failure);
        notifyOnce(Kind::LocalServerLost, tr("The local model server stopped answering"),
                   (failure.message.isEmpty() ? QString() : failure.message + QLatin1Char('\n'))
                       + tr("CoderAI Seller left the broker and comes back when the server answers again."));
        break;
    case State::Rejected:
        // The rejection is the news now, and it needs the seller; the outage ends unannounced.
        endOutage(false);
        notifyOnce(Kind::Rejected, tr("The broker rejected CoderAI Seller"),
                   failure.message.isEmpty() ? tr("Check the provider, username and registration token in the settings.")
                                             : failure.message);
        break;
    case State::Paused:
    case State::Offline:
    case State::ConfigError:
        // The seller's own doing (pause, quit, new settings): nothing to announce.
        endOutage(false);
        break;
    case State::Draining:
        break;
    }
}

void Notifier::startOutage(const SessionFailure &failure)
{
    if (!failure.message.isEmpty())
        m_outageReason = failure.message;
    if (m_outageSince)
        return;
    m_outageSince = m_clock();
    m_outageAnnounced = false;
    m_pollTimer.start();
}

void Notifier::endOutage(bool backOnline)
{
    m_pollTimer.stop();
    if (!m_outageSince)
        return;
    const auto length = m_clock() - *m_outageSince;
    m_outageSince.reset();
    m_outageReason.clear();
    if (!backOnline || length < offlineThreshold())
        return;
    const int minutes = clampedCount(std::chrono::duration_cast<std::chrono::minutes>(length).count());
    notify(Kind::BackOnline, tr("CoderAI Seller is back online"),
           tr("Serving again after %Ln minute(s) offline.", nullptr, minutes));
}

void Notifier::poll()
{
    if (m_outageSince && !m_outageAnnounced && m_clock() - *m_outageSince >= offlineThreshold()) {
        m_outageAnnounced = true;
        const int minutes = m_prefs.offlineMinutes;
        qCInfo(lcApp) << "offline for more than" << minutes << "minutes";
        notify(Kind::WentOffline, tr("CoderAI Seller has been offline for more than %Ln minute(s)", nullptr, minutes),
               m_outageReason.isEmpty() ? tr("It keeps trying to reconnect.")
                                        : tr("%1\nIt keeps trying to reconnect.").arg(m_outageReason));
    }
    if (m_totals)
        onTotalsChanged();
}

void Notifier::requestRecorded(const RequestRecord &record)
{
    // Metadata calls AISBF makes on its own (models.list after every register) are no buyer.
    if (record.outcome != RequestOutcome::Served || !record.isChatCompletion())
        return;
    const QDate today = m_wallClock().date();
    if (today == m_firstRequestDay)
        return;
    m_firstRequestDay = today;
    notify(Kind::FirstRequestOfDay, tr("First request of the day"),
           record.model.isEmpty() ? tr("CoderAI Seller served its first request today.")
                                  : tr("CoderAI Seller served its first request today, with %1.").arg(record.model));
}

void Notifier::follow(SessionStats *stats)
{
    if (m_stats)
        m_stats->disconnect(this);
    m_stats = stats;
    if (stats)
        connect(stats, &SessionStats::requestRecorded, this, &Notifier::requestRecorded);
}

void Notifier::setTodayFigures(TodayFigures *totals)
{
    if (m_totals)
        m_totals->disconnect(this);
    m_totals = totals;
    if (!totals)
        return;
    m_totalsDate = totals->date();
    m_dayFigures = totals->today();
    // Restarted during a day that already had work: its first request was yesterday's news.
    if (m_dayFigures.served > 0)
        m_firstRequestDay = m_totalsDate;
    connect(totals, &TodayFigures::changed, this, &Notifier::onTotalsChanged);
}

void Notifier::onTotalsChanged()
{
    if (!m_totals)
        return;
    const QDate date = m_totals->date();
    if (date == m_totalsDate) {
        m_dayFigures = m_totals->today();
        return;
    }
    // The day rolled over: its last figures seen are its figures. A day with no work is no news.
    const QDate ended = m_totalsDate;
    const TodayFigures::Figures figures = m_dayFigures;
    m_totalsDate = date;
    m_dayFigures = m_totals->today();
    if (!ended.isValid() || figures.requests() == 0)
        return;
    QString message = tr("%Ln request(s) served", nullptr, clampedCount(figures.served));
    if (figures.failed > 0)
        message += QLatin1Char('\n') + tr("%Ln request(s) failed", nullptr, clampedCount(figures.failed));
    message += QLatin1Char('\n')
        + tr("%Ln completion token(s) generated", nullptr, clampedCount(figures.completionTokens));
    notify(Kind::DailySummary, tr("CoderAI Seller: summary of %1").arg(QLocale().toString(ended, QLocale::LongFormat)), message);
}

} // namespace coderai
