#include "earningschart.h"

#include "chartplot.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLocale>
#include <QPainter>
#include <QVBoxLayout>

#include <algorithm>
#include <climits>

namespace coderai {
namespace {

constexpr int kAxisSteps = 4;

} // namespace

/// The painted part: unit, y-axis with grid, one bar per day and the first and last dates below.
class EarningsChart::Plot final : public ChartPlot
{
public:
    explicit Plot(EarningsChart *chart)
        : ChartPlot(QStringLiteral("earningsPlot"), chart)
        , m_chart(chart)
    {
    }

    QStringList labels() const
    {
        QStringList labels;
        for (const qint64 tick : m_chart->axis().ticks)
            labels.append(m_chart->valueText(tick));
        return labels;
    }

    QRectF plotRect() const override
    {
        const int line = QFontMetrics(font()).height();
        // Room above for the unit and half a tick label, below for the dates.
        return QRectF(rect()).adjusted(widest(labels()) + 8, line + 4 + line / 2, -8, -(line + 6));
    }

protected:
    void paintEvent(QPaintEvent *) override;

private:
    EarningsChart *m_chart;
};

void EarningsChart::Plot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    const QPalette &pal = palette();
    const int line = QFontMetrics(font()).height();
    const QRectF plot = plotRect();
    const ChartAxis axis = m_chart->axis();
    const QList<qint64> values = m_chart->values();
    const QList<Day> &days = m_chart->m_days;

    painter.fillRect(plot, pal.color(QPalette::Base));
    painter.setPen(pal.color(QPalette::WindowText));
    painter.drawText(QRectF(2, 2, width() - 4, line + 2), Qt::AlignLeft | Qt::AlignVCenter, axis.unit);

    paintGrid(painter, plot, labels());

    if (!days.isEmpty()) {
        const QLocale locale;
        const QString format = locale.dateFormat(QLocale::ShortFormat);
        const QRectF bottom(plot.left(), plot.bottom() + 3, plot.width(), line);
        painter.setPen(pal.color(QPalette::WindowText));
        painter.drawText(bottom, Qt::AlignLeft | Qt::AlignTop, locale.toString(days.first().date, format));
        painter.drawText(bottom, Qt::AlignRight | Qt::AlignTop, locale.toString(days.last().date, format));
    }

    const qint64 peak = values.isEmpty() ? 0 : *std::max_element(values.cbegin(), values.cend());
    if (peak == 0) {
        painter.setPen(pal.color(QPalette::PlaceholderText));
        // EarningsChart::tr: plain tr() here is QWidget's, whose context no translation has.
        painter.drawText(plot, Qt::AlignCenter, EarningsChart::tr("Nothing in the last 30 days"));
        return;
    }
    QColor fill = pal.color(QPalette::Highlight);
    fill.setAlpha(190);
    const QRectF area = plot.adjusted(1, 0, -1, -1);
    const qreal step = area.width() / values.size();
    const qreal gap = step > 4 ? 2.0 : 0.0;
    for (int i = 0; i < values.size(); ++i) {
        const qreal height = area.height() * values.at(i) / axis.top;
        if (height > 0)
            painter.fillRect(QRectF(area.left() + i * step + gap / 2, area.bottom() - height, step - gap, height), fill);
    }
}

