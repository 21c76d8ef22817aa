#pragma once

#include "stats/sessionstats.h"

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace coderai {

/// \brief Today's totals, kept in QSettings so they survive a restart, reset at local midnight.
///
/// It follows a SessionStats through changed() and the difference of its totals, so it costs
/// nothing per request at high rates and counts every request exactly. Writes to the settings are
/// batched (at most one every few seconds) and flushed on destruction and at rollover.
class DailyTotals final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DailyTotals)

public:
    struct Figures
    {
        qint64 served = 0;
        qint64 failed = 0;
        qint64 cancelled = 0;
        qint64 refused = 0;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;

        /// Requests that ran: served, failed or cancelled; refused ones never reached the GPU.
        qint64 requests() const { return served + failed + cancelled; }
        qint64 tokens() const { return promptTokens + completionTokens; }
        bool operator==(const Figures &) const = default;
    };

    /// Local wall-clock time; tests pass their own to cross midnight without waiting.
    using Clock = std::function<QDateTime()>;

    /// \a settings is not owned and must outlive this object.
    explicit DailyTotals(QSettings *settings, QObject *parent = nullptr, Clock clock = {});
    ~DailyTotals() override;

    /// Keeps the figures in \a settings from now on (not owned; null: in memory only): what is
    /// pending goes to the old store first, then the figures are the new store's. The demo counts
    /// into a store of its own this way, so its figures never reach the seller's.
    void setStore(QSettings *settings);
    QSettings *store() const;

    /// Counts what \a stats records from now on; a later call moves to another session's stats.
    void attach(SessionStats *stats);
    void add(const Figures &delta);

    /// Zero once the stored day is over, even before the rollover has run.
    Figures today() const;
    /// The day the figures belong to.
    QDate date() const;
    /// Starts a new day if the date changed; the midnight timer calls it, tests may too.
    void checkRollover();
    /// Writes pending figures to the settings now.
    void flush();

    static constexpr std::chrono::milliseconds FlushDelay{std::chrono::seconds(5)};

signals:
    void changed();

private:
    void load();
    void onStatsChanged();
    void scheduleMidnight();
    QDate currentDate() const;

    QSettings *m_settings;
    Clock m_clock;
    QPointer<SessionStats> m_stats;
    SessionStats::Totals m_seen; ///< the attached stats' totals already counted
    QDate m_date;
    Figures m_figures;
    bool m_dirty = false;
    QTimer m_flushTimer;
    QTimer m_midnightTimer;
};

} // namespace coderai
