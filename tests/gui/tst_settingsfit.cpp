// The settings dialog on real (offscreen) screens: a 1366×768 laptop and a 2732×1536 screen at
// 2× scaling, which is 1366×768 logical. Issue 11: the dialog was fixed at 620×820 and its
// OK/Cancel row lay off both. The screens come from the offscreen platform's JSON
// configuration, so this test has its own main(): they must exist before QApplication does.
#include "settingsdialogfixture.h"

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

class TestSettingsFit final : public QObject
{
    Q_OBJECT

private slots:
    void screensAreThere();
    void buttonsOnTheScreen_data();
    void buttonsOnTheScreen();
};

void TestSettingsFit::screensAreThere()
{
    QCOMPARE(QGuiApplication::screens().size(), 2);
    for (QScreen *screen : QGuiApplication::screens())
        QCOMPARE(screen->geometry().size(), QSize(1366, 768)); // logical, at 1× and at 2×
}

void TestSettingsFit::buttonsOnTheScreen_data()
{
    QTest::addColumn<QString>("screenName");
    QTest::addColumn<qreal>("ratio");
    QTest::newRow("1366x768") << u"laptop"_s << 1.0;
    QTest::newRow("2732x1536 at 2x") << u"hidpi"_s << 2.0;
}

void TestSettingsFit::buttonsOnTheScreen()
{
    QFETCH(QString, screenName);
    QFETCH(qreal, ratio);
    QScreen *target = nullptr;
    for (QScreen *screen : QGuiApplication::screens()) {
        if (screen->name() == screenName)
            target = screen;
    }
    QVERIFY(target);
    QCOMPARE(target->devicePixelRatio(), ratio);

    test::SettingsDialogFixture fixture;
    SettingsDialog &dialog = fixture.dialog;
    dialog.move(target->geometry().center());
    QVERIFY(fixture.open());
    QCOMPARE(dialog.screen(), target);

    const QRect available = target->availableGeometry();
    const QRect window = dialog.frameGeometry();
    QVERIFY2(available.contains(window), qPrintable(u"window %1,%2 %3x%4"_s.arg(window.x()).arg(window.y())
                                                        .arg(window.width()).arg(window.height())));
    auto *buttons = dialog.findChild<QDialogButtonBox *>(u"buttonBox"_s);
    for (QDialogButtonBox::StandardButton which : {QDialogButtonBox::Ok, QDialogButtonBox::Cancel}) {
        QPushButton *button = buttons->button(which);
        QVERIFY(button->isVisible());
        const QRect rect(button->mapToGlobal(QPoint(0, 0)), button->size());
        QVERIFY2(available.contains(rect), qPrintable(u"button %1,%2 %3x%4"_s.arg(rect.x()).arg(rect.y())
                                                          .arg(rect.width()).arg(rect.height())));
        QVERIFY(button->height() >= button->minimumSizeHint().height());
    }
    for (QLineEdit *edit : dialog.findChildren<QLineEdit *>()) {
        if (edit->objectName().startsWith("qt_"_L1)) // a spin box's inner edit, sized by its box
            continue;
        QVERIFY2(edit->height() >= edit->minimumSizeHint().height(), qPrintable(edit->objectName()));
    }
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
    TestSettingsFit test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "tst_settingsfit.moc"
