#pragma once

#include "config/secretstore.h"
#include "config/sellerconfig.h"
#include "desktopprefs.h"

#include <QDialog>
#include <QHash>
#include <QPointer>
#include <QSet>

#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QAction;
class QLabel;
class QLineEdit;
class QListWidgetItem;
class QToolButton;
QT_END_NAMESPACE

namespace Ui {
class SettingsDialog;
}

namespace coderai {

class Autostart;
class ConnectionTester;
class EarningsSettings;
class ServingRulesSettings;
class LocalServerDetector;
class SecretBatch;
class Settings;
struct ConnectionTestResult;
struct DetectedServer;

/// \brief Edits the seller's settings, its registration token and the desktop preferences.
///
/// Input is checked as it is typed with the core's validate(), and each problem is shown under
/// the field it concerns, worded as the field's label is (the core's sentences name command-line
/// options); an empty token is refused too. OK stays disabled while anything is wrong, so
/// nothing invalid is ever saved. The form scrolls, and the dialog sizes itself from its
/// screen's available geometry, so OK/Cancel are always on the screen. On OK the settings go to the settings
/// file, the token and the local API key to the secret store (never to the file). The store
/// answers later; if it fails (a locked keyring, no keyring at all) the dialog says so and
/// offers to keep the token for this session only, in memory.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SettingsDialog)

public:
    SettingsDialog(Settings *settings, SecretStore *secrets, QWidget *parent = nullptr);
    ~SettingsDialog() override;

    /// Where "start at login" is applied; the dialog keeps a default one otherwise. Not owned.
    void setAutostart(Autostart *autostart);
    ConnectionTester *connectionTester() const;
    LocalServerDetector *localServerDetector() const;

    /// During the demo the dialog edits the real configuration; a line says that saving leaves
    /// the demo. The lead's app code calls this before showing the dialog.
    void setDemoMode(bool demo);
    bool isDemoMode() const;

    /// Sizes the dialog to its content but never beyond \a available (a screen's available
    /// geometry, in logical pixels), and centres it there: the form scrolls, the buttons stay
    /// visible. Called with the dialog's screen on every show; public so tests can pass any size.
    void fitInto(const QRect &available);

    /// Fills the form from the settings and starts reading the secrets; the token arrives later
    /// (secretsLoaded()).
    void load();

    /// What the form says now, over the loaded settings (fields the form does not show keep
    /// their stored values).
    SellerConfig config() const;
    DesktopPrefs desktopPrefs() const;
    QString token() const;
    /// False while the store's token is unknown (still reading, or the read failed) and the
    /// seller typed none: then an empty token() means "unchanged", not "removed".
    bool isTokenKnown() const;
    QString localApiKey() const;
    /// The core's problems with the form (their messages as the command line words them).
    QList<ConfigProblem> problems() const;

    /// Set when the seller chose to keep the token in memory because the store failed.
    QString sessionOnlyToken() const;
    QString sessionOnlyLocalApiKey() const;

public slots:
    void accept() override;
    /// Also abandons a running connection test: its answer would concern settings now gone.
    void done(int result) override;
    /// Reads a CoderAI config file into the form, token included, and shows its problems.
    void importFromFile(const QString &path);

protected:
    void showEvent(QShowEvent *event) override;

signals:
    /// Everything was stored (or the token kept for this session); the dialog then closes.
    void saved(const coderai::SellerConfig &config, const QString &token);
    /// Both secrets were read (or could not be); the form holds what the store had.
    void secretsLoaded();

private:
    struct SecretField
    {
        QString key;
        QLineEdit *edit = nullptr;
        std::optional<QString> stored; ///< what the store holds; unknown until read
        bool reading = false;
        bool touched = false; ///< edited or imported since loading
    };

    // settingsdialog.cpp: form, validation, saving
    QAction *setUpPasswordField(QLineEdit *edit, QToolButton *button);
    void fillForm(const SellerConfig &config);
    void onScopeChanged();
    void updateValidation();
    QLabel *errorLabelFor(const QString &field) const;
    QString formMessage(const ConfigProblem &problem, const SellerConfig &config) const;
    QString tokenProblem() const;
    void setSaving(bool saving);
    void finishSave();

    // settingssecrets.cpp: reading and writing the secrets
    void readSecrets();
    void onSecretRead(const QString &key, const SecretResult &result);
    void writeSecrets();
    void onSecretsWritten(const QHash<QString, SecretResult> &failures);
    void keepSecretsForSession();
    SecretField *secretField(const QString &key);

    // settingslocal.cpp: detection, model allowlist, connection test, import
    void detectServers();
    void onServersDetected(const QList<DetectedServer> &servers);
    void onDetectedServerChosen(QListWidgetItem *item);
    void refreshModels();
    void onModelsListed(const QStringList &models, const QString &error);
    void setAllowlist(const QStringList &models);
    QStringList allowlist() const;
    void updateAllowlistStatus();
    void testConnection();
    void onTestButtonClicked();
    void onConnectionTested(const ConnectionTestResult &result);
    void showTestResult(bool success, const QString &text);
    void chooseImportFile();
    void chooseCaFile();

    std::unique_ptr<Ui::SettingsDialog> m_ui;
    Settings *m_settings;
    QPointer<SecretStore> m_secrets;
    std::unique_ptr<Autostart> m_defaultAutostart;
    Autostart *m_autostart;
    ConnectionTester *m_tester;
    EarningsSettings *m_earnings; ///< the "Earnings" group, built in code (earningssettings.cpp)
    ServingRulesSettings *m_rules; ///< the "Serving rules" group, built in code
    LocalServerDetector *m_detector;
    QAction *m_showToken = nullptr;
    QAction *m_showApiKey = nullptr;

    SellerConfig m_loaded;
    QString m_userScopeName; ///< restored when the seller switches back to user scope
    SecretField m_token;
    SecretField m_apiKey;
    bool m_legacyToken = false;
    bool m_demoMode = false; ///< the token came from an old plain-text setting
    QString m_saveError;
    bool m_saving = false;
    SellerConfig m_savedConfig;
    QHash<QString, SecretResult> m_secretFailures;
    QPointer<SecretBatch> m_batch;
    QString m_sessionOnlyToken;
    QString m_sessionOnlyApiKey;
};

} // namespace coderai
