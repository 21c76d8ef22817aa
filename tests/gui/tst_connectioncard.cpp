// The connection card against a real session: a rejection and its likely causes stay the
// headline while the local model server is down too (issue 11), and the broker's address shows
// its port.
#include "closedport.h"
#include "connectioncard.h"
#include "demo/demobroker.h"
#include "sellerservice.h"
#include "sessiontext.h"
#include "traycontroller.h"
#include "trayicons.h"

#include <QLabel>
#include <QPushButton>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = SessionState;

namespace {

QString labelText(const QWidget &card, const QString &name)
{
    const auto *label = card.findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

bool labelShown(const QWidget &card, const QString &name)
{
    const auto *label = card.findChild<QLabel *>(name);
    return label && !label->isHidden();
}

} // namespace

class TestConnectionCard final : public QObject
{
    Q_OBJECT

private slots:
    void rejectionStaysVisibleWithTheLocalServerDown();
    void brokerAddressKeepsItsPort_data();
    void brokerAddressKeepsItsPort();
    void demoLineShowsOnlyDuringTheDemo();
};

void TestConnectionCard::rejectionStaysVisibleWithTheLocalServerDown()
{
    demo::DemoBroker broker; // expects its own token: ours is refused with 403
    QVERIFY(broker.listen());
    const quint16 closed = test::closedPort();
    QVERIFY(closed != 0);
    SellerConfig config;
    config.baseUrl = broker.baseUrl();
    config.localUrl = QUrl(u"http://127.0.0.1:%1"_s.arg(closed));
    config.clientId = u"card-box"_s;
    // Down after three failed checks, two seconds or so: long after the 403 on loopback, as when
    // a seller saves a wrong token while the model server is stopped.
    config.localCheckInterval = 1s;
    config.localFailuresUntilDown = 3;
    SellerService service(config, u"not-the-demo-token"_s, {});
    ConnectionCard card;
    card.setService(&service);
    TrayController tray(&service, nullptr);
    service.start();

    QTRY_COMPARE_WITH_TIMEOUT(service.state(), State::Rejected, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(!service.isLocalServerUp(), 10000);
    QTest::qWait(1500); // a few more failed checks: nothing may take the rejection's place

    QCOMPARE(service.state(), State::Rejected);
    QCOMPARE(service.lastFailure().kind, SessionFailure::Kind::Rejected);
    QCOMPARE(labelText(card, u"stateValue"_s), SessionText::state(State::Rejected, 0));
    const QString lastError = labelText(card, u"lastErrorValue"_s);
    QVERIFY2(lastError.contains(u"403"_s) && lastError.contains(u"registration token"_s), qPrintable(lastError));
    // Both shown: the local server's problem as a second line under the state.
    QVERIFY(labelShown(card, u"stateDetailValue"_s));
    QVERIFY2(labelText(card, u"stateDetailValue"_s).contains(u"local model server"_s),
             qPrintable(labelText(card, u"stateDetailValue"_s)));
    QCOMPARE(labelText(card, u"nextRetryValue"_s), u"when the local model server answers"_s);
    // The tray follows the same priority.
    QCOMPARE(tray.look(), TrayLook::Rejected);
    QVERIFY2(tray.toolTip().contains(SessionText::state(State::Rejected, 0)), qPrintable(tray.toolTip()));
    QTRY_VERIFY2(tray.toolTip().contains(labelText(card, u"stateDetailValue"_s)), qPrintable(tray.toolTip()));

    // The seller acts: Retry now. With the local server still down, that is now the state.
    auto *retry = card.findChild<QPushButton *>(u"retryButton"_s);
    QVERIFY(retry && retry->isEnabled());
    QTest::mouseClick(retry, Qt::LeftButton);
    QTRY_COMPARE(service.state(), State::LocalServerDown);
    QTRY_COMPARE(labelText(card, u"stateValue"_s), SessionText::state(State::LocalServerDown, 0));
    QVERIFY(!labelShown(card, u"stateDetailValue"_s));
    QCOMPARE(tray.look(), TrayLook::LocalServerDown);
}

void TestConnectionCard::brokerAddressKeepsItsPort_data()
{
    QTest::addColumn<QString>("displayUrl");
    QTest::addColumn<QString>("shown");
    QTest::newRow("demo broker") << u"ws://127.0.0.1:40123/api/coderai/global/ws?token=***"_s << u"127.0.0.1:40123"_s;
    QTest::newRow("default port") << u"wss://aisbf.example.org/api/coderai/alice/ws"_s << u"aisbf.example.org"_s;
    QTest::newRow("ipv6") << u"ws://[::1]:8080/api/coderai/global/ws"_s << u"[::1]:8080"_s;
    QTest::newRow("credentials dropped") << u"wss://user:pw@broker.example:8443/ws"_s << u"broker.example:8443"_s;
}

void TestConnectionCard::brokerAddressKeepsItsPort()
{
    QFETCH(QString, displayUrl);
    QFETCH(QString, shown);
    QCOMPARE(SessionText::brokerHost(displayUrl), shown);
}

void TestConnectionCard::demoLineShowsOnlyDuringTheDemo()
{
    ConnectionCard card;
    QVERIFY(!labelShown(card, u"demoNote"_s));
    card.setDemo(true);
    QVERIFY(card.isDemo());
    QVERIFY(labelShown(card, u"demoNote"_s));
    QVERIFY(labelText(card, u"demoNote"_s).contains(u"nothing is really earned"_s));
    QVERIFY(labelText(card, u"demoNote"_s).contains(u"sample prices"_s)); // the Earnings tab shows some
    card.setDemo(false);
    QVERIFY(!labelShown(card, u"demoNote"_s));
}

QTEST_MAIN(TestConnectionCard)
#include "tst_connectioncard.moc"
