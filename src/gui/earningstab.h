#pragma once

#include "ledger/ledgertypes.h"
#include "ledger/prices.h"

#include <QDateTime>
#include <QPointer>
#include <QTimer>
#include <QWidget>

#include <functional>

class QComboBox;
class QGridLayout;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QStackedWidget;
class QTableView;

namespace coderai {

class EarningsChart;
class EarningsModel;
class Ledger;

/// \brief The status window's Earnings tab: estimated earnings today and over 7 and 30 days, a
/// 30-day daily chart, a per-model table for a picked range, the figures AISBF's market shows
/// buyers, and "Export CSV…".
///
/// Everything comes from the Ledger it is given (the seller's or the demo's; null shows why
/// there is nothing). Money is shown only while prices are set, always as an estimate: AISBF's
/// statement is what pays. The ledger is read when the tab is shown and, while it is visible, at
/// most once per refresh delay however often scheduleRefresh() is called: never per request.
class EarningsTab final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarningsTab)

public:
    /// Local wall-clock time; tests pass their own.
    using Clock = std::function<QDateTime()>;
    enum class Range { Today, Week, Month };
    Q_ENUM(Range)
    static constexpr std::chrono::milliseconds RefreshDelay{2000};

    explicit EarningsTab(QWidget *parent = nullptr);
    ~EarningsTab() override;

    /// Not owned; null shows the empty state.
    void setLedger(Ledger *ledger);
    Ledger *ledger() const;
    void setPrices(const PriceSettings &prices);
    PriceSettings prices() const;
    void setClock(Clock clock);

    void setRange(Range range);
    Range range() const;

    /// Writes every request finished on local days \a first to \a last (both included) to
    /// \a path as CSV (LedgerExport). False with errorString() set when it could not.
    bool exportCsv(const QString &path, QDate first, QDate last);
    QString errorString() const;

    EarningsChart *chart() const;
    /// The table's proxy: sorted as the seller clicked the headers.
    QSortFilterProxyModel *tableModel() const;

public slots:
    /// Reads the ledger now.
    void refresh();
    /// Something changed in the ledger: read it soon if visible, else when next shown.
    void scheduleRefresh();

signals:
    /// "Set prices…": the seller wants Settings → Earnings.
    void pricesRequested();

protected:
    void showEvent(QShowEvent *event) override;

private:
    struct MarketRow
    {
        QLabel *requests;
        QLabel *tokens;
        QLabel *latency;
        QLabel *errorRate;
    };

    QWidget *buildEstimates();
    QWidget *buildTable();
    QWidget *buildMarket();
    MarketRow addMarketRow(QGridLayout *grid, int row, const QString &title, const QString &suffix);
    void showMarket(const MarketRow &row, const MarketFigures &figures);
    void showTable();
    void chooseExport();
    QDateTime startOf(QDate date) const;

    QPointer<Ledger> m_ledger;
    PriceSettings m_prices;
    Clock m_clock;
    Range m_range = Range::Week;
    bool m_stale = true;
    QString m_error;
    QTimer m_refreshTimer;
    /// Per model, each of the three ranges, from the last refresh.
    QList<LedgerModelTotals> m_rangeModels[3];

    QStackedWidget *m_stack;
    QLabel *m_today;
    QLabel *m_week;
    QLabel *m_month;
    QWidget *m_figures;
    QWidget *m_noPrices;
    EarningsChart *m_chart;
    QComboBox *m_rangeBox;
    EarningsModel *m_model;
    QSortFilterProxyModel *m_proxy;
    QTableView *m_table;
    MarketRow m_market24h{};
    MarketRow m_market7d{};
};

} // namespace coderai
