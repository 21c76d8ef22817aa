#pragma once

#include <QStringList>
#include <QWidget>

namespace coderai {

/// \brief The painted part of a hand-drawn chart (throughput, earnings): it grows with its chart
/// and paints the y-axis grid they share; each subclass says where its plot goes and paints the
/// series.
class ChartPlot : public QWidget
{
    Q_DISABLE_COPY_MOVE(ChartPlot)

public:
    ChartPlot(const QString &name, QWidget *chart);
    ~ChartPlot() override;

    /// The plotting area in this widget's coordinates.
    virtual QRectF plotRect() const = 0;
    /// plotRect() in the chart's coordinates, laid out first: before the first show the plot has
    /// no geometry yet.
    QRect areaInChart() const;
    QSize minimumSizeHint() const override;

protected:
    /// The width of the widest of \a labels in this widget's font.
    int widest(const QStringList &labels) const;
    /// A dashed line at each tick above 0, the \a left labels right-aligned left of \a plot and the
    /// \a right ones left-aligned right of it (one per tick from 0 up; either may be empty), and
    /// the frame.
    void paintGrid(QPainter &painter, const QRectF &plot, const QStringList &left, const QStringList &right = {}) const;
};

} // namespace coderai
