#pragma once

#include "stats/requestrecord.h"
#include "stats/rollingwindow.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QString>

#include <chrono>
#include <functional>
#include <optional>
#include <vector>

namespace coderai {

/// \brief Counters, online time and rolling windows of the requests this seller served.
///
/// Fed by the work jobs' results; read by the GUI and the headless log through signals and
/// const getters. Lives in one thread (the session's) and is not thread-safe.
class SessionStats final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SessionStats)

public:
    using Clock = std::function<std::chrono::steady_clock::time_point()>;
    using WindowStats = coderai::WindowStats;

    /// Same size as AISBF's per-provider window, so the seller sees what buyers' routing sees.
    static constexpr int WindowSize = RollingWindow::DefaultCapacity;
    /// Buyers choose model names, and failures for unknown ones are recorded too; the number of
    /// per-model windows is bounded so such names cannot grow memory without limit.
    static constexpr int MaxModelWindows = 64;

    /// Everything since this object was made.
    struct Totals
    {
        qint64 served = 0;
        qint64 failed = 0;
        qint64 cancelled = 0;
        qint64 refused = 0;
        /// Of the four above, the requests that were not chat completions (models.list,
        /// capabilities, proxy): counted apart so the seller sees them without mistaking them
        /// for buyers' work.
        qint64 other = 0;
        qint64 promptTokens = 0; ///< every outcome
        qint64 completionTokens = 0; ///< every outcome: cancelled streams still generated
        qint64 bytesIn = 0;
        qint64 bytesOut = 0;
        std::chrono::seconds uptime { 0 }; ///< online time so far, the current stretch included
    };

    explicit SessionStats(QObject *parent = nullptr);
    /// \a clock replaces steady_clock, so tests of online time need no waiting.
    explicit SessionStats(Clock clock, QObject *parent = nullptr);
    ~SessionStats() override;

    void record(const RequestRecord &record);
    /// Online time accumulates between setOnline(true) and setOnline(false); repeats are no-ops.
    void setOnline(bool online);
    bool isOnline() const;

    Totals totals() const;
    /// The last WindowSize requests of every op and model.
    WindowStats window() const;
    /// The last WindowSize requests per model; records without a model are not listed.
    QHash<QString, WindowStats> windowByModel() const;
    /// Up to \a n of the last WindowSize records, newest first.
    QList<RequestRecord> recent(int n = 50) const;
    /// One line for the headless log: totals, window averages and online time.
    QString summaryLine() const;

signals:
    /// Coalesced: at most once per event-loop turn however many records arrive. Online time
    /// grows without it; a view showing uptime refreshes on its own timer.
    void changed();
    /// Synchronous, once per record; at high request rates prefer changed() plus recent().
    void requestRecorded(const coderai::RequestRecord &record);

private:
    struct ModelWindow
    {
        RollingWindow window;
        quint64 lastUsed = 0; ///< record sequence number, to evict the stalest model
    };

    void recordForModel(const RequestRecord &record);
    void scheduleChanged();

    Clock m_clock;
    Totals m_totals;
    std::chrono::steady_clock::duration m_onlineBefore { 0 };
    std::optional<std::chrono::steady_clock::time_point> m_onlineSince;
    RollingWindow m_window;
    QHash<QString, ModelWindow> m_byModel;
    std::vector<RequestRecord> m_recent; ///< ring of WindowSize slots, allocated once
    int m_recentNext = 0;
    int m_recentSize = 0;
    quint64 m_sequence = 0;
    bool m_changePending = false;
};

} // namespace coderai
