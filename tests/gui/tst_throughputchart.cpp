// The status window's throughput chart: the hour of per-minute figures behind it, its summary
// for screen readers, and that it paints each series where its minutes are.
#include "throughputchart.h"
#include "throughputseries.h"

#include <QLocale>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestThroughputChart final : public QObject
{
    Q_OBJECT

private slots:
    void throughputSeriesKeepsOneHour();
    void chartPaintsAndSummarizes();
    void chartPaintsTheSeriesWhereItsMinutesAre();
};

void TestThroughputChart::throughputSeriesKeepsOneHour()
{
    ThroughputSeries series;
    const QDateTime start(QDate(2025, 3, 1), QTime(10, 0, 5));
    series.add(start, 2, 100);
    series.add(start.addSecs(30), 1, 50); // same minute
    series.add(start.addSecs(60), 4, 10);
    auto points = series.points(start.addSecs(60));
    QCOMPARE(points.size(), ThroughputSeries::Minutes);
    QCOMPARE(points.last(), (ThroughputSeries::Point{4, 10}));
    QCOMPARE(points.at(points.size() - 2), (ThroughputSeries::Point{3, 150}));
    QCOMPARE(points.first(), ThroughputSeries::Point{});

    // 59 minutes later the first minute is the oldest shown; one more and it is gone.
    points = series.points(start.addSecs(59 * 60));
    QCOMPARE(points.first(), (ThroughputSeries::Point{3, 150}));
    points = series.points(start.addSecs(60 * 60));
    QCOMPARE(points.first(), (ThroughputSeries::Point{4, 10}));
    // A bucket is reused for its minute an hour later, not added to.
    series.add(start.addSecs(60 * 60), 1, 1);
    QCOMPARE(series.points(start.addSecs(60 * 60)).last(), (ThroughputSeries::Point{1, 1}));
}

void TestThroughputChart::chartPaintsAndSummarizes()
{
    ThroughputChart chart;
    QCOMPARE(chart.summary(), u"No requests in the last hour."_s);
    chart.resize(chart.sizeHint());
    QVERIFY(!chart.grab().isNull());

    QList<ThroughputSeries::Point> points(ThroughputSeries::Minutes);
    points[10] = {5, 500};
    points[59] = {12, 3000};
    chart.setPoints(points);
    QCOMPARE(chart.summary(), u"Last hour: 17 requests, %1 tokens generated; at most 12 requests in one minute."_s
                                  .arg(QLocale().toString(3500)));
    QCOMPARE(chart.accessibleDescription(), chart.summary());
    QVERIFY(!chart.grab().toImage().isNull());
}

void TestThroughputChart::chartPaintsTheSeriesWhereItsMinutesAre()
{
    // Two charts whose only difference is the minute of one busy point: same peak, same legend,
    // same guide line. Whatever differs between their pictures is the series itself, so this
    // cannot pass on the frame, the legend or the guide alone.
    auto picture = [](int minute, const ThroughputSeries::Point &point) {
        ThroughputChart chart;
        chart.resize(chart.sizeHint());
        QList<ThroughputSeries::Point> points(ThroughputSeries::Minutes);
        points[minute] = point;
        chart.setPoints(points);
        return chart.grab().toImage();
    };
    // Pixels that differ in a vertical band (fractions of the width) below the plot's middle.
    auto differing = [](const QImage &a, const QImage &b, double from, double to) {
        int count = 0;
        for (int x = int(a.width() * from); x < int(a.width() * to); ++x)
            for (int y = a.height() / 2 + 4; y < a.height() * 3 / 4; ++y)
                count += a.pixel(x, y) != b.pixel(x, y);
        return count;
    };
    const int last = ThroughputSeries::Minutes - 1;
    for (const auto &point : {ThroughputSeries::Point{12, 0}, ThroughputSeries::Point{0, 3000}}) {
        const QByteArray series = point.requests > 0 ? "bars" : "token line";
        const QImage now = picture(last, point);
        const QImage hourAgo = picture(0, point);
        QCOMPARE(now.size(), hourAgo.size());
        // The busy minute is drawn at the right edge ("now") in one and at the left in the other...
        QVERIFY2(differing(now, hourAgo, 0.94, 0.995) > 20, series.constData());
        QVERIFY2(differing(now, hourAgo, 0.005, 0.06) > 20, series.constData());
        // ... and the empty minutes in between look the same.
        QVERIFY2(differing(now, hourAgo, 0.3, 0.7) == 0, series.constData());
    }
}

QTEST_MAIN(TestThroughputChart)
#include "tst_throughputchart.moc"
