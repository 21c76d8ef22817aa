// LocalMonitor's outage rule: a server counts as down after failuresUntilDown failed checks,
// and jobs failing together (checkSoon) cannot squeeze those checks into one moment. The chaos
// soak found the old behaviour: a burst of refused requests made three checks back to back and
// took the seller off the broker for a local server that was back 0.4 s later.
#include "closedport.h"
#include "local/localmonitor.h"
#include "local/localserver.h"

#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestLocalMonitor final : public QObject
{
    Q_OBJECT

private slots:
    void burstOfFailuresIsOneCheck();
};

void TestLocalMonitor::burstOfFailuresIsOneCheck()
{
    LocalServer server(QUrl(u"http://127.0.0.1:%1"_s.arg(test::closedPort())), QString(), 1);
    LocalMonitor monitor(&server, 800ms, 3);
    QSignalSpy checked(&monitor, &LocalMonitor::checked);
    QSignalSpy availability(&monitor, &LocalMonitor::availabilityChanged);

    monitor.start();
    QTRY_COMPARE_WITH_TIMEOUT(checked.size(), 1, 5000);
    QCOMPARE(checked.first().first().toBool(), false);

    // Five jobs fail one after another and each asks for a check.
    for (int i = 0; i < 5; ++i) {
        monitor.checkSoon();
        QTest::qWait(20);
    }
    QCOMPARE(checked.size(), 1);
    QVERIFY(monitor.isUp());
    QVERIFY(availability.isEmpty());

    // The confirmations still come, spaced out, and the outage is declared after the third.
    QTRY_COMPARE_WITH_TIMEOUT(availability.size(), 1, 10000);
    QCOMPARE(availability.first().first().toBool(), false);
    QVERIFY(checked.size() >= 3);
    QVERIFY(!monitor.isUp());
}

QTEST_MAIN(TestLocalMonitor)
#include "tst_localmonitor.moc"
