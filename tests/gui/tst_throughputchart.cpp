// The status window's throughput chart: the day of per-minute figures behind it, the range the
// seller picks (the last hour by minute, the last day by hour), y-axes with their units and round
// ticks, its summary for screen readers, and that it paints each series where its time is.
#include "throughputchart.h"
#include "throughputseries.h"

#include <QComboBox>
#include <QLocale>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

using Point = ThroughputSeries::Point;

QList<Point> day()
{
    return QList<Point>(ThroughputSeries::Minutes);
}

} // namespace

class TestThroughputChart final : public QObject
{
    Q_OBJECT

private slots:
    void throughputSeriesKeepsOneDay();
    void chartPaintsAndSummarizes();
    void rangeSwitchChangesTheSpan();
    void axesShowUnitsAndRoundTicks();
    void chartPaintsTheSeriesWhereItsTimeIs_data();
    void chartPaintsTheSeriesWhereItsTimeIs();
};

void TestThroughputChart::throughputSeriesKeepsOneDay()
{
    ThroughputSeries series;
    const QDateTime start(QDate(2025, 3, 1), QTime(10, 0, 5));
    series.add(start, 2, 100);
    series.add(start.addSecs(30), 1, 50); // same minute
    series.add(start.addSecs(60), 4, 10);
    auto points = series.points(start.addSecs(60));
    QCOMPARE(points.size(), 24 * 60);
    QCOMPARE(points.last(), (Point{4, 10}));
    QCOMPARE(points.at(points.size() - 2), (Point{3, 150}));
    QCOMPARE(points.first(), Point{});

    // A day less a minute later the first minute is the oldest kept; one more and it is gone.
    const qint64 daySecs = 24 * 3600;
    points = series.points(start.addSecs(daySecs - 60));
    QCOMPARE(points.first(), (Point{3, 150}));
    points = series.points(start.addSecs(daySecs));
    QCOMPARE(points.first(), (Point{4, 10}));
    // A bucket is reused for its minute a day later, not added to.
    series.add(start.addSecs(daySecs), 1, 1);
    QCOMPARE(series.points(start.addSecs(daySecs)).last(), (Point{1, 1}));
}

void TestThroughputChart::chartPaintsAndSummarizes()
{
    ThroughputChart chart;
    QCOMPARE(chart.range(), ThroughputRange::Hour);
    QCOMPARE(chart.summary(), u"No requests in the last hour."_s);
    chart.resize(chart.sizeHint());
    QVERIFY(!chart.grab().isNull());

    QList<Point> points = day();
    points[points.size() - 50] = {5, 500};
    points.last() = {12, 3000};
    points[10] = {100, 9000}; // the day's early hours: outside the last hour
    chart.setPoints(points);
    const QString summary = chart.summary();
    QVERIFY2(summary.startsWith(u"Last hour: 17 request"_s), qPrintable(summary));
    QVERIFY2(summary.contains(QLocale().toString(3500)), qPrintable(summary));
    QVERIFY2(summary.contains(u"at most 12 request"_s), qPrintable(summary));
    QCOMPARE(chart.accessibleDescription(), chart.summary());
    QVERIFY(!chart.grab().toImage().isNull());
}

void TestThroughputChart::rangeSwitchChangesTheSpan()
{
    ThroughputChart chart;
    chart.resize(chart.sizeHint());
    QList<Point> points = day();
    points[0] = {7, 70}; // 24 hours ago
    points[600] = {2, 20};
    points.last() = {1, 10}; // now
    chart.setPoints(points);
    QCOMPARE(chart.pointCount(), 60);
    QCOMPARE(chart.minutesPerPoint(), 1);
    QCOMPARE(chart.points().size(), 60);
    QCOMPARE(chart.points().last(), (Point{1, 10}));

    // The seller picks the day in the chart's own combo box.
    auto *box = chart.findChild<QComboBox *>(u"throughputRange"_s);
    QVERIFY(box);
    QSignalSpy picked(&chart, &ThroughputChart::rangeChanged);
    QTest::keyClick(box, Qt::Key_Down);
    QCOMPARE(picked.size(), 1);
    QCOMPARE(picked.at(0).at(0).value<ThroughputRange>(), ThroughputRange::Day);
    QCOMPARE(chart.range(), ThroughputRange::Day);
    QCOMPARE(chart.minutesPerPoint(), 60);
    QCOMPARE(chart.points().size(), 24);
    // Each hour sums its minutes: the oldest hour holds what came 24 hours ago.
    QCOMPARE(chart.points().first(), (Point{7, 70}));
    QCOMPARE(chart.points().at(10), (Point{2, 20}));
    QCOMPARE(chart.points().last(), (Point{1, 10}));
    QVERIFY2(chart.summary().startsWith(u"Last 24 hours: 10 request"_s), qPrintable(chart.summary()));

    // Restored from the preferences: no signal, the combo box follows.
    chart.setRange(ThroughputRange::Hour);
    QCOMPARE(box->currentIndex(), 0);
    QCOMPARE(picked.size(), 1);
    QCOMPARE(chart.points().size(), 60);
    QCOMPARE(chart.summary().startsWith(u"Last hour: 1 request"_s), true);
}

