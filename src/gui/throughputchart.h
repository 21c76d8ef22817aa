#pragma once

#include "throughputseries.h"

#include <QList>
#include <QWidget>

namespace coderai {

/// \brief Requests per minute (bars) and tokens per minute (line) over the last hour, painted
/// by hand: one small widget instead of a dependency on Qt Charts.
class ThroughputChart final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ThroughputChart)

public:
    explicit ThroughputChart(QWidget *parent = nullptr);
    ~ThroughputChart() override;

    /// Oldest first, one point per minute, as ThroughputSeries::points() gives them.
    void setPoints(const QList<ThroughputSeries::Point> &points);
    QList<ThroughputSeries::Point> points() const;
    /// The figures in words, also the accessible description: screen readers get no chart.
    QString summary() const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<ThroughputSeries::Point> m_points;
};

} // namespace coderai