EarningsChart::EarningsChart(QWidget *parent)
    : QWidget(parent)
    , m_metricBox(new QComboBox(this))
    , m_plot(new Plot(this))
{
    setObjectName(QStringLiteral("earningsChart"));
    setAccessibleName(tr("Daily chart, last 30 days"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);

    m_metricBox->setObjectName(QStringLiteral("earningsMetric"));
    m_metricBox->setAccessibleName(tr("Chart shows"));
    auto *label = new QLabel(tr("Sho&w:"), this);
    label->setBuddy(m_metricBox);
    connect(m_metricBox, &QComboBox::activated, this, [this](int index) {
        const auto picked = static_cast<Metric>(m_metricBox->itemData(index).toInt());
        if (picked == m_metric)
            return;
        setMetric(picked);
        emit metricChanged(picked);
    });

    auto *picker = new QHBoxLayout;
    picker->addStretch(1);
    picker->addWidget(label);
    picker->addWidget(m_metricBox);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(picker);
    layout->addWidget(m_plot, 1);
    rebuildPicker();
    changed();
}

EarningsChart::~EarningsChart() = default;

void EarningsChart::setDays(const QList<Day> &days)
{
    if (days == m_days)
        return;
    m_days = days;
    changed();
}

QList<EarningsChart::Day> EarningsChart::days() const { return m_days; }

void EarningsChart::setCurrency(const QString &currency)
{
    if (currency == m_currency)
        return;
    m_currency = currency;
    if (m_currency.isEmpty() && m_metric == Metric::Earnings)
        m_metric = Metric::Requests;
    rebuildPicker();
    changed();
}

void EarningsChart::setMetric(Metric metric)
{
    if (metric == Metric::Earnings && !canShowEarnings())
        metric = Metric::Requests;
    m_metricBox->setCurrentIndex(m_metricBox->findData(int(metric)));
    if (metric == m_metric)
        return;
    m_metric = metric;
    changed();
}

EarningsChart::Metric EarningsChart::shownMetric() const { return m_metric; }

bool EarningsChart::canShowEarnings() const { return !m_currency.isEmpty(); }

void EarningsChart::rebuildPicker()
{
    m_metricBox->clear();
    m_metricBox->addItem(tr("Requests"), int(Metric::Requests));
    m_metricBox->addItem(tr("Tokens"), int(Metric::Tokens));
    if (canShowEarnings())
        m_metricBox->addItem(tr("Estimated earnings"), int(Metric::Earnings));
    m_metricBox->setCurrentIndex(m_metricBox->findData(int(m_metric)));
}

QList<qint64> EarningsChart::values() const
{
    QList<qint64> values;
    values.reserve(m_days.size());
    for (const Day &day : m_days) {
        switch (m_metric) {
        case Metric::Requests: values.append(day.requests); break;
        case Metric::Tokens: values.append(day.tokens); break;
        case Metric::Earnings: values.append(day.earnings); break;
        }
    }
    return values;
}

ChartAxis EarningsChart::axis() const
{
    const QList<qint64> all = values();
    const qint64 peak = all.isEmpty() ? 0 : *std::max_element(all.cbegin(), all.cend());
    switch (m_metric) {
    case Metric::Requests: return ChartAxis::forPeak(peak, tr("Requests per day"), kAxisSteps);
    case Metric::Tokens: return ChartAxis::forPeak(peak, tr("Tokens per day"), kAxisSteps);
    case Metric::Earnings: break;
    }
    // Ticks in micros: a seller who earns fractions of a cent still sees bars, not a flat line.
    return ChartAxis::forPeak(peak, tr("Estimated earnings per day (%1)").arg(m_currency), kAxisSteps);
}

QString EarningsChart::valueText(qint64 value) const
{
    const QLocale locale;
    return m_metric == Metric::Earnings ? money::format(value, QString(), locale) : locale.toString(value);
}

QString EarningsChart::summary() const
{
    const QList<qint64> all = values();
    qint64 total = 0;
    for (const qint64 value : all)
        total += value;
    if (total == 0)
        return tr("Nothing in the last 30 days.");
    auto n = [](qint64 value) { return static_cast<int>(std::min<qint64>(value, INT_MAX)); };
    switch (m_metric) {
    case Metric::Requests: return tr("Last 30 days: %Ln request(s).", nullptr, n(total));
    case Metric::Tokens: return tr("Last 30 days: %Ln token(s).", nullptr, n(total));
    case Metric::Earnings: break;
    }
    return tr("Last 30 days: %1 estimated.").arg(money::format(total, m_currency, QLocale()));
}

void EarningsChart::changed()
{
    setAccessibleDescription(summary());
    setToolTip(summary());
    m_plot->update();
}

QRect EarningsChart::plotArea() const
{
    return m_plot->areaInChart();
}

QSize EarningsChart::sizeHint() const { return {420, 200}; }

QSize EarningsChart::minimumSizeHint() const { return {240, 130}; }

} // namespace coderai
