// The settings dialog's Earnings section, driven through its widgets offscreen in the Italian
// locale: prices typed with a decimal comma, a bad price shown under its own field and keeping
// OK disabled, per-model rows added and removed, the "show my prices" box offered only for
// USD, and what was saved read back from the settings file and into a fresh form.
#include "earningssettings.h"
#include "settingsdialogfixture.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestEarningsSettings final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void pricesTypedCheckedSavedAndReadBack();
    void modelRowsAreChecked();
    void showPricesOnlyForUsd();
    void knownModelsAreOffered();

private:
    static QWidget *cell(test::SettingsDialogFixture &fixture, int row, int column);
    static void typeInto(QWidget *widget, const QString &text);
};

void TestEarningsSettings::initTestCase()
{
    // Widgets take the default locale when they are made, so this comes before any dialog.
    QLocale::setDefault(QLocale(QLocale::Italian, QLocale::Italy));
}

void TestEarningsSettings::cleanupTestCase()
{
    QLocale::setDefault(QLocale::c());
}

QWidget *TestEarningsSettings::cell(test::SettingsDialogFixture &fixture, int row, int column)
{
    return fixture.child<QTableWidget>("modelPriceTable")->cellWidget(row, column);
}

void TestEarningsSettings::typeInto(QWidget *widget, const QString &text)
{
    QLineEdit *edit = qobject_cast<QLineEdit *>(widget);
    if (auto *combo = qobject_cast<QComboBox *>(widget))
        edit = combo->lineEdit();
    QVERIFY(edit);
    edit->setFocus();
    edit->selectAll();
    QTest::keyClicks(edit, text);
}

void TestEarningsSettings::pricesTypedCheckedSavedAndReadBack()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    fixture.type("tokenEdit", u"tok-earnings"_s);
    QPushButton *ok = fixture.child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());

    fixture.type("currencyEdit", u"EUR"_s);
    fixture.type("perMillionEdit", u"-0,20"_s);
    auto *perMillionError = fixture.child<QLabel>("perMillionError");
    QVERIFY(perMillionError->isVisible());
    QVERIFY(perMillionError->text().contains(u"negativ"_s)); // worded for a price, in Italian or not
    QVERIFY(!ok->isEnabled());
    QVERIFY(!fixture.child<QLabel>("perThousandError")->isVisible()); // only the field at fault

    fixture.type("perMillionEdit", u"0,2000001"_s);
    QVERIFY(perMillionError->isVisible());
    QVERIFY(!ok->isEnabled());

    fixture.type("perMillionEdit", u"0,20"_s);
    QVERIFY(!perMillionError->isVisible());
    QVERIFY(ok->isEnabled());
    fixture.type("perThousandEdit", u"1,5"_s);

    QTest::mouseClick(fixture.child<QPushButton>("addModelPriceButton"), Qt::LeftButton);
    typeInto(cell(fixture, 0, 0), u"org/llama-3:8b Q4"_s);
    typeInto(cell(fixture, 0, 1), u"2,5"_s);
    typeInto(cell(fixture, 0, 3), u"Veloce, 8k di contesto"_s);

    QSignalSpy saved(&fixture.dialog, &SettingsDialog::saved);
    QTest::mouseClick(ok, Qt::LeftButton);
    QTRY_COMPARE(saved.size(), 1);

    PriceSettings expected;
    expected.currency = u"EUR"_s;
    expected.perMillionTokens = 200'000;
    expected.perThousandRequests = 1'500'000;
    expected.models = {{u"org/llama-3:8b Q4"_s, 2'500'000, std::nullopt, u"Veloce, 8k di contesto"_s}};
    const PriceSettings stored = Settings::openFile(fixture.iniPath())->load().prices;
    QCOMPARE(stored.currency, expected.currency);
    QCOMPARE(stored.perMillionTokens, expected.perMillionTokens);
    QVERIFY(stored == expected);

    // A fresh form shows them back the Italian way, and OK saves them unchanged.
    test::SettingsDialogFixture again;
    again.settings = Settings::openFile(fixture.iniPath());
    SettingsDialog reopened(again.settings.get(), &again.secrets);
    reopened.load();
    QCOMPARE(reopened.findChild<QLineEdit *>(u"perMillionEdit"_s)->text(), u"0,20"_s);
    QCOMPARE(reopened.findChild<QLineEdit *>(u"perThousandEdit"_s)->text(), u"1,50"_s);
    QVERIFY(reopened.config().prices == expected);
}

