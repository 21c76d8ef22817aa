#include "chartplot.h"

#include <QLayout>
#include <QPainter>

#include <algorithm>

namespace coderai {

ChartPlot::ChartPlot(const QString &name, QWidget *chart)
    : QWidget(chart)
{
    setObjectName(name);
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
}

ChartPlot::~ChartPlot() = default;

QRect ChartPlot::areaInChart() const
{
    if (QLayout *layout = parentWidget()->layout())
        layout->activate();
    return plotRect().toAlignedRect().translated(pos());
}

QSize ChartPlot::minimumSizeHint() const
{
    return {200, 100};
}

int ChartPlot::widest(const QStringList &labels) const
{
    const QFontMetrics metrics(font());
    int width = 0;
    for (const QString &label : labels)
        width = std::max(width, metrics.horizontalAdvance(label));
    return width;
}

void ChartPlot::paintGrid(QPainter &painter, const QRectF &plot, const QStringList &left, const QStringList &right) const
{
    const QPalette &pal = palette();
    const int line = QFontMetrics(font()).height();
    const qsizetype steps = std::max(left.size(), right.size()) - 1;
    for (qsizetype i = 0; i <= steps; ++i) {
        const qreal y = plot.bottom() - plot.height() * qreal(i) / qreal(std::max<qsizetype>(steps, 1));
        if (i > 0) {
            painter.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DashLine));
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y));
        }
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(QRectF(0, y - line / 2.0, plot.left() - 4, line), Qt::AlignRight | Qt::AlignVCenter,
                         left.value(i));
        painter.drawText(QRectF(plot.right() + 4, y - line / 2.0, width() - plot.right() - 4, line),
                         Qt::AlignLeft | Qt::AlignVCenter, right.value(i));
    }
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.drawRect(plot.adjusted(0.5, 0.5, -0.5, -0.5));
}

} // namespace coderai
