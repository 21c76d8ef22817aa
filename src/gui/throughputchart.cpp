#include "throughputchart.h"

#include "chartplot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLayout>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace coderai {
namespace {

// Tokens get a colour of their own that reads against the palette's highlight (the bars) for
// the common kinds of colour blindness: blue bars, orange line.
const QColor kTokenColour(0xef, 0x6c, 0x00);

// Both axes are cut into the same number of steps, so their ticks share the grid lines.
constexpr int kAxisSteps = 4;

} // namespace

/// The painted part: legend, axes and the two series. Reads its figures from the chart.
class ThroughputChart::Plot final : public ChartPlot
{
public:
    explicit Plot(ThroughputChart *chart)
        : ChartPlot(QStringLiteral("throughputPlot"), chart)
        , m_chart(chart)
    {
    }

    static QStringList labels(const Axis &axis)
    {
        const QLocale locale;
        QStringList labels;
        for (const qint64 tick : axis.ticks)
            labels.append(locale.toString(tick));
        return labels;
    }

    QRectF plotRect() const override
    {
        const int line = QFontMetrics(font()).height();
        const int left = widest(labels(m_chart->requestsAxis())) + 8;
        const int right = widest(labels(m_chart->tokensAxis())) + 8;
        // Room above for the units and half a tick label; below for the time captions.
        return QRectF(rect()).adjusted(left, line + 8 + line / 2, -right, -(line + 6));
    }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    ThroughputChart *m_chart;
};