void TestEarningsSettings::modelRowsAreChecked()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    fixture.type("tokenEdit", u"tok-earnings"_s);
    QPushButton *ok = fixture.child<QDialogButtonBox>("buttonBox")->button(QDialogButtonBox::Ok);
    auto *add = fixture.child<QPushButton>("addModelPriceButton");
    auto *rowsError = fixture.child<QLabel>("modelPricesError");

    QTest::mouseClick(add, Qt::LeftButton);
    QVERIFY(rowsError->isVisible()); // a row without a model id
    QVERIFY(!ok->isEnabled());
    typeInto(cell(fixture, 0, 0), u"m"_s);
    QVERIFY(ok->isEnabled());

    QTest::mouseClick(add, Qt::LeftButton);
    typeInto(cell(fixture, 1, 0), u"m"_s);
    QVERIFY(rowsError->isVisible()); // listed twice
    QVERIFY(!ok->isEnabled());
    typeInto(cell(fixture, 1, 0), u"n"_s);
    typeInto(cell(fixture, 1, 2), u"abc"_s);
    QVERIFY(rowsError->text().contains(u"2"_s)); // names the row
    QVERIFY(!ok->isEnabled());

    // Removing the bad row clears its problem.
    auto *table = fixture.child<QTableWidget>("modelPriceTable");
    table->selectRow(1);
    QTest::mouseClick(fixture.child<QPushButton>("removeModelPriceButton"), Qt::LeftButton);
    QCOMPARE(table->rowCount(), 1);
    QVERIFY(!rowsError->isVisible());
    QVERIFY(ok->isEnabled());
    QCOMPARE(fixture.dialog.config().prices.models.size(), 1);
    QCOMPARE(fixture.dialog.config().prices.models.first().model, u"m"_s);
}

void TestEarningsSettings::showPricesOnlyForUsd()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    auto *show = fixture.child<QCheckBox>("showPricesCheck");
    auto *hint = fixture.child<QLabel>("showPricesHint");
    QVERIFY(!show->isChecked()); // off by default
    QVERIFY(!show->isEnabled());  // no currency yet
    fixture.type("currencyEdit", u"USD"_s);
    QVERIFY(show->isEnabled());
    const QString usdHint = hint->text();
    show->click(); // a click in the middle of a wide check box misses its label
    QVERIFY(show->isChecked());
    QVERIFY(fixture.dialog.config().prices.sendsPricing());
    fixture.child<QLineEdit>("currencyEdit")->setText(u"€"_s); // QTest types ASCII only
    QVERIFY(!show->isEnabled());
    QVERIFY(hint->text() != usdHint); // says why it is off
    QVERIFY(!fixture.dialog.config().prices.sendsPricing());
}

void TestEarningsSettings::knownModelsAreOffered()
{
    test::SettingsDialogFixture fixture;
    QVERIFY(fixture.open());
    QTest::mouseClick(fixture.child<QPushButton>("addModelPriceButton"), Qt::LeftButton);
    typeInto(cell(fixture, 0, 0), u"typed/by:hand"_s);
    auto *earnings = fixture.dialog.findChild<EarningsSettings *>();
    QVERIFY(earnings);
    earnings->setKnownModels({u"a/b:c"_s, u"d e"_s});
    auto *combo = qobject_cast<QComboBox *>(cell(fixture, 0, 0));
    QCOMPARE(combo->count(), 2);
    QCOMPARE(combo->itemText(1), u"d e"_s);
    QCOMPARE(combo->currentText(), u"typed/by:hand"_s); // what was typed stays
}

QTEST_MAIN(TestEarningsSettings)
#include "tst_earningssettings.moc"
