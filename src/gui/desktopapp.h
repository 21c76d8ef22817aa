#pragma once

#include "config/sellerconfig.h"
#include "singleinstance.h"

#include <QObject>
#include <QPointer>
#include <QSettings>

#include <memory>

namespace coderai {

class ActivityJournal;
class TodayFigures;
class Ledger;
class MetricsServer;
class SellerMetrics;
class DemoProfile;
class HardwareMonitor;
class InstanceGuard;
class KeychainSecretStore;
class LogBuffer;
class LogWindow;
class SellerService;
class Settings;
class SettingsDialog;
class StatusWindow;
class TrayController;
class WelcomeDialog;
struct SecretResult;
namespace demo {
class DemoEnvironment;
}

/// \brief The desktop front end, assembled: tray, status window, settings, keychain, and one
/// SellerService at a time (replaced when the settings change). Wiring only; each part
/// does its own job.
class DesktopApp final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(DesktopApp)

public:
    struct Options
    {
        QString settingsFile; ///< empty: the user's stored settings
        bool demo = false;
        bool windowed = false; ///< no tray: the status window as a normal window
        LogBuffer *logs = nullptr; ///< what the Logs window and the diagnostics read; may be null
        QString demoDataDir; ///< the demo's own folder, emptied when a demo starts; empty: ledgerpaths::demoDataDir()
        QString secretService; ///< empty: the app's own keyring entries; tests use their own
    };

    explicit DesktopApp(const Options &options, QObject *parent = nullptr);
    ~DesktopApp() override;

    void start();
    /// Drains the session and closes it, then finished(); the tray's Quit does the same.
    void quit();

    /// A later launch's request (SingleInstance): show the window, and start the demo if asked
    /// while nothing is running; a seller's real session is never replaced by the demo.
    void handleRequest(coderai::SingleInstance::Request request);

    SellerService *service() const; ///< null until configured (or the demo started)
    TrayController *tray() const;
    StatusWindow *statusWindow() const;
    /// The demo runs and records into its own profile (settings: pass it to the dialog so it
    /// says that saving leaves the demo, DemoProfile::settingsNotice()).
    bool isDemo() const;

signals:
    void finished(int exitCode);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private slots:
    // Built by the Logs/diagnostics/About work; the window and the tray reach them through here.
    void showLogs();
    void copyDiagnostics();
    void showAbout();

private:
    void onTrayAvailabilityChanged(bool available);
    void readSecrets();
    void onTokenRead(const QString &key, const SecretResult &result);
    void decide();
    void showWelcome();
    void startDemo();
    void leaveDemo();
    void launch(const SellerConfig &config, const QString &token, const QString &apiKey);
    void openSettings();
    void onSettingsSaved(const SellerConfig &config, const QString &token);
    void applyPrefs();
    /// The seller's own data folder: the settings file's (the demo has DemoProfile::dataDir()).
    QString sellerDataDir() const;
    void openJournal(const QString &dataDir);
    void showStatusWindow();
    void retire(std::unique_ptr<SellerService> service);
    void serveMetrics(const SellerConfig &config);

    Options m_options;
    std::unique_ptr<Settings> m_settings;
    std::unique_ptr<QSettings> m_state; ///< what DailyTotals kept, moved into the ledger once
    std::unique_ptr<KeychainSecretStore> m_secrets;
    std::unique_ptr<HardwareMonitor> m_hardware;
    /// The seller's ledger, beside the settings; the demo's is in its profile. Declared before
    /// the services, which record into them until they are gone.
    std::unique_ptr<Ledger> m_ledger;
    std::unique_ptr<Ledger> m_demoLedger;
    std::unique_ptr<DemoProfile> m_demoProfile; ///< set while the demo runs
    std::unique_ptr<TodayFigures> m_totals;
    std::unique_ptr<demo::DemoEnvironment> m_demo;
    std::unique_ptr<InstanceGuard> m_guard;
    std::unique_ptr<SellerService> m_service;
    std::unique_ptr<SellerMetrics> m_metrics; ///< reads m_service; declared after it, so it goes first
    std::unique_ptr<MetricsServer> m_metricsServer;
    std::unique_ptr<StatusWindow> m_window;
    std::unique_ptr<ActivityJournal> m_journal; ///< recent activity (the window's model holds a QPointer)
    TrayController *m_tray = nullptr;
    QPointer<SettingsDialog> m_settingsDialog;
    QPointer<LogWindow> m_logWindow;
    QPointer<WelcomeDialog> m_welcome;
    bool m_standIn = false; ///< the window is open only because there is no tray
    QString m_token;
    QString m_apiKey;
    QString m_secretError;
};

} // namespace coderai
