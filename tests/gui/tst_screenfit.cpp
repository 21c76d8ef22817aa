// The settings dialog and the status window on real (offscreen) screens: a 1366×768 laptop and
// a 2732×1536 screen at 2× scaling, which is 1366×768 logical. Issue 11: the dialog was fixed at
// 620×820 and its OK/Cancel row lay off both; the window asked for 820×700 plus its menu bar and
// toolbar, more than a laptop has under its panel. The screens come from the offscreen platform's JSON
// configuration, so this test has its own main(): they must exist before QApplication does.
#include "settingsdialogfixture.h"
#include "statuswindow.h"
#include "windowfit.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QFile>
#include <QLineEdit>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestScreenFit final : public QObject
{
    Q_OBJECT

private slots:
    void screensAreThere();
    void buttonsOnTheScreen_data();
    void buttonsOnTheScreen();
    void statusWindowOnTheScreen_data();
    void statusWindowOnTheScreen();
};

void TestScreenFit::screensAreThere()
{
    QCOMPARE(QGuiApplication::screens().size(), 2);
    for (QScreen *screen : QGuiApplication::screens())
        QCOMPARE(screen->geometry().size(), QSize(1366, 768)); // logical, at 1× and at 2×
}

namespace {

void addScreenRows()
{
    QTest::addColumn<QString>("screenName");
    QTest::addColumn<qreal>("ratio");
    QTest::newRow("1366x768") << u"laptop"_s << 1.0;
    QTest::newRow("2732x1536 at 2x") << u"hidpi"_s << 2.0;
}

QScreen *screenNamed(const QString &name)
{
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen->name() == name)
            return screen;
    }
    return nullptr;
}

QString rectText(const QRect &rect)
{
    return u"%1,%2 %3x%4"_s.arg(rect.x()).arg(rect.y()).arg(rect.width()).arg(rect.height());
}

} // namespace

void TestScreenFit::buttonsOnTheScreen_data()
{
    addScreenRows();
}

void TestScreenFit::buttonsOnTheScreen()
{
    QFETCH(QString, screenName);
    QFETCH(qreal, ratio);
    QScreen *target = screenNamed(screenName);
    QVERIFY(target);
    QCOMPARE(target->devicePixelRatio(), ratio);

    test::SettingsDialogFixture fixture;
    SettingsDialog &dialog = fixture.dialog;
    dialog.move(target->geometry().center());
    QVERIFY(fixture.open());
    QCOMPARE(dialog.screen(), target);

    const QRect available = target->availableGeometry();
    const QRect window = dialog.frameGeometry();
    QVERIFY2(available.contains(window), qPrintable(u"window "_s + rectText(window)));
    auto *buttons = dialog.findChild<QDialogButtonBox *>(u"buttonBox"_s);
    for (QDialogButtonBox::StandardButton which : {QDialogButtonBox::Ok, QDialogButtonBox::Cancel}) {
        QPushButton *button = buttons->button(which);
        QVERIFY(button->isVisible());
        const QRect rect(button->mapToGlobal(QPoint(0, 0)), button->size());
        QVERIFY2(available.contains(rect), qPrintable(u"button "_s + rectText(rect)));
        QVERIFY(button->height() >= button->minimumSizeHint().height());
    }
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->objectName().startsWith("qt_"_L1)) // a spin box's inner edit, sized by its box
            continue;
        QVERIFY2(edit->height() >= edit->minimumSizeHint().height(), qPrintable(edit->objectName()));
    }
}

void TestScreenFit::statusWindowOnTheScreen_data()
{
    addScreenRows();
}

void TestScreenFit::statusWindowOnTheScreen()
{
    QFETCH(QString, screenName);
    QScreen *target = screenNamed(screenName);
    QVERIFY(target);

    StatusWindow window(nullptr, nullptr);
    window.move(target->geometry().center());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.screen(), target);

    // Offscreen windows have no frame: the window must leave the room a real title bar takes.
    const QRect available = target->availableGeometry();
    const QRect withFrame = window.frameGeometry().adjusted(-WindowFit::SideAllowance / 2, -WindowFit::FrameAllowance / 2,
                                            WindowFit::SideAllowance / 2, WindowFit::FrameAllowance / 2);
    QVERIFY2(available.contains(withFrame), qPrintable(rectText(withFrame)));
    // Not squeezed below what its layout needs, and still the size it prefers where that fits.
    QVERIFY(window.width() >= window.minimumSizeHint().width());
    QVERIFY(window.height() >= window.minimumSizeHint().height());
    QCOMPARE(window.width(), 820);

    // The seller's own size stands after the first show.
    const QSize own = window.minimumSizeHint() + QSize(12, 8);
    QVERIFY(own != window.size());
    window.hide();
    window.resize(own);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QCOMPARE(window.size(), own);
}

int main(int argc, char *argv[])
{
    // The 2× screen lies right of the laptop's, as a second monitor would.
    QTemporaryDir dir;
    const QString config = dir.filePath(u"screens.json"_s);
    QFile file(config);
    if (!dir.isValid() || !file.open(QIODevice::WriteOnly))
        return 2;
    file.write(R"({"screens":[{"name":"laptop","x":0,"y":0,"width":1366,"height":768},)"
               R"({"name":"hidpi","x":1366,"y":0,"width":2732,"height":1536}]})");
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + config.toLocal8Bit());
    qputenv("QT_SCREEN_SCALE_FACTORS", "laptop=1;hidpi=2");
    qunsetenv("QT_SCALE_FACTOR");
    QApplication app(argc, argv);
    TestScreenFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_screenfit.moc"
