// The demo is separate (issues 11 and 12): its figures go to a ledger in a folder of its own and
// never reach the seller's settings file, data folder or ledger, whatever the order: demo then a
// real configuration, a relaunch into the demo. The whole desktop app runs, with the demo
// through DemoEnvironment.
#include "connectioncard.h"
#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "demoprofile.h"
#include "ledger/ledger.h"
#include "ledger/ledgerpaths.h"
#include "ledger/ledgerreader.h"
#include "desktopapp.h"
#include "sellerservice.h"
#include "settingsdialog.h"
#include "stats/sessionstats.h"
#include "statuswindow.h"
#include "traycontroller.h"

#include <QApplication>
#include <QDir>
#include <QLabel>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using State = SessionState;

namespace {

constexpr qint64 kRealServed = 7; // the seller's own figure for today, before any demo

/// Served requests of every day in the ledger \a file; 0 when there is none.
qint64 servedIn(const QString &file)
{
    if (!QFileInfo::exists(file))
        return 0;
    LedgerReader reader;
    if (!reader.open(file))
        return -1;
    return reader.totals(QDateTime::fromSecsSinceEpoch(0), QDateTime::currentDateTimeUtc().addDays(1)).served;
}

/// Puts \a served requests into today's figures of the ledger \a file, as earlier real work.
void recordServed(const QString &file, qint64 served)
{
    Ledger ledger(Ledger::Options{file});
    for (qint64 i = 0; i < served; ++i) {
        RequestRecord record;
        record.op = u"chat.completions"_s;
        record.model = u"real-model"_s;
        ledger.record(record);
    }
}

SettingsDialog *openSettingsDialog()
{
    for (QWidget *widget : QApplication::topLevelWidgets()) {
        if (auto *dialog = qobject_cast<SettingsDialog *>(widget); dialog && dialog->isVisible())
            return dialog;
    }
    return nullptr;
}

QString labelText(const QWidget &widget, const QString &name)
{
    const auto *label = widget.findChild<QLabel *>(name);
    return label ? label->text() : u"<no label %1>"_s.arg(name);
}

} // namespace

class TestDemoProfile final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();
    void profileFolderIsEmptiedAndKept();
    void demoThenRealConfigurationKeepsFiguresApart();
    void relaunchedDemoLeavesRealFiguresAlone();

private:
    std::unique_ptr<DesktopApp> startDemoApp();
    void quit(DesktopApp &app);

    std::unique_ptr<QTemporaryDir> m_real; ///< the seller's settings and data
    std::unique_ptr<QTemporaryDir> m_demoParent; ///< where the demo makes its folder
    QString m_settingsFile;
    QString m_realLedger; ///< the seller's ledger, beside the settings
    QString m_demoDir; ///< the demo's own folder, which the app empties and makes
};

void TestDemoProfile::init()
{
    qunsetenv("CODERAI_SELLER_TOKEN");
    m_real = std::make_unique<QTemporaryDir>();
    m_demoParent = std::make_unique<QTemporaryDir>();
    QVERIFY(m_real->isValid() && m_demoParent->isValid());
    m_settingsFile = m_real->filePath(u"settings.ini"_s);
    m_realLedger = ledgerpaths::fileForSettings(m_settingsFile);
    QSettings(m_settingsFile, QSettings::IniFormat).setValue(u"broker/client_id"_s, u"real-box"_s);
    recordServed(m_realLedger, kRealServed);
    m_demoDir = m_demoParent->filePath(u"demo"_s);
}

void TestDemoProfile::cleanup()
{
    const auto widgets = QApplication::topLevelWidgets();
    for (QWidget *widget : widgets)
        widget->close();
    qunsetenv("CODERAI_SELLER_TOKEN");
}

std::unique_ptr<DesktopApp> TestDemoProfile::startDemoApp()
{
    DesktopApp::Options options;
    options.settingsFile = m_settingsFile;
    options.demo = true;
    options.windowed = true;
    options.demoDataDir = m_demoDir;
    auto app = std::make_unique<DesktopApp>(options);
    app->start();
    return app;
}

void TestDemoProfile::quit(DesktopApp &app)
{
    QSignalSpy finished(&app, &DesktopApp::finished);
    app.quit();
    QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 10000);
}

