#pragma once

#include "chartaxis.h"
#include "ledger/money.h"

#include <QDate>
#include <QList>
#include <QWidget>

class QComboBox;

namespace coderai {

/// \brief One bar per local day over the last 30 days: requests, tokens or estimated earnings,
/// whichever the seller picks, against a y-axis with its unit. Painted by hand like the
/// throughput chart.
///
/// Earnings can be picked only while prices are set (a currency): without them there is no money
/// to show, and a chart of zeros would read as "you earned nothing".
class EarningsChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(EarningsChart)

public:
    enum class Metric { Requests, Tokens, Earnings };
    Q_ENUM(Metric)

    struct Day
    {
        QDate date;
        qint64 requests = 0; ///< every outcome
        qint64 tokens = 0; ///< prompt and completion, every outcome
        money::Micros earnings = 0; ///< estimated, served requests only

        friend bool operator==(const Day &, const Day &) = default;
    };

    explicit EarningsChart(QWidget *parent = nullptr);
    ~EarningsChart() override;

    /// Oldest first, one entry per day.
    void setDays(const QList<Day> &days);
    QList<Day> days() const;
    /// The currency label of the prices; empty when none are set, which takes Earnings away.
    void setCurrency(const QString &currency);

    void setMetric(Metric metric);
    Metric shownMetric() const; // not metric(): QWidget::metric() is a virtual of its own
    /// Whether Earnings can be picked now.
    bool canShowEarnings() const;

    /// The plotted values of the current metric, oldest first (micros for earnings).
    QList<qint64> values() const;
    ChartAxis axis() const;
    /// A tick or figure of the current metric as the axis labels it.
    QString valueText(qint64 value) const;
    /// The figures in words, also the accessible description.
    QString summary() const;
    QRect plotArea() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The seller picked another metric (not emitted by setMetric()).
    void metricChanged(coderai::EarningsChart::Metric metric);

private:
    class Plot;

    void rebuildPicker();
    void changed();

    QList<Day> m_days;
    QString m_currency;
    Metric m_metric = Metric::Requests;
    QComboBox *m_metricBox;
    Plot *m_plot;
};

} // namespace coderai
