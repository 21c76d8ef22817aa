// The demo is separate (issue 11): its figures go to a folder of its own and never reach the
// seller's settings file or data folder, whatever the order: demo then a real configuration, a
// relaunch into the demo. The whole desktop app runs, with the demo through DemoEnvironment.
#include "connectioncard.h"
#include "dailytotals.h"
#include "demo/demobroker.h"
#include "demo/demomodelserver.h"
#include "demoprofile.h"
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

const QString kServedKey = u"statistics/today/served"_s;

qint64 servedIn(const QString &file)
{
    return QSettings(file, QSettings::IniFormat).value(kServedKey).toLongLong();
}

/// The demo folders under \a parent (one while a demo runs, none once it has gone).
QStringList demoFolders(const QString &parent)
{
    return QDir(parent).entryList({u"coderai-seller-demo-*"_s}, QDir::Dirs | QDir::NoDotAndDotDot);
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
    void profileFolderIsItsOwnAndGoesAway();
    void demoThenRealConfigurationKeepsFiguresApart();
    void relaunchedDemoLeavesRealFiguresAlone();

private:
    std::unique_ptr<DesktopApp> startDemoApp();
    void quit(DesktopApp &app);

    std::unique_ptr<QTemporaryDir> m_real; ///< the seller's settings and data
    std::unique_ptr<QTemporaryDir> m_demoParent; ///< where the demo makes its folder
    QString m_settingsFile;
};

void TestDemoProfile::init()
{
    qunsetenv("CODERAI_SELLER_TOKEN");
    m_real = std::make_unique<QTemporaryDir>();
    m_demoParent = std::make_unique<QTemporaryDir>();
    QVERIFY(m_real->isValid() && m_demoParent->isValid());
    m_settingsFile = m_real->filePath(u"settings.ini"_s);
    QSettings real(m_settingsFile, QSettings::IniFormat);
    DailyTotals totals(&real);
    DailyTotals::Figures figures;
    figures.served = kRealServed;
    totals.add(figures);
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
    options.demoDataParent = m_demoParent->path();
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

void TestDemoProfile::profileFolderIsItsOwnAndGoesAway()
{
    QString folder;
    {
        DemoProfile profile(m_demoParent->path());
        QVERIFY(profile.isValid());
        folder = profile.dataDir();
        QVERIFY(folder.startsWith(m_demoParent->path()));
        QVERIFY(QDir(folder).exists());
        QCOMPARE(QFileInfo(profile.settingsFile()).absolutePath(), QFileInfo(folder).absoluteFilePath());
        QVERIFY(profile.state());
        DailyTotals totals(profile.state());
        totals.add({.served = 3});
        totals.flush();
        QCOMPARE(servedIn(profile.settingsFile()), 3);
    }
    QVERIFY(!QDir(folder).exists()); // throw-away, like the demo's token
    QCOMPARE(servedIn(m_settingsFile), kRealServed);
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

    // Demo traffic is counted, into the demo's own folder.
    QCOMPARE(demoFolders(m_demoParent->path()).size(), 1);
    const QString demoFile
        = QDir(m_demoParent->path()).filePath(demoFolders(m_demoParent->path()).first() + u"/demo.ini"_s);
    QTRY_VERIFY_WITH_TIMEOUT(servedIn(demoFile) >= 1, 20000); // the first request, then a batched write
    QCOMPARE(servedIn(m_settingsFile), kRealServed);

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
    emit app->tray()->openSettingsRequested();
    SettingsDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = openSettingsDialog()) != nullptr);
    emit dialog->saved(config, brokerOptions.token);

    QTRY_VERIFY_WITH_TIMEOUT(
        app->service()->config().baseUrl == broker.baseUrl() && app->service()->state() == State::Online, 10000);
    QVERIFY(!app->isDemo());
    QVERIFY(!card->isDemo());
    QTRY_VERIFY(demoFolders(m_demoParent->path()).isEmpty()); // gone with the demo

    // Real traffic counts into the real figures again, and nothing of the demo's joins them.
    broker.startTraffic(50ms);
    SessionStats *realStats = app->service()->stats();
    QTRY_VERIFY_WITH_TIMEOUT(realStats->totals().served >= 2, 10000);
    broker.stopTraffic();
    quit(*app);
    const qint64 realServedNow = realStats->totals().served;
    app.reset(); // flushes today's figures
    QCOMPARE(servedIn(m_settingsFile), kRealServed + realServedNow);
}

void TestDemoProfile::relaunchedDemoLeavesRealFiguresAlone()
{
    std::unique_ptr<DesktopApp> app = startDemoApp();
    QTRY_VERIFY_WITH_TIMEOUT(app->service() && app->service()->state() == State::Online, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(app->service()->stats()->totals().served >= 1, 15000);
    quit(*app);
    app.reset(); // the demo's figures are written now, to the demo's folder, which then goes
    QCOMPARE(servedIn(m_settingsFile), kRealServed);
    QVERIFY(demoFolders(m_demoParent->path()).isEmpty());
    const QStringList realFiles = QDir(m_real->path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QCOMPARE(realFiles, QStringList {u"settings.ini"_s});
}

QTEST_MAIN(TestDemoProfile)
#include "tst_demoprofile.moc"