void TestThroughputChart::axesShowUnitsAndRoundTicks()
{
    ThroughputChart chart;
    chart.resize(chart.sizeHint());
    // Empty, the axes still say what they count.
    QCOMPARE(chart.requestsAxis().unit, u"Requests per minute"_s);
    QCOMPARE(chart.tokensAxis().unit, u"Tokens per minute"_s);
    QCOMPARE(chart.requestsAxis().ticks, (QList<qint64>{0, 1, 2, 3, 4}));

    QList<Point> points = day();
    points.last() = {13, 3100};
    points[points.size() - 120] = {40, 30000}; // two hours ago: only in the day's range
    chart.setPoints(points);
    // The top is the next round value at or above the peak; ticks split it evenly.
    QCOMPARE(chart.requestsAxis().ticks, (QList<qint64>{0, 5, 10, 15, 20}));
    QCOMPARE(chart.tokensAxis().ticks, (QList<qint64>{0, 1000, 2000, 3000, 4000}));
    QCOMPARE(chart.tokensAxis().top, 4000);

    chart.setRange(ThroughputRange::Day);
    QCOMPARE(chart.requestsAxis().unit, u"Requests per hour"_s);
    QCOMPARE(chart.tokensAxis().unit, u"Tokens per hour"_s);
    QCOMPARE(chart.requestsAxis().top, 40);
    QCOMPARE(chart.tokensAxis().ticks, (QList<qint64>{0, 10000, 20000, 30000, 40000}));

    // The axes take room beside the plot: the tick labels are painted there.
    const QRect plot = chart.plotArea();
    QVERIFY(plot.left() > 0);
    QVERIFY(plot.right() < chart.width() - 1);
    QVERIFY(chart.rect().contains(plot));
}

void TestThroughputChart::chartPaintsTheSeriesWhereItsTimeIs_data()
{
    QTest::addColumn<ThroughputRange>("range");
    QTest::newRow("hour") << ThroughputRange::Hour;
    QTest::newRow("day") << ThroughputRange::Day;
}

void TestThroughputChart::chartPaintsTheSeriesWhereItsTimeIs()
{
    QFETCH(ThroughputRange, range);
    // Two charts whose only difference is the time of one busy point: same peak, same axes,
    // same grid. Whatever differs between their pictures is the series itself, so this cannot
    // pass on the frame, the axes or the grid alone.
    QRect plot;
    auto picture = [&](bool oldest, const Point &point) {
        ThroughputChart chart;
        chart.setRange(range);
        chart.resize(chart.sizeHint());
        QList<Point> points = day();
        const int span = chart.pointCount() * chart.minutesPerPoint();
        points[oldest ? points.size() - span : points.size() - 1] = point;
        chart.setPoints(points);
        const QImage image = chart.grab().toImage();
        plot = chart.plotArea();
        return image;
    };
    // Pixels that differ in a vertical band (fractions of the plot's width) in its lower half.
    auto differing = [&](const QImage &a, const QImage &b, double from, double to) {
        int count = 0;
        for (int x = plot.left() + int(plot.width() * from); x < plot.left() + int(plot.width() * to); ++x)
            for (int y = plot.center().y() + 4; y < plot.bottom() - 2; ++y)
                count += a.pixel(x, y) != b.pixel(x, y);
        return count;
    };
    for (const Point &point : {Point{12, 0}, Point{0, 3000}}) {
        const QByteArray series = point.requests > 0 ? "bars" : "token line";
        const QImage now = picture(false, point);
        const QImage oldest = picture(true, point);
        QCOMPARE(now.size(), oldest.size());
        QVERIFY2(differing(now, oldest, 0.95, 0.995) > 20, series.constData());
        QVERIFY2(differing(now, oldest, 0.005, 0.05) > 20, series.constData());
        QVERIFY2(differing(now, oldest, 0.3, 0.7) == 0, series.constData());
    }
}

QTEST_MAIN(TestThroughputChart)
#include "tst_throughputchart.moc"
