#include "throughputchart.h"

#include <QLocale>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace coderai {
namespace {

// Tokens get a colour of their own that reads against the palette's highlight (the bars) for
// the common kinds of colour blindness: blue bars, orange line.
const QColor kTokenColour(0xef, 0x6c, 0x00);

} // namespace

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("throughputChart"));
    setAccessibleName(tr("Throughput over the last hour"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    setPoints({});
}

ThroughputChart::~ThroughputChart() = default;

void ThroughputChart::setPoints(const QList<ThroughputSeries::Point> &points)
{
    if (points == m_points && !accessibleDescription().isEmpty())
        return;
    m_points = points;
    setAccessibleDescription(summary());
    setToolTip(summary());
    update();
}

QList<ThroughputSeries::Point> ThroughputChart::points() const { return m_points; }

QString ThroughputChart::summary() const
{
    qint64 requests = 0;
    qint64 tokens = 0;
    qint64 peak = 0;
    for (const auto &point : m_points) {
        requests += point.requests;
        tokens += point.tokens;
        peak = std::max(peak, point.requests);
    }
    if (requests == 0 && tokens == 0)
        return tr("No requests in the last hour.");
    const QLocale locale;
    return tr("Last hour: %1 requests, %2 tokens generated; at most %3 requests in one minute.")
        .arg(locale.toString(requests), locale.toString(tokens), locale.toString(peak));
}

QSize ThroughputChart::sizeHint() const
{
    return {420, 170};
}

QSize ThroughputChart::minimumSizeHint() const
{
    return {200, 100};
}

void ThroughputChart::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    const QRectF plot = QRectF(rect()).adjusted(6, line + 8, -6, -(line + 6));

    painter.fillRect(plot, pal.color(QPalette::Base));
    painter.setPen(QPen(pal.color(QPalette::Mid), 1));
    painter.drawRect(plot.adjusted(0.5, 0.5, -0.5, -0.5));

    qint64 peakRequests = 0;
    qint64 peakTokens = 0;
    for (const auto &point : m_points) {
        peakRequests = std::max(peakRequests, point.requests);
        peakTokens = std::max(peakTokens, point.tokens);
    }

    // Axis captions: the hour runs left to right, ending now.
    painter.setPen(pal.color(QPalette::WindowText));
    const QRectF bottom(plot.left(), plot.bottom() + 3, plot.width(), line);
    painter.drawText(bottom, Qt::AlignLeft | Qt::AlignTop, tr("60 min ago"));
    painter.drawText(bottom, Qt::AlignRight | Qt::AlignTop, tr("now"));

    const QLocale locale;
    const QRectF top(plot.left(), 2, plot.width(), line + 4);
    const QColor barColour = pal.color(QPalette::Highlight);
    const QString requestsLegend = tr("Requests/min (peak %1)").arg(locale.toString(peakRequests));
    const QString tokensLegend = tr("Tokens/min (peak %1)").arg(locale.toString(peakTokens));
    const int swatch = line / 2 + 2;
    painter.fillRect(QRectF(top.left(), top.center().y() - swatch / 2.0, swatch, swatch), barColour);
    painter.drawText(top.adjusted(swatch + 4, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, requestsLegend);
    const int tokensWidth = metrics.horizontalAdvance(tokensLegend);
    painter.drawText(top, Qt::AlignRight | Qt::AlignVCenter, tokensLegend);
    painter.setPen(QPen(kTokenColour, 2));
    const qreal lineX = top.right() - tokensWidth - 6;
    painter.drawLine(QPointF(lineX - swatch, top.center().y()), QPointF(lineX, top.center().y()));

    if (m_points.isEmpty() || (peakRequests == 0 && peakTokens == 0)) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter, tr("No requests in the last hour"));
        return;
    }

    const QRectF area = plot.adjusted(2, 4, -2, -2);
    const qreal step = area.width() / m_points.size();
    // Half-height guide, so the scale of both series reads at a glance.
    painter.setPen(QPen(pal.color(QPalette::Midlight), 1, Qt::DashLine));
    painter.drawLine(QPointF(area.left(), area.center().y()), QPointF(area.right(), area.center().y()));

    if (peakRequests > 0) {
        QColor fill = barColour;
        fill.setAlpha(170);
        for (int i = 0; i < m_points.size(); ++i) {
            const qreal height = area.height() * m_points.at(i).requests / peakRequests;
            if (height <= 0)
                continue;
            const qreal gap = step > 3 ? 1.0 : 0.0;
            painter.fillRect(QRectF(area.left() + i * step + gap / 2, area.bottom() - height, step - gap, height), fill);
        }
    }
    if (peakTokens > 0) {
        QPainterPath path;
        for (int i = 0; i < m_points.size(); ++i) {
            const QPointF point(area.left() + (i + 0.5) * step,
                                area.bottom() - area.height() * m_points.at(i).tokens / peakTokens);
            if (i == 0)
                path.moveTo(point);
            else
                path.lineTo(point);
        }
        painter.setPen(QPen(kTokenColour, 2, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
        painter.setBrush(Qt::NoBrush);
        painter.drawPath(path);
    }
}

} // namespace coderai
