#include "desktopapp.h"

#include "aboutdialog.h"
#include "activityjournal.h"
#include "activitymodel.h"
#include "config/instanceguard.h"
#include "config/keychainsecretstore.h"
#include "config/settings.h"
#include "config/tokenmigration.h"
#include "config/tokensource.h"
#include "connectioncard.h"
#include "demo/demoenvironment.h"
#include "demoprofile.h"
#include "desktopprefs.h"
#include "diagnostics.h"
#include "hardware/hardwaremonitor.h"
#include "ledger/ledger.h"
#include "ledger/ledgerpaths.h"
#include "logging.h"
#include "logwindow.h"
#include "redact.h"
#include "sellerservice.h"
#include "settingsdialog.h"
#include "statuswindow.h"
#include "traycontroller.h"
#include "notificationmenu.h"
#include "notifier.h"
#include "ops/metrics.h"
#include "ops/metricsserver.h"
#include "policy/servingpolicy.h"
#include "throughputchart.h"
#include "todayfigures.h"
#include "traymenu.h"
#include "welcomedialog.h"
#include "x11idlesource.h"

#include <QCloseEvent>
#include <QDBusConnection>
#include <QFileInfo>
#include <QMenuBar>
#include <QStatusBar>
#include <QMessageBox>

using namespace std::chrono_literals;

