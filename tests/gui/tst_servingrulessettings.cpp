// The settings dialog's Serving rules section, driven through its widgets offscreen: a schedule
// typed wrong shows the parser's reason under its own field and keeps OK disabled, and every
// rule's field is saved through Settings and shown again by a fresh dialog.
#include "servingrulessettings.h"
#include "policy/weeklyschedule.h"
#include "settingsdialogfixture.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

class TestServingRulesSettings final : public QObject
{
    Q_OBJECT

private slots:
    void scheduleErrorShowsUnderItsField();
    void rulesSavedAndReadBack();
    void fieldsFollowTheirCheckBoxes();
};

void TestServingRulesSettings::scheduleErrorShowsUnderItsField()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    fixture.type("tokenEdit", u"tok-rules"_s);
    QPushButton *ok = fixture.child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    auto *error = fixture.child<QLabel>("scheduleError");
    QVERIFY(!error->isVisible());

    fixture.type("scheduleEdit", u"Mon-Fri 19:00-08:00, Sat-Sun 00:00-24:00"_s);
    QVERIFY(!error->isVisible());
    QVERIFY(ok->isEnabled());

    fixture.type("scheduleEdit", u"Mon-Fri 19:00-08:00, Mon-Fry 10:00-12:00"_s);
    QVERIFY(error->isVisible());
    QString expected;
    QVERIFY(!WeeklySchedule::parse(u"Mon-Fri 19:00-08:00, Mon-Fry 10:00-12:00"_s, &expected));
    QVERIFY2(error->text().contains(expected), qPrintable(error->text()));
    QVERIFY(error->text().contains(u"Fry"_s)); // names what is wrong
    QVERIFY(!ok->isEnabled());
    // Said once, under the field, not again at the dialog's foot.
    QVERIFY(!fixture.child<QLabel>("generalError")->isVisible());

    fixture.child<QLineEdit>("scheduleEdit")->clear();
    QVERIFY(!error->isVisible()); // empty: every hour
    QVERIFY(ok->isEnabled());
}

void TestServingRulesSettings::rulesSavedAndReadBack()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    fixture.type("tokenEdit", u"tok-rules"_s);
    fixture.type("scheduleEdit", u"Mon-Fri 19:00-08:00"_s);
    fixture.child<QSpinBox>("ownerIdleSpin")->setValue(10);
    fixture.child<QSpinBox>("ownerCapSpin")->setValue(1);
    fixture.child<QCheckBox>("gpuUseCheck")->setChecked(false);
    fixture.child<QCheckBox>("gpuUseCheck")->setChecked(true);
    fixture.type("localProcessesEdit", u"llama-server, ollama"_s);
    fixture.child<QSpinBox>("thermalLimitSpin")->setValue(80);
    fixture.child<QSpinBox>("powerLimitSpin")->setValue(0);
    fixture.child<QCheckBox>("ownerActivityCheck")->setChecked(false);

    QSignalSpy saved(&fixture.dialog, &SettingsDialog::saved);
    QTest::mouseClick(fixture.child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok), Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);

    const SellerConfig stored = Settings::openFile(fixture.iniPath())->load();
    QCOMPARE(stored.servingSchedule, u"Mon-Fri 19:00-08:00"_s);
    QCOMPARE(stored.ownerActivityRule, false);
    QCOMPARE(stored.ownerIdleThreshold, std::chrono::milliseconds(10min));
    QCOMPARE(stored.ownerCap, 1);
    QCOMPARE(stored.gpuUseRule, true);
    QCOMPARE(stored.localServerProcessNames, (QStringList{u"llama-server"_s, u"ollama"_s}));
    QCOMPARE(stored.thermalGuard, true);
    QCOMPARE(stored.thermalLimitC, 80);
    QCOMPARE(stored.powerLimitPercent, 0);

    // A fresh dialog shows them back, and its config() is what was stored.
    test::SettingsDialogFixture again;
    again.settings = Settings::openFile(fixture.iniPath());
    SettingsDialog reopened(again.settings.get(), &again.secrets);
    reopened.load();
    QCOMPARE(reopened.findChild<QLineEdit *>(u"scheduleEdit"_s)->text(), u"Mon-Fri 19:00-08:00"_s);
    QCOMPARE(reopened.findChild<QSpinBox *>(u"ownerIdleSpin"_s)->value(), 10);
    QCOMPARE(reopened.findChild<QSpinBox *>(u"thermalLimitSpin"_s)->value(), 80);
    QCOMPARE(reopened.findChild<QLineEdit *>(u"localProcessesEdit"_s)->text(), u"llama-server, ollama"_s);
    const SellerConfig shown = reopened.config();
    QCOMPARE(shown.servingSchedule, stored.servingSchedule);
    QCOMPARE(shown.ownerActivityRule, stored.ownerActivityRule);
    QCOMPARE(shown.ownerIdleThreshold, stored.ownerIdleThreshold);
    QCOMPARE(shown.ownerCap, stored.ownerCap);
    QCOMPARE(shown.localServerProcessNames, stored.localServerProcessNames);
    QCOMPARE(shown.powerLimitPercent, stored.powerLimitPercent);
}

void TestServingRulesSettings::fieldsFollowTheirCheckBoxes()
{
    ServingRulesSettings section;
    SellerConfig config;
    config.ownerIdleThreshold = 90s; // finer than the field: kept while the field is unchanged
    section.setConfig(config);
    SellerConfig out = config;
    section.applyTo(out);
    QCOMPARE(out.ownerIdleThreshold, std::chrono::milliseconds(90s));

    auto *thermal = section.findChild<QCheckBox *>(u"thermalGuardCheck"_s);
    thermal->setChecked(false);
    QVERIFY(!section.findChild<QSpinBox *>(u"thermalLimitSpin"_s)->isEnabled());
    QVERIFY(!section.findChild<QSpinBox *>(u"powerLimitSpin"_s)->isEnabled());
    // The cap serves both owner-first rules: off only when both are.
    section.findChild<QCheckBox *>(u"ownerActivityCheck"_s)->setChecked(false);
    QVERIFY(section.findChild<QSpinBox *>(u"ownerCapSpin"_s)->isEnabled());
    section.findChild<QCheckBox *>(u"gpuUseCheck"_s)->setChecked(false);
    QVERIFY(!section.findChild<QSpinBox *>(u"ownerCapSpin"_s)->isEnabled());
    QVERIFY(!section.findChild<QLineEdit *>(u"localProcessesEdit"_s)->isEnabled());
}

QTEST_MAIN(TestServingRulesSettings)
#include "tst_servingrulessettings.moc"