void ThroughputChart::Plot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPalette &pal = palette();
    const QFontMetrics metrics(font());
    const int line = metrics.height();
    const QRectF plot = plotRect();
    const QLocale locale;
    const Axis requests = m_chart->requestsAxis();
    const Axis tokens = m_chart->tokensAxis();
    const QList<ThroughputSeries::Point> &points = m_chart->m_points;
    const bool hour = m_chart->m_range == ThroughputRange::Hour;

    painter.fillRect(plot, pal.color(QPalette::Base));

    // Units above their axes: requests on the left with the bars' colour, tokens on the right.
    const QColor barColour = pal.color(QPalette::Highlight);
    const QRectF top(0, 2, width(), line + 4);
    const int swatch = line / 2 + 2;
    painter.fillRect(QRectF(top.left() + 2, top.center().y() - swatch / 2.0, swatch, swatch), barColour);
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(top.adjusted(swatch + 8, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter, requests.unit);
    painter.drawText(top.adjusted(0, 0, -(swatch + 8), 0), Qt::AlignRight | Qt::AlignVCenter, tokens.unit);
    painter.setPen(QPen(kTokenColour, 2));
    painter.drawLine(QPointF(top.right() - swatch - 2, top.center().y()), QPointF(top.right() - 2, top.center().y()));

    // Both axes have kAxisSteps steps, so one grid line serves both.
    paintGrid(painter, plot, labels(requests), labels(tokens));

    // Time runs left to right, ending now.
    painter.setPen(pal.color(QPalette::WindowText));
    const QRectF bottom(plot.left(), plot.bottom() + 3, plot.width(), line);
    painter.drawText(bottom, Qt::AlignLeft | Qt::AlignTop, hour ? ThroughputChart::tr("60 min ago") : ThroughputChart::tr("24 h ago"));
    painter.drawText(bottom, Qt::AlignHCenter | Qt::AlignTop, hour ? ThroughputChart::tr("30 min ago") : ThroughputChart::tr("12 h ago"));
    painter.drawText(bottom, Qt::AlignRight | Qt::AlignTop, ThroughputChart::tr("now"));

    qint64 peakRequests = 0;
    qint64 peakTokens = 0;
    for (const auto &point : points) {
        peakRequests = std::max(peakRequests, point.requests);
        peakTokens = std::max(peakTokens, point.tokens);
    }
    if (points.isEmpty() || (peakRequests == 0 && peakTokens == 0)) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(plot, Qt::AlignCenter,
                         hour ? ThroughputChart::tr("No requests in the last hour") : ThroughputChart::tr("No requests in the last 24 hours"));
        return;
    }

    const QRectF area = plot.adjusted(1, 0, -1, -1);
    const qreal step = area.width() / points.size();
    if (peakRequests > 0) {
        QColor fill = barColour;
        fill.setAlpha(170);
        for (int i = 0; i < points.size(); ++i) {
            const qreal height = area.height() * points.at(i).requests / requests.top;
            if (height <= 0)
                continue;
            const qreal gap = step > 3 ? 1.0 : 0.0;
            painter.fillRect(QRectF(area.left() + i * step + gap / 2, area.bottom() - height, step - gap, height), fill);
        }
    }
    if (peakTokens > 0) {
        QPainterPath path;
        for (int i = 0; i < points.size(); ++i) {
            const QPointF point(area.left() + (i + 0.5) * step,
                                area.bottom() - area.height() * points.at(i).tokens / tokens.top);
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

ThroughputChart::ThroughputChart(QWidget *parent)
    : QWidget(parent)
    , m_minutes(ThroughputSeries::Minutes)
    , m_rangeBox(new QComboBox(this))
    , m_plot(new Plot(this))
{
    setObjectName(QStringLiteral("throughputChart"));
    setAccessibleName(tr("Throughput chart"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);

    m_rangeBox->setObjectName(QStringLiteral("throughputRange"));
    m_rangeBox->setAccessibleName(tr("Chart range"));
    m_rangeBox->addItem(tr("Last hour"), QVariant::fromValue(int(ThroughputRange::Hour)));
    m_rangeBox->addItem(tr("Last 24 hours"), QVariant::fromValue(int(ThroughputRange::Day)));
    auto *rangeLabel = new QLabel(tr("&Show:"), this);
    rangeLabel->setBuddy(m_rangeBox);
    connect(m_rangeBox, &QComboBox::activated, this, [this](int index) {
        const auto picked = static_cast<ThroughputRange>(m_rangeBox->itemData(index).toInt());
        if (picked == m_range)
            return;
        setRange(picked);
        emit rangeChanged(picked);
    });

    auto *picker = new QHBoxLayout;
    picker->addStretch(1);
    picker->addWidget(rangeLabel);
    picker->addWidget(m_rangeBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(picker);
    layout->addWidget(m_plot, 1);
    rebuild();
}

ThroughputChart::~ThroughputChart() = default;

void ThroughputChart::setPoints(const QList<ThroughputSeries::Point> &minutes)
{
    QList<ThroughputSeries::Point> padded = minutes.mid(std::max<qsizetype>(0, minutes.size() - ThroughputSeries::Minutes));
    if (padded.size() < ThroughputSeries::Minutes)
        padded.insert(0, ThroughputSeries::Minutes - padded.size(), ThroughputSeries::Point{});
    if (padded == m_minutes)
        return;
    m_minutes = std::move(padded);
    rebuild();
}

QList<ThroughputSeries::Point> ThroughputChart::points() const { return m_points; }

void ThroughputChart::setRange(ThroughputRange range)
{
    m_rangeBox->setCurrentIndex(m_rangeBox->findData(int(range)));
    if (range == m_range)
        return;
    m_range = range;
    rebuild();
}

ThroughputRange ThroughputChart::range() const { return m_range; }

int ThroughputChart::minutesPerPoint() const { return m_range == ThroughputRange::Hour ? 1 : 60; }

int ThroughputChart::pointCount() const { return m_range == ThroughputRange::Hour ? 60 : 24; }

void ThroughputChart::rebuild()
{
    const int per = minutesPerPoint();
    const int count = pointCount();
    m_points = QList<ThroughputSeries::Point>(count);
    const qsizetype first = m_minutes.size() - qsizetype(per) * count;
    for (qsizetype i = 0; i < qsizetype(per) * count; ++i) {
        const ThroughputSeries::Point &minute = m_minutes.at(first + i);
        ThroughputSeries::Point &point = m_points[i / per];
        point.requests += minute.requests;
        point.tokens += minute.tokens;
    }
    setAccessibleDescription(summary());
    setToolTip(summary());
    m_plot->update();
}

ThroughputChart::Axis ThroughputChart::axisFor(qint64 peak, const QString &unit) const
{
    return ChartAxis::forPeak(peak, unit, kAxisSteps);
}

ThroughputChart::Axis ThroughputChart::requestsAxis() const
{
    qint64 peak = 0;
    for (const auto &point : m_points)
        peak = std::max(peak, point.requests);
    return axisFor(peak, m_range == ThroughputRange::Hour ? tr("Requests per minute") : tr("Requests per hour"));
}

ThroughputChart::Axis ThroughputChart::tokensAxis() const
{
    qint64 peak = 0;
    for (const auto &point : m_points)
        peak = std::max(peak, point.tokens);
    return axisFor(peak, m_range == ThroughputRange::Hour ? tr("Tokens per minute") : tr("Tokens per hour"));
}

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
    const bool hour = m_range == ThroughputRange::Hour;
    if (requests == 0 && tokens == 0)
        return hour ? tr("No requests in the last hour.") : tr("No requests in the last 24 hours.");
    // Numerus forms take an int; a chart's counts beyond that would still read as "many".
    auto n = [](qint64 value) { return static_cast<int>(std::min<qint64>(value, INT_MAX)); };
    const QString served = tr("%Ln request(s)", nullptr, n(requests));
    const QString generated = tr("%Ln token(s) generated", nullptr, n(tokens));
    return hour ? tr("Last hour: %1, %2; at most %3 in one minute.")
                      .arg(served, generated, tr("%Ln request(s)", nullptr, n(peak)))
                : tr("Last 24 hours: %1, %2; at most %3 in one hour.")
                      .arg(served, generated, tr("%Ln request(s)", nullptr, n(peak)));
}

QRect ThroughputChart::plotArea() const
{
    return m_plot->areaInChart();
}

QSize ThroughputChart::sizeHint() const
{
    return {420, 200};
}

QSize ThroughputChart::minimumSizeHint() const
{
    return {240, 130};
}

} // namespace coderai