void TestDemoProfile::profileFolderIsEmptiedAndKept()
{
    QVERIFY(QDir().mkpath(m_demoDir));
    QFile stale(QDir(m_demoDir).filePath(u"stale.txt"_s));
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.close();
    QString ledgerFile;
    {
        DemoProfile profile(m_demoDir);
        QVERIFY(profile.isValid());
        QCOMPARE(profile.dataDir(), m_demoDir);
        QVERIFY(!stale.exists()); // a new demo run starts from nothing
        ledgerFile = profile.ledgerFile();
        QCOMPARE(QFileInfo(ledgerFile).absolutePath(), QFileInfo(m_demoDir).absoluteFilePath());
        recordServed(ledgerFile, 3);
    }
    // Kept after the demo, for `coderai-seller --demo --ledger`; the seller's ledger untouched.
    QCOMPARE(servedIn(ledgerFile), 3);
    QCOMPARE(servedIn(m_realLedger), kRealServed);
}

void TestDemoProfile::demoThenRealConfigurationKeepsFiguresApart()
{
    std::unique_ptr<DesktopApp> app = startDemoApp();
    QTRY_VERIFY_WITH_TIMEOUT(app->service() && app->service()->state() == State::Online, 10000);
    QVERIFY(app->isDemo());
    QVERIFY(app->statusWindow()->isVisible()); // the demo opens the window

    // The card: the demo broker's full address, with its port, and a line saying it is a demo.
    auto *card = app->statusWindow()->findChild<ConnectionCard *>();
    QVERIFY(card);
    QVERIFY(card->isDemo());
    const QUrl demoBroker = app->service()->config().baseUrl;
    QCOMPARE(labelText(*card, u"brokerValue"_s), u"%1:%2"_s.arg(demoBroker.host()).arg(demoBroker.port()));
    QCOMPARE(labelText(*card, u"demoNote"_s), DemoProfile::notice());

    // Demo traffic is counted, into the demo's own ledger.
    const QString demoLedger = ledgerpaths::fileIn(m_demoDir);
    QTRY_VERIFY_WITH_TIMEOUT(servedIn(demoLedger) >= 1, 20000); // the first request, then a batched write
    QCOMPARE(servedIn(m_realLedger), kRealServed);

    // The seller saves a real configuration in Settings: that leaves the demo.
    demo::DemoModelServer model;
    QVERIFY(model.listen());
    demo::DemoBrokerOptions brokerOptions;
    brokerOptions.token = u"real-seller-token"_s;
    demo::DemoBroker broker(brokerOptions);
    QVERIFY(broker.listen());
    SellerConfig config;
    config.baseUrl = broker.baseUrl();
    config.localUrl = model.baseUrl();
    config.clientId = u"real-box"_s;
    // Under Xvfb the owner-first rule reads the X server's idle time, near 0 on a fresh server:
    // "at the keyboard" would hold a real seller at owner_cap 0, offline.
    config.ownerActivityRule = false;
    emit app->tray()->openSettingsRequested();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = openSettingsDialog()) != nullptr);
    emit dialog->saved(config, brokerOptions.token);

    QTRY_VERIFY_WITH_TIMEOUT(
        app->service()->config().baseUrl == broker.baseUrl() && app->service()->state() == State::Online, 10000);
    QVERIFY(!app->isDemo());
    QVERIFY(!card->isDemo());
    const qint64 demoServed = servedIn(demoLedger); // closed with the demo, for --demo --ledger
    QVERIFY(demoServed >= 1);

    // Real traffic counts into the real figures again, and nothing of the demo's joins them.
    broker.startTraffic(50ms);
    SessionStats *realStats = app->service()->stats();
    QTRY_VERIFY_WITH_TIMEOUT(realStats->totals().served >= 2, 10000);
    broker.stopTraffic();
    quit(*app);
    const qint64 realServedNow = realStats->totals().served;
    app.reset(); // commits the last rows
    QCOMPARE(servedIn(m_realLedger), kRealServed + realServedNow);
    QCOMPARE(servedIn(demoLedger), demoServed);
}

void TestDemoProfile::relaunchedDemoLeavesRealFiguresAlone()
{
    std::unique_ptr<DesktopApp> app = startDemoApp();
    QTRY_VERIFY_WITH_TIMEOUT(app->service() && app->service()->state() == State::Online, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(app->service()->stats()->totals().served >= 1, 15000);
    quit(*app);
    app.reset(); // the demo's figures are committed now, to the demo's own ledger
    QCOMPARE(servedIn(m_realLedger), kRealServed);
    QVERIFY(servedIn(ledgerpaths::fileIn(m_demoDir)) >= 1);
    // Nothing of the demo's beside the seller's settings: only their own settings and ledger.
    const QStringList realFiles = QDir(m_real->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    for (const QString &name : realFiles)
        QVERIFY2(name == u"settings.ini"_s || name.startsWith(QFileInfo(m_realLedger).fileName()), qPrintable(name));
}

QTEST_MAIN(TestDemoProfile)
#include "tst_demoprofile.moc"
