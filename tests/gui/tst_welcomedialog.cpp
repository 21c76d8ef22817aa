// The first-run dialog: each button ends it with its own result code.
#include "welcomedialog.h"

#include <QPushButton>
#include <QSignalSpy>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestWelcomeDialog final : public QObject
{
    Q_OBJECT

private slots:
    void buttons_data();
    void buttons();
    void escapeMeansLater();
};

void TestWelcomeDialog::buttons_data()
{
    QTest::addColumn<QString>("button");
    QTest::addColumn<int>("result");
    QTest::newRow("open settings") << u"openSettingsButton"_s << int(WelcomeDialog::OpenSettings);
    QTest::newRow("try the demo") << u"tryDemoButton"_s << int(WelcomeDialog::TryDemo);
}

void TestWelcomeDialog::buttons()
{
    QFETCH(QString, button);
    QFETCH(int, result);

    WelcomeDialog dialog;
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));

    auto *target = dialog.findChild<QPushButton *>(button);
    QVERIFY(target);
    QVERIFY(!target->text().isEmpty());
    QTest::mouseClick(target, Qt::LeftButton);

    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.first().first().toInt(), result);
    QCOMPARE(dialog.result(), result);
    QVERIFY(!dialog.isVisible());
}

void TestWelcomeDialog::escapeMeansLater()
{
    WelcomeDialog dialog;
    QSignalSpy finished(&dialog, &QDialog::finished);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTest::keyClick(&dialog, Qt::Key_Escape);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(dialog.result(), int(WelcomeDialog::Closed));
}

QTEST_MAIN(TestWelcomeDialog)
#include "tst_welcomedialog.moc"