namespace coderai {
namespace {

void showWarning(const QString &title, const QString &text)
{
    // Non-modal: the tray app keeps serving while the seller reads it.
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace

DesktopApp::DesktopApp(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
}

DesktopApp::~DesktopApp()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

SellerService *DesktopApp::service() const { return m_service.get(); }
TrayController *DesktopApp::tray() const { return m_tray; }
StatusWindow *DesktopApp::statusWindow() const { return m_window.get(); }

void DesktopApp::start()
{
    m_settings = m_options.settingsFile.isEmpty() ? Settings::openDefault() : Settings::openFile(m_options.settingsFile);
    m_state = m_settings->openCompanion();
    m_secrets = m_options.secretService.isEmpty() ? std::make_unique<KeychainSecretStore>()
                                                  : std::make_unique<KeychainSecretStore>(m_options.secretService);
    m_ledger = std::make_unique<Ledger>(Ledger::Options{ledgerpaths::fileForSettings(m_settings->fileName())});
    TodayFigures::carryOver(*m_state, *m_ledger, QDateTime::currentDateTime());
    m_totals = std::make_unique<TodayFigures>();
    m_totals->setLedger(m_ledger.get());
    m_hardware = std::make_unique<HardwareMonitor>();
    m_window = std::make_unique<StatusWindow>(nullptr, m_totals.get());
    m_window->installEventFilter(this);
    m_tray = new TrayController(nullptr, m_totals.get(), this);

    // One monitor for the whole run (SellerService::followHardwareMonitor says why); the GPU
    // table follows it directly, so it is filled before any service exists.
    connect(m_hardware.get(), &HardwareMonitor::snapshotChanged, m_window.get(), &StatusWindow::setHardware);
    connect(m_tray, &TrayController::openStatusRequested, this, &DesktopApp::showStatusWindow);
    connect(m_tray, &TrayController::openSettingsRequested, this, &DesktopApp::openSettings);
    connect(m_tray, &TrayController::quitRequested, this, &DesktopApp::quit);
    connect(m_tray, &TrayController::trayAvailabilityChanged, this, &DesktopApp::onTrayAvailabilityChanged);
    // Everything the tray offers, and more, is in the window too: it may be the only way in.
    connect(m_window.get(), &StatusWindow::settingsRequested, this, &DesktopApp::openSettings);
    connect(m_window.get(), &StatusWindow::quitRequested, this, &DesktopApp::quit);
    connect(m_window.get(), &StatusWindow::logsRequested, this, &DesktopApp::showLogs);
    connect(m_window.get(), &StatusWindow::diagnosticsRequested, this, &DesktopApp::copyDiagnostics);
    connect(m_window.get(), &StatusWindow::aboutRequested, this, &DesktopApp::showAbout);

    // Notifications, kind by kind, from the window's menu bar (before Help) and the tray menu.
    Notifier *notifier = m_tray->notifier();
    notifier->setTodayFigures(m_totals.get());
    auto *windowNotifications = new NotificationMenu(m_settings.get(), notifier, m_window.get());
    m_window->menuBar()->insertMenu(m_window->menuBar()->actions().constLast(), windowNotifications);
    auto *trayNotifications = new NotificationMenu(m_settings.get(), notifier, m_tray->menu());
    m_tray->menu()->insertMenu(m_tray->menu()->quitAction(), trayNotifications);
    // The chart's range is the seller's pick, remembered across runs.
    m_window->throughputChart()->setRange(DesktopPrefs::chartRange(*m_settings));
    connect(m_window->throughputChart(), &ThroughputChart::rangeChanged, this,
            [this](ThroughputRange range) { DesktopPrefs::saveChartRange(*m_settings, range); });
    openJournal(sellerDataDir()); // recent activity, kept beside the settings

    if (m_options.windowed) {
        showStatusWindow(); // asked for a window instead of a tray icon: no icon at all
    } else {
        m_tray->show(); // and keeps watching for a tray, for as long as the app runs
        if (!m_tray->isTrayAvailable())
            onTrayAvailabilityChanged(false);
    }
    applyPrefs();
    m_hardware->start();

    if (m_options.demo) {
        startDemo();
        return;
    }
    // A token left in a plain config file by an older version moves into the keychain first.
    auto *migration = new TokenMigration(*m_settings, *m_secrets, this);
    connect(migration, &TokenMigration::finished, this, [this, migration](bool migrated, const QString &error) {
        migration->deleteLater();
        if (migrated)
            qCInfo(lcApp) << "moved the registration token from the settings file into the keychain";
        else if (!error.isEmpty())
            qCWarning(lcApp).noquote() << "the token stays in the settings file for now:" << error;
        readSecrets();
    });
    migration->start();
}

void DesktopApp::onTrayAvailabilityChanged(bool available)
{
    m_window->setTrayHint(!available);
    if (!available) {
        // No tray (at start, or it went away): the window is the app's face.
        if (!m_window->isVisible()) {
            qCInfo(lcApp) << "no system tray: showing the status window instead";
            showStatusWindow();
            m_standIn = true;
        }
    } else if (m_standIn) {
        // It was open only for want of a tray: move into the tray now there is one.
        qCInfo(lcApp) << "a system tray appeared: moving into it";
        m_standIn = false;
        m_window->hide();
    }
}

void DesktopApp::handleRequest(SingleInstance::Request request)
{
    if (request == SingleInstance::Request::StartDemo && !m_service && !m_demo) {
        if (m_welcome)
            m_welcome->close();
        startDemo();
    }
    showStatusWindow();
}

void DesktopApp::readSecrets()
{
    connect(m_secrets.get(), &SecretStore::readFinished, this, &DesktopApp::onTokenRead);
    // The environment wins, as in headless mode: handy for kiosks and scripted installs.
    if (const TokenResult fromEnvironment = tokenFromEnvironment(); fromEnvironment.ok())
        m_token = fromEnvironment.token;
    else
        m_secrets->read(QString(kRegistrationTokenKey));
    m_secrets->read(QString(kLocalApiKeyKey));
}

void DesktopApp::onTokenRead(const QString &key, const SecretResult &result)
{
    if (result.error == SecretError::None) {
        (key == kRegistrationTokenKey ? m_token : m_apiKey) = result.value;
        redact::registerSecret(result.value);
    } else if (result.error != SecretError::NotFound && key == kRegistrationTokenKey) {
        m_secretError = result.message;
    }
    if (key == kLocalApiKeyKey) { // read last: both answers are in
        disconnect(m_secrets.get(), &SecretStore::readFinished, this, &DesktopApp::onTokenRead);
        decide();
    }
}

void DesktopApp::decide()
{
    if (m_demo)
        return; // a second launch asked for the demo while the keyring was being read
    const SellerConfig config = m_settings->load();
    if (!m_secretError.isEmpty())
        showWarning(tr("Keyring unavailable"), m_secretError);
    // No settings file means a first run, even with a token in the keyring (left by an earlier
    // install, or put there by a script): the defaults would dial a broker the seller never chose.
    if (!DesktopPrefs::hasSellerSettings(*m_settings)) {
        showWelcome();
        return;
    }
    if (validate(config).isEmpty() && !m_token.isEmpty()) {
        launch(config, m_token, m_apiKey); // configured: online at once
        return;
    }
    openSettings();
}

void DesktopApp::showWelcome()
{
    auto *welcome = new WelcomeDialog;
    m_welcome = welcome;
    welcome->setAttribute(Qt::WA_DeleteOnClose);
    connect(welcome, &QDialog::finished, this, [this](int result) {
        if (result == WelcomeDialog::TryDemo)
            startDemo();
        else if (result == WelcomeDialog::OpenSettings)
            openSettings();
    });
    welcome->open();
}

void DesktopApp::startDemo()
{
    m_demo = std::make_unique<demo::DemoEnvironment>();
    QString error;
    if (!m_demo->start(&error)) {
        showWarning(tr("Demo"), error);
        m_demo.reset();
        return;
    }
    // The demo counts into a profile of its own, never the seller's settings or data (see
    // leaveDemo()); the window shows its broker's address and says it is a demo.
    m_demoProfile = std::make_unique<DemoProfile>(m_options.demoDataDir);
    m_demoLedger = std::make_unique<Ledger>(Ledger::Options{m_demoProfile->ledgerFile()});
    m_totals->setLedger(m_demoLedger.get());
    openJournal(m_demoProfile->dataDir());
    if (ConnectionCard *card = m_window->connectionCard())
        card->setDemo(true);
    m_demo->startTraffic(2s);
    launch(m_demo->config(), m_demo->token(), {});
    if (!m_window->isVisible()) // already up for want of a tray: it still moves into one later
        showStatusWindow();
}

void DesktopApp::leaveDemo()
{
    // The seller has a real broker now: back to their own figures. The demo servers stay until
    // the retired demo session has drained.
    m_demo->stopTraffic();
    m_totals->attach(nullptr); // nothing the demo session still does counts, anywhere
    if (m_service)
        m_service->setLedger(nullptr);
    m_totals->setLedger(m_ledger.get());
    m_window->setLedger(m_ledger.get());
    openJournal(sellerDataDir());
    m_demoLedger.reset(); // commits the last demo rows, for --demo --ledger
    m_demoProfile.reset();
    if (ConnectionCard *card = m_window->connectionCard())
        card->setDemo(false);
}

bool DesktopApp::isDemo() const
{
    return m_demoProfile != nullptr;
}

void DesktopApp::launch(const SellerConfig &config, const QString &token, const QString &apiKey)
{
    m_metricsServer.reset(); // before the service it reads goes
    m_metrics.reset();
    if (m_service)
        retire(std::move(m_service));
    m_guard = std::make_unique<InstanceGuard>(config);
    if (!m_guard->tryAcquire()) {
        showWarning(tr("Already running"), m_guard->errorMessage());
        m_guard.reset();
        return;
    }
    m_service = std::make_unique<SellerService>(config, token, apiKey);
    m_service->followHardwareMonitor(m_hardware.get());
    m_service->setLedger(isDemo() ? m_demoLedger.get() : m_ledger.get());
    if (!isDemo()) {
        // The seller's serving rules: the demo serves regardless, and keeps no timed pause.
        m_service->servingPolicy()->keepPauseIn(m_settings->fileName());
        // Plain X window managers have no D-Bus idle interface: the X server's own, then.
        m_service->followSystem(QDBusConnection::sessionBus(), QDBusConnection::systemBus(), &X11IdleSource::create);
    }
    m_totals->setPrices(config.prices);
    m_window->setLedger(isDemo() ? m_demoLedger.get() : m_ledger.get());
    m_window->setPrices(config.prices);
    serveMetrics(config);
    m_totals->attach(m_service->stats());
    m_journal->follow(m_service->stats());
    m_tray->notifier()->follow(m_service->stats());
    m_tray->setService(m_service.get());
    m_window->setService(m_service.get());
    m_service->start();
}

void DesktopApp::serveMetrics(const SellerConfig &config)
{
    // The settings file's [metrics] listen, as for a headless seller; counters start again with
    // each session (Prometheus reads that as a counter reset).
    if (config.metricsListen.isEmpty())
        return;
    const MetricsListen where = MetricsListen::parse(config.metricsListen).value_or(MetricsListen{});
    m_metrics = std::make_unique<SellerMetrics>(m_service.get());
    m_metricsServer = std::make_unique<MetricsServer>(m_metrics.get());
    QString error;
    if (!m_metricsServer->listen(where, &error)) {
        qCWarning(lcApp).noquote() << "cannot serve metrics on" << where.toString() << "-" << error;
        m_metricsServer.reset();
        m_metrics.reset();
        return;
    }
    qCInfo(lcApp).noquote() << "metrics on" << m_metricsServer->boundAddress().toString();
}

void DesktopApp::retire(std::unique_ptr<SellerService> service)
{
    // The old session drains in the background; AISBF replaces it with the new one anyway.
    SellerService *old = service.release();
    old->setParent(this);
    connect(old, &SellerService::finished, old, &QObject::deleteLater);
    old->quit();
}

void DesktopApp::openSettings()
{
    if (m_settingsDialog && m_settingsDialog->isVisible()) { // a closed one is on its way out
        m_settingsDialog->raise();
        m_settingsDialog->activateWindow();
        return;
    }
    m_settingsDialog = new SettingsDialog(m_settings.get(), m_secrets.get());
    m_settingsDialog->setAttribute(Qt::WA_DeleteOnClose);
    m_settingsDialog->setDemoMode(isDemo()); // saving leaves the demo: the dialog says so
    connect(m_settingsDialog, &SettingsDialog::saved, this, &DesktopApp::onSettingsSaved);
    m_settingsDialog->load();
    m_settingsDialog->show();
}

void DesktopApp::onSettingsSaved(const SellerConfig &config, const QString &token)
{
    SettingsDialog *dialog = m_settingsDialog;
    if (dialog) {
        if (!dialog->sessionOnlyToken().isEmpty())
            m_token = dialog->sessionOnlyToken(); // the seller chose: this run only, never a file
        else if (dialog->isTokenKnown() || !token.isEmpty())
            m_token = token;
        m_apiKey = dialog->sessionOnlyLocalApiKey().isEmpty() ? dialog->localApiKey() : dialog->sessionOnlyLocalApiKey();
    }
    redact::registerSecret(m_token);
    redact::registerSecret(m_apiKey);
    applyPrefs();
    if (isDemo())
        leaveDemo();
    launch(config, m_token, m_apiKey);
}

void DesktopApp::applyPrefs()
{
    const DesktopPrefs prefs = DesktopPrefs::load(*m_settings);
    m_tray->notifier()->setEnabled(prefs.notifications);
    m_tray->notifier()->setPreferences(NotificationPrefs::load(*m_settings));
}

QString DesktopApp::sellerDataDir() const
{
    return QFileInfo(m_settings->fileName()).absolutePath();
}

void DesktopApp::openJournal(const QString &dataDir)
{
    // The demo keeps its rows in its own folder; the seller's stay beside their settings.
    auto journal = std::make_unique<ActivityJournal>(ActivityJournal::fileIn(dataDir));
    if (m_service)
        journal->follow(m_service->stats());
    m_window->activityModel()->setJournal(journal.get());
    m_journal = std::move(journal); // the previous one writes its last rows as it goes
}

void DesktopApp::showStatusWindow()
{
    m_standIn = false; // asked for (or the app's only face): it stays when a tray appears
    m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void DesktopApp::quit()
{
    if (m_hardware)
        m_hardware->stop();
    if (!m_service) {
        emit finished(0);
        return;
    }
    // The service keeps the one record of quitting, and finishes by itself if the broker never
    // completes the close.
    if (m_service->isQuitting())
        return;
    connect(m_service.get(), &SellerService::finished, this, [this] { emit finished(0); });
    m_service->quit(); // drain, then close 1000
}

void DesktopApp::showLogs()
{
    if (!m_options.logs)
        return;
    if (!m_logWindow) {
        m_logWindow = new LogWindow(m_options.logs);
        m_logWindow->setAttribute(Qt::WA_DeleteOnClose);
    }
    m_logWindow->show();
    m_logWindow->raise();
    m_logWindow->activateWindow();
}

void DesktopApp::copyDiagnostics()
{
    // Whether a token is set, never the token: Diagnostics scrubs every registered secret too.
    Diagnostics::copyToClipboard(Diagnostics::gather(m_service.get(), m_options.logs, isDemo(), !m_token.isEmpty()));
    m_window->statusBar()->showMessage(tr("Diagnostics copied to the clipboard: paste them into your bug report."), 8000);
}

void DesktopApp::showAbout()
{
    auto *about = new AboutDialog(m_window.get());
    about->setAttribute(Qt::WA_DeleteOnClose);
    about->open();
}

bool DesktopApp::eventFilter(QObject *watched, QEvent *event)
{
    if (watched != m_window.get() || event->type() != QEvent::Close)
        return QObject::eventFilter(watched, event);
    m_standIn = false;
    // Without a tray the window is the app: closing it quits, after the running requests finish,
    // as closing an app's only window does everywhere. Hidden, it would serve with no way back
    // but a second launch; the hint says so and suggests minimising to keep serving.
    if (m_options.windowed || !m_tray->isTrayAvailable())
        quit();
    return QObject::eventFilter(watched, event);
}

} // namespace coderai
