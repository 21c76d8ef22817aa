#include "broker/backoff.h"

#include <QTest>

using namespace coderai;
using namespace std::chrono_literals;

class TestBackoff final : public QObject
{
    Q_OBJECT

private slots:
    void growsExponentiallyUpToCap();
    void jitterSpansUpperHalf();
    void resetStartsFastAgain();
    void surviveLongOutages();
};

void TestBackoff::growsExponentiallyUpToCap()
{
    Backoff backoff(1000ms, 60000ms, [] { return 1.0; }); // jitter at its top: the ceiling itself
    const std::chrono::milliseconds expected[] = {1000ms, 2000ms, 4000ms, 8000ms, 16000ms, 32000ms, 60000ms, 60000ms};
    for (const auto delay : expected)
        QCOMPARE(backoff.next(), delay);
    QCOMPARE(backoff.attempts(), 8);
}

void TestBackoff::jitterSpansUpperHalf()
{
    Backoff low(1000ms, 60000ms, [] { return 0.0; });
    QCOMPARE(low.next(), 500ms);
    QCOMPARE(low.next(), 1000ms);

    double value = 0.25;
    Backoff mid(1000ms, 60000ms, [&value] { return value; });
    QCOMPARE(mid.next(), 625ms);  // 500 + 0.25 * 500
    value = 0.75;
    QCOMPARE(mid.next(), 1750ms); // 1000 + 0.75 * 1000

    // Out-of-range randomness is clamped rather than trusted.
    Backoff wild(1000ms, 60000ms, [] { return 7.0; });
    QCOMPARE(wild.next(), 1000ms);
}

void TestBackoff::resetStartsFastAgain()
{
    Backoff backoff(1000ms, 60000ms, [] { return 1.0; });
    for (int i = 0; i < 5; ++i)
        backoff.next();
    QCOMPARE(backoff.next(), 32000ms);
    backoff.reset();
    QCOMPARE(backoff.attempts(), 0);
    QCOMPARE(backoff.next(), 1000ms);
}

void TestBackoff::surviveLongOutages()
{
    Backoff backoff(1000ms, 60000ms, [] { return 1.0; });
    for (int i = 0; i < 10000; ++i)
        QVERIFY(backoff.next() <= 60000ms);
    QCOMPARE(backoff.next(), 60000ms);
}

QTEST_GUILESS_MAIN(TestBackoff)
#include "tst_backoff.moc"
