#pragma once

#include "chartaxis.h"
#include "throughputseries.h"

#include <QList>
#include <QWidget>

class QComboBox;

namespace coderai {

/// \brief Requests (bars) and tokens (line) over the last hour or the last day, each against a
/// y-axis of its own with its unit, painted by hand: one small widget instead of a dependency on
/// Qt Charts.
///
/// The chart owns its range picker, so the window that hosts it needs no wiring for it; whoever
/// remembers the seller's choice listens to rangeChanged() and calls setRange() at start.
class ThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)

public:
    using Axis = ChartAxis;

    explicit ThroughputChart(QWidget *parent = nullptr);
    ~ThroughputChart() override;

    /// Per-minute points, oldest first and ending now, as ThroughputSeries::points() gives them;
    /// fewer than a day's worth count as the most recent minutes.
    void setPoints(const QList<ThroughputSeries::Point> &minutes);
    /// What is plotted for the current range: a point per minute over the last hour, or per hour
    /// over the last day; oldest first.
    QList<ThroughputSeries::Point> points() const;

    void setRange(ThroughputRange range);
    ThroughputRange range() const;
    /// Minutes one plotted point covers (1 or 60) and how many points the range spans.
    int minutesPerPoint() const;
    int pointCount() const;

    Axis requestsAxis() const;
    Axis tokensAxis() const;
    /// The figures in words, also the accessible description: screen readers get no chart.
    QString summary() const;
    /// The plotting area in this widget's coordinates, below the picker and between the axes.
    QRect plotArea() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

signals:
    /// The seller picked another range (not emitted by setRange()).
    void rangeChanged(coderai::ThroughputRange range);

private:
    class Plot;

    void rebuild();
    Axis axisFor(qint64 peak, const QString &unit) const;

    QList<ThroughputSeries::Point> m_minutes; ///< always ThroughputSeries::Minutes long
    QList<ThroughputSeries::Point> m_points; ///< m_minutes grouped for the range
    ThroughputRange m_range = ThroughputRange::Hour;
    QComboBox *m_rangeBox;
    Plot *m_plot;
};

} // namespace coderai
