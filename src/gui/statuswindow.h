#pragma once

#include "hardware/hardwaresnapshot.h"
#include "ledger/prices.h"
#include "stats/sessionstats.h"
#include "throughputseries.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QMainWindow>

#include <functional>

class QAction;
class QLabel;
class QStackedWidget;
class QTabWidget;
class QTableView;

namespace coderai {

class ActivityModel;
class ConnectionCard;
class EarningsTab;
class Ledger;
class TodayFigures;
class GpuTableModel;
class SellerService;
class StatsPanel;
class ThroughputChart;

/// \brief The status window: connection, today's and this session's figures, throughput over
/// the last hour or day, the GPUs and the latest requests.
///
/// It is the whole app when there is no tray, so its menu bar and toolbar offer everything the
/// tray menu does and more: Go online / Pause / Resume (enabled by the session's state, acted on
/// directly like the tray does), Settings, Logs, Copy diagnostics, About and Quit (signals for the
/// composition).
///
/// Built once at start and kept while hidden, so the throughput chart covers the range the
/// seller picked whenever it is opened. Figures are refreshed at most a few times a second however busy the
/// seller is, and the one-second clock for durations runs only while the window is visible.
class StatusWindow final : public QMainWindow
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(StatusWindow)

public:
    /// Local wall-clock time for the chart's minutes; tests pass their own.
    using Clock = std::function<QDateTime()>;

    /// Neither \a service nor \a totals is owned; either may be null.
    StatusWindow(SellerService *service, TodayFigures *totals, QWidget *parent = nullptr);
    ~StatusWindow() override;

    void setService(SellerService *service);
    /// What the GPU table shows; the composition passes the snapshot it also gives the service.
    void setHardware(const HardwareSnapshot &hardware);
    /// Shows or hides the note that no system tray exists and this window stands in for it.
    void setTrayHint(bool shown);
    bool isTrayHintShown() const;
    void setClock(Clock clock);
    /// What the Earnings tab reads: the seller's or the demo's ledger (not owned; null: none)
    /// and the prices its estimates use.
    void setLedger(Ledger *ledger);
    void setPrices(const PriceSettings &prices);

    /// Re-reads everything now instead of at the next coalesced refresh.
    void refresh();

    ConnectionCard *connectionCard() const;
    StatsPanel *statsPanel() const;
    ThroughputChart *throughputChart() const;
    GpuTableModel *gpuModel() const;
    ActivityModel *activityModel() const;
    EarningsTab *earningsTab() const;

    QAction *goOnlineAction() const;
    QAction *pauseAction() const;
    QAction *pauseHourAction() const;
    QAction *pauseTomorrowAction() const;
    QAction *resumeAction() const;
    QAction *settingsAction() const;
    QAction *logsAction() const;
    QAction *diagnosticsAction() const;
    QAction *aboutAction() const;
    QAction *quitAction() const;

    static constexpr int ActivityRows = 50;

signals:
    /// Also what Go online asks for when no session exists yet: nothing can go online unconfigured.
    void settingsRequested();
    void logsRequested();
    void diagnosticsRequested();
    void aboutRequested();
    void quitRequested();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void buildActions();
    void updateActions();
    void goOnline();
    QWidget *buildGpuPage();
    QWidget *buildActivityPage();
    void scheduleRefresh();
    void collectThroughput();
    void tick();

    QPointer<SellerService> m_service;
    QPointer<TodayFigures> m_totals;
    Clock m_clock;
    ThroughputSeries m_series;
    SessionStats::Totals m_seen; ///< totals already added to the series
    QTimer m_refreshTimer;
    QTimer m_tickTimer;
    bool m_placed = false; ///< sized to its screen at the first show

    QAction *m_goOnline = nullptr;
    QAction *m_pause = nullptr; ///< until the seller resumes
    QAction *m_pauseHour = nullptr;
    QAction *m_pauseTomorrow = nullptr;
    QAction *m_resume = nullptr;
    QAction *m_settings = nullptr;
    QAction *m_logs = nullptr;
    QAction *m_copyDiagnostics = nullptr;
    QAction *m_about = nullptr;
    QAction *m_quit = nullptr;
    QLabel *m_hint;
    ConnectionCard *m_card;
    StatsPanel *m_stats;
    ThroughputChart *m_chart;
    QTabWidget *m_tabs;
    GpuTableModel *m_gpuModel;
    QStackedWidget *m_gpuStack;
    QLabel *m_hostLabel;
    QLabel *m_noGpu;
    QLabel *m_diagnostics;
    QTableView *m_gpuView;
    ActivityModel *m_activityModel;
    QTableView *m_activityView;
    EarningsTab *m_earnings;
};

} // namespace coderai
