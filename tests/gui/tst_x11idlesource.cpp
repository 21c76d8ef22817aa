// The owner-first rule's X11 fallback (issue 13) against a real X server: CTest runs this once
// offscreen, where there is no X11 source and the factory says why, and once as
// tst_x11idlesource_x11 on Xvfb, where the screensaver extension answers the real idle time.
#include "policy/servingpolicy.h"
#include "sellerservice.h"
#include "x11idlesource.h"

#include <QDBusConnection>
#include <QElapsedTimer>
#include <QGuiApplication>
#include <QSignalSpy>
#include <QTest>

// Xlib last: its macros (None, Bool, Status, …) must not meet Qt's headers.
#include <X11/Xlib.h>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

bool onX11()
{
    return QGuiApplication::platformName() == u"xcb"_s;
}

/// One answer of \a source: the idle time, or -1 ms when it failed.
std::chrono::milliseconds readIdle(IdleSource &source)
{
    QSignalSpy read(&source, &IdleSource::idleTimeRead);
    QSignalSpy failed(&source, &IdleSource::failed);
    source.request();
    if (!read.isEmpty() || !failed.isEmpty())
        return -2ms; // answered inside request(): the source must answer from the event loop
    if (!read.wait(2000))
        return -1ms;
    return read.first().at(0).value<std::chrono::milliseconds>();
}

/// Input, as far as the X server's idle time goes: what `xset s reset` does.
void resetIdle()
{
    Display *display = qGuiApp->nativeInterface<QNativeInterface::QX11Application>()->display();
    XForceScreenSaver(display, ScreenSaverReset);
    XFlush(display);
}

} // namespace

class TestX11IdleSource final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void foundOnX11Only()
    {
        QString why;
        const auto source = X11IdleSource::create(&why);
        if (onX11()) {
            QVERIFY2(source, qPrintable(why));
            QCOMPARE(source->name(), u"X11 screensaver extension"_s);
        } else {
            QVERIFY(!source);
            QVERIFY2(why.startsWith(u"no X11 screensaver extension: "_s), qPrintable(why));
            QVERIFY2(why.contains(u"\"%1\""_s.arg(QGuiApplication::platformName())), qPrintable(why));
        }
    }

    void idleGrowsAndInputResetsIt()
    {
        if (!onX11()) {
            QVERIFY(!X11IdleSource::create(nullptr)); // the _x11 run reads the X server
            return;
        }
        auto source = X11IdleSource::create(nullptr);
        QVERIFY(source);
        resetIdle();
        const auto first = readIdle(*source);
        QVERIFY2(first >= 0ms, "no answer from the X server");
        QElapsedTimer waited;
        waited.start();
        QTest::qWait(300); // the idle time itself is what is measured here
        const auto second = readIdle(*source);
        const auto elapsed = std::chrono::milliseconds(waited.elapsed());
        QVERIFY2(second >= first + elapsed - 50ms,
                 qPrintable(u"idle %1 ms, then %2 ms %3 ms later"_s.arg(first.count()).arg(second.count()).arg(elapsed.count())));

        resetIdle();
        const auto after = readIdle(*source);
        QVERIFY2(after >= 0ms && after < 150ms, qPrintable(u"idle %1 ms after the reset"_s.arg(after.count())));
    }

    // The desktop's wiring: no D-Bus idle interface (here not even a bus), the X11 factory as
    // the fallback, as DesktopApp passes it.
    void theSellerFallsBackToX11()
    {
        const QDBusConnection noBus(u"coderai-no-such-bus"_s);
        QVERIFY(!noBus.isConnected());
        SellerService service(SellerConfig{}, {}, {}); // invalid: start() stops at ConfigError
        OwnerActivityRule &rule = service.servingPolicy()->ownerActivity();
        rule.setOwnerCap(1);
        service.followSystem(noBus, noBus, &X11IdleSource::create);
        if (!onX11()) {
            QVERIFY(rule.sourceName().isEmpty());
            for (const QString &missing : {u"no D-Bus session bus"_s, u"no X11 screensaver extension: "_s})
                QVERIFY2(rule.offReason().contains(missing), qPrintable(rule.offReason()));
            return;
        }
        QCOMPARE(rule.sourceName(), u"X11 screensaver extension"_s);
        resetIdle(); // the owner just moved the mouse
        service.start(); // polls the source at once
        QTRY_COMPARE(service.servingPolicy()->decision().reason, ServingReason::OwnerActive);
        QCOMPARE(service.servingPolicy()->decision().cap, 1);
        QVERIFY(rule.offReason().isEmpty());
    }
};

QTEST_MAIN(TestX11IdleSource)
#include "tst_x11idlesource.moc"
