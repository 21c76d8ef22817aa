#pragma once

#include "desktopprefs.h"
#include "sessioninfo.h"
#include "sessionstate.h"
#include "todayfigures.h"

#include <QDate>
#include <QDateTime>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <chrono>
#include <functional>
#include <optional>

namespace coderai {

struct RequestRecord;
class SessionStats;

/// \brief Turns session changes, served requests and the day's totals into desktop
/// notifications, each kind switchable by the seller (NotificationPrefs), rate-limited.
///
/// - WentOffline: the session that was serving has been away for longer than the seller's
///   threshold; a blip that reconnects sooner says nothing. BackOnline follows such an outage.
/// - Rejected and LocalServerLost: at once, once per episode (re-armed when online again).
/// - FirstRequestOfDay: the first chat completion served on a calendar day.
/// - DailySummary: when the day of the attached TodayFigures ends, what it served.
///
/// At most one notification per kind within minimumInterval(), so a flapping connection cannot
/// flood the desktop. The notifier only decides; whoever owns a tray icon shows what
/// notificationRequested() carries.
class Notifier final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(Notifier)

public:
    enum class Kind { WentOffline, Rejected, LocalServerLost, BackOnline, FirstRequestOfDay, DailySummary };
    Q_ENUM(Kind)

    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    /// Local wall-clock time, for the calendar day; tests pass their own.
    using WallClock = std::function<QDateTime()>;

    static constexpr std::chrono::milliseconds DefaultMinimumInterval{std::chrono::minutes(5)};
    /// How often a pending outage is re-checked against its threshold.
    static constexpr std::chrono::milliseconds PollInterval{std::chrono::seconds(15)};

    explicit Notifier(QObject *parent = nullptr, Clock clock = {});
    ~Notifier() override;

    /// The master switch: off holds back every kind.
    void setEnabled(bool enabled);
    bool isEnabled() const;
    /// Which kinds the seller wants and the offline threshold.
    void setPreferences(const NotificationPrefs &prefs);
    NotificationPrefs preferences() const;
    bool isKindEnabled(Kind kind) const;
    /// The NotificationPrefs switch of \a kind, for whoever shows or edits the choices.
    static bool NotificationPrefs::*preference(Kind kind);
    void setMinimumInterval(std::chrono::milliseconds interval);
    std::chrono::milliseconds minimumInterval() const;
    void setWallClock(WallClock clock);

    /// Feeds one transition of the session, with its last failure (the reason to show).
    void sessionStateChanged(SessionState state, SessionState previous,
                             const SessionFailure &failure);
    /// Feeds one finished request; only served chat completions count for the first of the day.
    void requestRecorded(const RequestRecord &record);
    /// Follows \a stats' requestRecorded() from now on (a later call moves to another session's
    /// stats; null stops).
    void follow(SessionStats *stats);
    /// Announces each day of \a totals that ends; a day that already has served requests when
    /// attached counts as having had its first request.
    void setTodayFigures(TodayFigures *totals);
    /// Re-checks what depends on time passing (a long outage); the internal timer calls it, tests
    /// with their own clock may too.
    void poll();

    /// Emits notificationRequested() unless disabled (wholly or this kind) or a \a kind was shown
    /// too recently; true if it did. One held back does not count against the limit.
    bool notify(Kind kind, const QString &title, const QString &message);

signals:
    void notificationRequested(coderai::Notifier::Kind kind, const QString &title, const QString &message);

private:
    void notifyOnce(Kind kind, const QString &title, const QString &message);
    void startOutage(const SessionFailure &failure);
    void endOutage(bool backOnline);
    void onTotalsChanged();
    std::chrono::minutes offlineThreshold() const;

    Clock m_clock;
    WallClock m_wallClock;
    bool m_enabled = true;
    NotificationPrefs m_prefs;
    std::chrono::milliseconds m_minimumInterval = DefaultMinimumInterval;
    QHash<Kind, std::chrono::steady_clock::time_point> m_lastShown;
    QSet<Kind> m_spent; ///< kinds already announced in this episode

    /// Since when a session that was serving has been away; empty while none is.
    std::optional<std::chrono::steady_clock::time_point> m_outageSince;
    bool m_outageAnnounced = false;
    QString m_outageReason;
    QTimer m_pollTimer;

    QDate m_firstRequestDay; ///< the day whose first request was announced (or already past)
    QPointer<SessionStats> m_stats;
    QPointer<TodayFigures> m_totals;
    QDate m_totalsDate; ///< the day m_dayFigures belong to
    TodayFigures::Figures m_dayFigures; ///< the last figures seen for it
};

} // namespace coderai
