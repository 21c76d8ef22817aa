// The tray's icon set: every look has a crisp colour and monochrome icon, and each session
// state maps to the look the issue asks for.
#include "trayicons.h"

#include <QFile>
#include <QImage>
#include <QSvgRenderer>
#include <QTest>

using namespace coderai;
using State = SessionState;
using Look = TrayIcons::Look;
using Variant = TrayIcons::Variant;

namespace {

const QList<Look> kLooks{Look::Offline, Look::Connecting, Look::Online, Look::Serving,
                         Look::Paused, Look::LocalServerDown, Look::Rejected, Look::Error};

QImage imageOf(const QIcon &icon, int size)
{
    return icon.pixmap(size, size).toImage().convertToFormat(QImage::Format_ARGB32);
}

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            count += qAlpha(image.pixel(x, y)) > 128 ? 1 : 0;
    return count;
}

} // namespace

class TestTrayIcons final : public QObject
{
    Q_OBJECT

private slots:
    void everyLookHasBothVariants();
    void monochromeHasNoHue();
    void looksAreDistinct();
    void namesAreStable();
    void lookFollowsState_data();
    void lookFollowsState();
    void appIcon();
};

void TestTrayIcons::everyLookHasBothVariants()
{
    for (const Look look : kLooks) {
        for (const Variant variant : {Variant::Colour, Variant::Monochrome}) {
            const QString path = TrayIcons::resourcePath(look, variant);
            const QIcon icon = TrayIcons::icon(look, variant); // also registers the resources
            QVERIFY2(QFile::exists(path), qPrintable(path));
            QSvgRenderer renderer(path);
            QVERIFY2(renderer.isValid(), qPrintable(path));
            QVERIFY(!icon.isNull());
            for (const int size : {16, 22, 24, 32}) {
                const QImage image = imageOf(icon, size);
                QCOMPARE(image.size(), QSize(size, size));
                QVERIFY2(opaquePixels(image) > size * size / 8, qPrintable(path));
            }
        }
    }
}

void TestTrayIcons::monochromeHasNoHue()
{
    for (const Look look : kLooks) {
        const QImage image = imageOf(TrayIcons::icon(look, Variant::Monochrome), 32);
        for (int y = 0; y < image.height(); ++y) {
            for (int x = 0; x < image.width(); ++x) {
                const QColor colour = QColor::fromRgba(image.pixel(x, y));
                if (colour.alpha() < 40)
                    continue;
                QVERIFY2(colour.hsvSaturation() < 25,
                         qPrintable(TrayIcons::name(look) + QStringLiteral(" has colour at %1,%2").arg(x).arg(y)));
            }
        }
    }
}

void TestTrayIcons::looksAreDistinct()
{
    // Each look must read differently at tray size, in colour and, by shape alone, in monochrome.
    for (const Variant variant : {Variant::Colour, Variant::Monochrome}) {
        QList<QImage> seen;
        for (const Look look : kLooks) {
            const QImage image = imageOf(TrayIcons::icon(look, variant), 22);
            for (const QImage &other : std::as_const(seen))
                QVERIFY2(image != other, qPrintable(TrayIcons::name(look)));
            seen.append(image);
        }
    }
}

void TestTrayIcons::namesAreStable()
{
    QCOMPARE(TrayIcons::name(Look::LocalServerDown), QStringLiteral("local-server-down"));
    QCOMPARE(TrayIcons::name(Look::Serving), QStringLiteral("serving"));
    QCOMPARE(TrayIcons::resourcePath(Look::Online, Variant::Colour), QStringLiteral(":/icons/tray-online.svg"));
    QCOMPARE(TrayIcons::resourcePath(Look::Rejected, Variant::Monochrome),
             QStringLiteral(":/icons/tray-rejected-mono.svg"));
}

void TestTrayIcons::lookFollowsState_data()
{
    QTest::addColumn<State>("state");
    QTest::addColumn<int>("inFlight");
    QTest::addColumn<bool>("failed");
    QTest::addColumn<Look>("look");

    QTest::newRow("offline") << State::Offline << 0 << false << Look::Offline;
    QTest::newRow("connecting") << State::Connecting << 0 << false << Look::Connecting;
    QTest::newRow("registering") << State::Registering << 0 << false << Look::Connecting;
    QTest::newRow("online idle") << State::Online << 0 << false << Look::Online;
    QTest::newRow("online serving") << State::Online << 2 << false << Look::Serving;
    QTest::newRow("draining with work") << State::Draining << 1 << false << Look::Serving;
    QTest::newRow("draining idle") << State::Draining << 0 << false << Look::Paused;
    QTest::newRow("paused") << State::Paused << 0 << false << Look::Paused;
    QTest::newRow("backoff after failure") << State::Backoff << 0 << true << Look::Error;
    QTest::newRow("backoff, no failure") << State::Backoff << 0 << false << Look::Connecting;
    QTest::newRow("rejected") << State::Rejected << 0 << true << Look::Rejected;
    QTest::newRow("config error") << State::ConfigError << 0 << true << Look::Error;
    QTest::newRow("local server down") << State::LocalServerDown << 0 << true << Look::LocalServerDown;
}

void TestTrayIcons::lookFollowsState()
{
    QFETCH(State, state);
    QFETCH(int, inFlight);
    QFETCH(bool, failed);
    QFETCH(Look, look);
    SessionFailure failure;
    if (failed)
        failure = {SessionFailure::Kind::Unreachable, QStringLiteral("refused"), 0, 0};
    QCOMPARE(TrayIcons::lookFor(state, inFlight, failure), look);
}

void TestTrayIcons::appIcon()
{
    const QIcon icon = TrayIcons::appIcon();
    QVERIFY(!icon.isNull());
    QVERIFY(opaquePixels(imageOf(icon, 64)) > 64 * 64 / 2);
    QVERIFY(icon.availableSizes().contains(QSize(256, 256)));
}

QTEST_MAIN(TestTrayIcons)
#include "tst_trayicons.moc"
