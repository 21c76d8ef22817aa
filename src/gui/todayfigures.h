#pragma once

#include "ledger/prices.h"
#include "stats/sessionstats.h"

#include <QDate>
#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace coderai {

class Ledger;

/// \brief Today's figures for the desktop, read from the ledger: the one source of truth.
///
/// The ledger adds the rows it has not committed yet, so the figures are exact at every
/// moment. They are read again shortly after the session records requests (coalesced: one
/// query however many requests finish meanwhile) and at local midnight, and cached between.
class TodayFigures final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TodayFigures)

public:
    struct Figures
    {
        qint64 served = 0;
        qint64 failed = 0;
        qint64 cancelled = 0;
        qint64 refused = 0;
        qint64 promptTokens = 0;
        qint64 completionTokens = 0;
        /// Estimated at the seller's prices from served requests; empty when no prices are set.
        std::optional<qint64> earningsMicros;
        /// The same since the attached session started (it may have begun yesterday).
        std::optional<qint64> sessionEarningsMicros;

        /// Requests that ran: served, failed or cancelled; refused ones never reached the GPU.
        qint64 requests() const { return served + failed + cancelled; }
        qint64 tokens() const { return promptTokens + completionTokens; }
        bool operator==(const Figures &) const = default;
    };

    /// Local wall-clock time; tests pass their own to cross midnight without waiting.
    using Clock = std::function<QDateTime()>;

    explicit TodayFigures(QObject *parent = nullptr, Clock clock = {});
    ~TodayFigures() override;

    /// Reads from \a ledger from now on (not owned; null: all zero).
    void setLedger(Ledger *ledger);
    Ledger *ledger() const;
    void setPrices(const PriceSettings &prices);
    /// Reads again soon after \a stats records requests; a later call follows another session.
    void attach(SessionStats *stats);

    Figures today() const;
    /// \a micros in the seller's currency, for the window and the tooltip; empty if none.
    QString moneyText(const std::optional<qint64> &micros) const;
    /// The day the figures belong to.
    QDate date() const;
    /// Reads the ledger now (the coalescing and midnight timers call it; tests may).
    void refresh();

    /// Moves the figures the older DailyTotals kept for today in \a state into \a ledger, once:
    /// its keys are removed afterwards, whatever day they were for. True if rows were added.
    static bool carryOver(QSettings &state, Ledger &ledger, const QDateTime &now);

    static constexpr std::chrono::milliseconds RefreshDelay{250};

signals:
    void changed();

private:
    void scheduleRefresh();
    void scheduleMidnight();
    qint64 earnings(const QDateTime &from, const QDateTime &to) const;

    Clock m_clock;
    QPointer<Ledger> m_ledger;
    PriceSettings m_prices;
    QPointer<SessionStats> m_stats;
    QDateTime m_sessionStart; ///< when attach() last followed a session
    QDate m_date;
    Figures m_figures;
    QTimer m_refreshTimer;
    QTimer m_midnightTimer;
};

} // namespace coderai
