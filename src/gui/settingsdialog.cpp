#include "settingsdialog.h"

#include "autostart.h"
#include "config/settings.h"
#include "connectiontester.h"
#include "earningssettings.h"
#include "servingrulessettings.h"
#include "localserverdetector.h"
#include "logging.h"
#include "secretbatch.h"
#include "windowfit.h"

#include "ui_settingsdialog.h"

#include <QAction>
#include <QFileInfo>
#include <QIcon>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QStyle>

#include <algorithm>

namespace coderai {

using namespace Qt::StringLiterals;

SettingsDialog::SettingsDialog(Settings *settings, SecretStore *secrets, QWidget *parent)
    : QDialog(parent)
    , m_ui(std::make_unique<Ui::SettingsDialog>())
    , m_settings(settings)
    , m_secrets(secrets)
    , m_defaultAutostart(std::make_unique<Autostart>())
    , m_autostart(m_defaultAutostart.get())
    , m_tester(new ConnectionTester(this))
    , m_detector(new LocalServerDetector(this))
{
    Q_ASSERT(settings);
    m_ui->setupUi(this);
    // Prices sit after the local server (whose model list they offer) and before the desktop.
    m_earnings = new EarningsSettings(m_ui->formPage);
    m_ui->formLayout->insertWidget(m_ui->formLayout->indexOf(m_ui->desktopGroup), m_earnings);
    connect(m_earnings, &EarningsSettings::changed, this, &SettingsDialog::updateValidation);
    m_rules = new ServingRulesSettings(m_ui->formPage);
    m_ui->formLayout->insertWidget(m_ui->formLayout->indexOf(m_ui->desktopGroup), m_rules);
    connect(m_rules, &ServingRulesSettings::changed, this, &SettingsDialog::updateValidation);
    m_token.key = QString(kRegistrationTokenKey);
    m_token.edit = m_ui->tokenEdit;
    m_apiKey.key = QString(kLocalApiKeyKey);
    m_apiKey.edit = m_ui->localApiKeyEdit;

    m_ui->scopeCombo->addItem(tr("Global: a provider of the whole AISBF instance"), scopeToString(BrokerScope::Global));
    m_ui->scopeCombo->addItem(tr("User: a provider owned by one AISBF user"), scopeToString(BrokerScope::User));
    m_showToken = setUpPasswordField(m_ui->tokenEdit, m_ui->showTokenButton);
    m_showApiKey = setUpPasswordField(m_ui->localApiKeyEdit, m_ui->showApiKeyButton);

    for (QLineEdit *edit : {m_ui->baseUrlEdit, m_ui->usernameEdit, m_ui->providerIdEdit, m_ui->clientIdEdit,
                            m_ui->caFileEdit, m_ui->localUrlEdit, m_ui->tokenEdit})
        connect(edit, &QLineEdit::textChanged, this, &SettingsDialog::updateValidation);
    connect(m_ui->maxConcurrentSpin, &QSpinBox::valueChanged, this, &SettingsDialog::updateValidation);
    connect(m_ui->scopeCombo, &QComboBox::currentIndexChanged, this, &SettingsDialog::onScopeChanged);
    connect(m_ui->tokenEdit, &QLineEdit::textEdited, this, [this] {
        m_token.touched = true;
        updateValidation(); // textChanged came first, while the edit did not count yet
    });
    connect(m_ui->localApiKeyEdit, &QLineEdit::textEdited, this, [this] { m_apiKey.touched = true; });

    connect(m_ui->buttonBox, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_ui->buttonBox, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_ui->retrySecretsButton, &QPushButton::clicked, this, &SettingsDialog::writeSecrets);
    connect(m_ui->sessionOnlyButton, &QPushButton::clicked, this, &SettingsDialog::keepSecretsForSession);

    connect(m_ui->detectButton, &QPushButton::clicked, this, &SettingsDialog::detectServers);
    connect(m_detector, &LocalServerDetector::detectionFinished, this, &SettingsDialog::onServersDetected);
    connect(m_ui->detectList, &QListWidget::itemClicked, this, &SettingsDialog::onDetectedServerChosen);
    connect(m_ui->detectList, &QListWidget::itemActivated, this, &SettingsDialog::onDetectedServerChosen);
    connect(m_ui->refreshModelsButton, &QPushButton::clicked, this, &SettingsDialog::refreshModels);
    connect(m_detector, &LocalServerDetector::modelsListed, this, &SettingsDialog::onModelsListed);
    connect(m_ui->modelList, &QListWidget::itemChanged, this, &SettingsDialog::updateAllowlistStatus);
    connect(m_ui->testConnectionButton, &QPushButton::clicked, this, &SettingsDialog::onTestButtonClicked);
    connect(m_tester, &ConnectionTester::finished, this, &SettingsDialog::onConnectionTested);
    connect(m_ui->importButton, &QPushButton::clicked, this, &SettingsDialog::chooseImportFile);
    connect(m_ui->caFileBrowseButton, &QPushButton::clicked, this, &SettingsDialog::chooseCaFile);

    if (m_secrets)
        connect(m_secrets, &SecretStore::readFinished, this, &SettingsDialog::onSecretRead);
}

SettingsDialog::~SettingsDialog() = default;

void SettingsDialog::setAutostart(Autostart *autostart)
{
    m_autostart = autostart ? autostart : m_defaultAutostart.get();
    m_ui->startAtLoginCheck->setChecked(m_autostart->isEnabled());
}

ConnectionTester *SettingsDialog::connectionTester() const
{
    return m_tester;
}

LocalServerDetector *SettingsDialog::localServerDetector() const
{
    return m_detector;
}

void SettingsDialog::setDemoMode(bool demo)
{
    m_demoMode = demo;
    m_ui->demoModeLabel->setVisible(demo);
}

bool SettingsDialog::isDemoMode() const
{
    return m_demoMode;
}

void SettingsDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    if (const QScreen *where = screen())
        fitInto(where->availableGeometry());
}

void SettingsDialog::fitInto(const QRect &available)
{
    // What the form wants, as if it did not scroll: the page's own hint plus what lies around
    // the scroll area (the demo line, errors, the buttons).
    QWidget *page = m_ui->formScrollArea->widget();
    page->adjustSize();
    const QSize pageHint = page->sizeHint();
    const QSize around = sizeHint() - m_ui->formScrollArea->sizeHint();
    const int scrollBar = style()->pixelMetric(QStyle::PM_ScrollBarExtent);
    const int width = std::max(pageHint.width() + scrollBar, 560) + around.width();
    const int height = pageHint.height() + std::max(around.height(), 0);
    WindowFit::place(this, QSize(width, height), available);
}

QAction *SettingsDialog::setUpPasswordField(QLineEdit *edit, QToolButton *button)
{
    // One action drives the button; the button shows the icon where the theme has one and the
    // words where it has not (offscreen, minimal desktops), so the toggle is never invisible.
    auto *toggle = new QAction(QIcon::fromTheme(u"view-reveal-symbolic"_s, QIcon::fromTheme(u"view-visible"_s)),
                               tr("Show"), edit);
    toggle->setCheckable(true);
    toggle->setToolTip(tr("Show what is typed"));
    connect(toggle, &QAction::toggled, edit, [edit, toggle](bool shown) {
        edit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        toggle->setText(shown ? tr("Hide") : tr("Show"));
        toggle->setToolTip(shown ? tr("Hide what is typed") : tr("Show what is typed"));
    });
    button->setDefaultAction(toggle);
    button->setToolButtonStyle(toggle->icon().isNull() ? Qt::ToolButtonTextOnly : Qt::ToolButtonIconOnly);
    return toggle;
}

void SettingsDialog::load()
{
    m_loaded = m_settings->load();
    fillForm(m_loaded);
    setAllowlist(m_loaded.modelAllowlist);
    const DesktopPrefs prefs = DesktopPrefs::load(*m_settings);
    // The entry on disk is the truth: the seller may have removed it in the desktop's own
    // settings since we last wrote the preference.
    m_ui->startAtLoginCheck->setChecked(m_autostart->isEnabled());
    m_ui->notificationsCheck->setChecked(prefs.notifications);
    m_saveError.clear();
    m_sessionOnlyToken.clear();
    m_sessionOnlyApiKey.clear();
    // A dialog kept for reuse must not show last time's answers.
    const QList<QWidget *> stale{m_ui->testResultLabel, m_ui->importStatusLabel, m_ui->detectStatusLabel,
                                 m_ui->detectList, m_ui->secretErrorFrame};
    for (QWidget *widget : stale)
        widget->hide();
    readSecrets();
    updateValidation();
}

void SettingsDialog::fillForm(const SellerConfig &config)
{
    m_ui->baseUrlEdit->setText(config.baseUrl.toString());
    m_userScopeName = config.scope == BrokerScope::User ? config.username : QString();
    {
        const QSignalBlocker blocker(m_ui->scopeCombo);
        m_ui->scopeCombo->setCurrentIndex(m_ui->scopeCombo->findData(scopeToString(config.scope)));
    }
    m_ui->usernameEdit->setText(config.username);
    m_ui->usernameEdit->setEnabled(config.scope == BrokerScope::User);
    m_ui->providerIdEdit->setText(config.providerId);
    m_ui->clientIdEdit->setText(config.clientId);
    m_ui->caFileEdit->setText(config.caFile);
    m_ui->localUrlEdit->setText(config.localUrl.toString());
    m_ui->maxConcurrentSpin->setValue(config.maxConcurrent);
    m_earnings->setPrices(config.prices);
    m_rules->setConfig(config);
}

void SettingsDialog::onScopeChanged()
{
    const bool user = m_ui->scopeCombo->currentData().toString() == scopeToString(BrokerScope::User);
    if (user) {
        m_ui->usernameEdit->setEnabled(true);
        m_ui->usernameEdit->setText(m_userScopeName);
        m_ui->usernameEdit->setFocus();
    } else {
        // Global scope has exactly one valid username; remember the typed one in case the
        // seller switches back.
        if (m_ui->usernameEdit->isEnabled())
            m_userScopeName = m_ui->usernameEdit->text();
        m_ui->usernameEdit->setText(u"global"_s);
        m_ui->usernameEdit->setEnabled(false);
    }
    updateValidation();
}

SellerConfig SettingsDialog::config() const
{
    // Surrounding blanks come from pasting; nobody means them, so they are dropped rather than
    // reported.
    SellerConfig config = m_loaded;
    config.baseUrl = QUrl(m_ui->baseUrlEdit->text().trimmed());
    config.scope = scopeFromString(m_ui->scopeCombo->currentData().toString()).value_or(BrokerScope::Global);
    config.username = config.scope == BrokerScope::Global ? u"global"_s : m_ui->usernameEdit->text().trimmed();
    config.providerId = m_ui->providerIdEdit->text().trimmed();
    config.clientId = m_ui->clientIdEdit->text().trimmed();
    config.caFile = m_ui->caFileEdit->text().trimmed();
    config.localUrl = QUrl(m_ui->localUrlEdit->text().trimmed());
    config.maxConcurrent = m_ui->maxConcurrentSpin->value();
    config.modelAllowlist = allowlist();
    // Invalid prices keep OK disabled (updateValidation), so what is returned here then never
    // reaches the file.
    config.prices = m_earnings->prices();
    m_rules->applyTo(config);
    return config;
}

DesktopPrefs SettingsDialog::desktopPrefs() const
{
    return {m_ui->startAtLoginCheck->isChecked(), m_ui->notificationsCheck->isChecked()};
}

QString SettingsDialog::token() const
{
    return m_ui->tokenEdit->text().trimmed();
}

bool SettingsDialog::isTokenKnown() const
{
    return m_token.stored.has_value() || m_token.touched;
}

QString SettingsDialog::localApiKey() const
{
    return m_ui->localApiKeyEdit->text().trimmed();
}

QList<ConfigProblem> SettingsDialog::problems() const
{
    return validate(config());
}

QString SettingsDialog::sessionOnlyToken() const
{
    return m_sessionOnlyToken;
}

QString SettingsDialog::sessionOnlyLocalApiKey() const
{
    return m_sessionOnlyApiKey;
}

QString SettingsDialog::formMessage(const ConfigProblem &problem, const SellerConfig &config) const
{
    // The core words its problems for the command line, naming options ("(base-url)"); here
    // each field's message is said the way its label says it. Chosen by field and the form's
    // state, so the core's sentences (and its English log lines) stay as they are.
    const QString &field = problem.field;
    if (field == "base-url"_L1)
        return tr("The broker URL must start with https://, http://, wss:// or ws:// and name a host, "
                  "for example https://aisbf.cloud.");
    if (field == "username"_L1) {
        if (config.scope == BrokerScope::Global)
            return tr("With the Global scope the username is always \"global\".");
        if (config.username.isEmpty())
            return tr("Enter the AISBF username of the user who owns the provider.");
        if (config.username == "global"_L1)
            return tr("\"global\" is not a user: enter the owner's AISBF username, or choose the Global "
                      "scope.");
        return tr("The username must not start or end with a space or contain control characters.");
    }
    if (field == "provider-id"_L1)
        return config.providerId.isEmpty() ? tr("Enter the provider id configured in AISBF.")
                                           : tr("The provider id must not contain spaces or control characters.");
    if (field == "client-id"_L1)
        return config.clientId.isEmpty() ? tr("Enter a client id: it names this machine in AISBF.")
                                         : tr("The client id must not contain spaces or control characters.");
    if (field == "local-url"_L1)
        return tr("The local server URL must start with http:// or https:// and name a host, for example "
                  "http://127.0.0.1:8080.");
    if (field == "max-concurrent"_L1)
        return tr("Concurrent requests must be between %1 and %2.")
            .arg(m_ui->maxConcurrentSpin->minimum())
            .arg(m_ui->maxConcurrentSpin->maximum());
    if (field == "ca-file"_L1)
        return QFileInfo::exists(config.caFile) ? tr("The extra CA file cannot be read.")
                                                : tr("The extra CA file does not exist.");
    return problem.message; // a setting the form does not show
}

QString SettingsDialog::tokenProblem() const
{
    // Unknown and untouched (the keyring could not be read) means "keep the stored one"; known
    // and empty would only be refused by the broker later, with a far vaguer reason.
    if (!token().isEmpty() || !isTokenKnown() || m_token.reading)
        return {};
    return tr("Enter the registration token: AISBF shows it on the provider's page. The broker refuses "
              "a seller without one.");
}

QLabel *SettingsDialog::errorLabelFor(const QString &field) const
{
    // ConfigProblem::field uses the command line's option names.
    static const QHash<QString, QLabel *Ui::SettingsDialog::*> labels{
        {u"base-url"_s, &Ui::SettingsDialog::baseUrlError},
        {u"scope"_s, &Ui::SettingsDialog::usernameError},
        {u"username"_s, &Ui::SettingsDialog::usernameError},
        {u"provider-id"_s, &Ui::SettingsDialog::providerIdError},
        {u"client-id"_s, &Ui::SettingsDialog::clientIdError},
        {u"ca-file"_s, &Ui::SettingsDialog::caFileError},
        {u"local-url"_s, &Ui::SettingsDialog::localUrlError},
        {u"max-concurrent"_s, &Ui::SettingsDialog::maxConcurrentError},
    };
    const auto it = labels.constFind(field);
    return it == labels.cend() ? m_ui->generalError : m_ui.get()->*(*it);
}

void SettingsDialog::updateValidation()
{
    QHash<QLabel *, QStringList> messages;
    const SellerConfig current = config();
    const QList<ConfigProblem> found = validate(current);
    for (const ConfigProblem &problem : found) {
        if (problem.field == u"schedule"_s)
            continue; // the Serving rules section shows it under its own field
        QStringList &lines = messages[errorLabelFor(problem.field)];
        const QString line = formMessage(problem, current);
        if (!lines.contains(line))
            lines.append(line);
    }
    const QString tokenLine = tokenProblem();
    if (!tokenLine.isEmpty())
        messages[m_ui->tokenError].append(tokenLine);
    if (!m_saveError.isEmpty())
        messages[m_ui->generalError].append(m_saveError);
    for (QLabel *label : {m_ui->baseUrlError, m_ui->usernameError, m_ui->providerIdError, m_ui->clientIdError,
                          m_ui->tokenError, m_ui->caFileError, m_ui->localUrlError, m_ui->maxConcurrentError,
                          m_ui->generalError}) {
        const QStringList lines = messages.value(label);
        label->setText(lines.join(u'\n'));
        label->setVisible(!lines.isEmpty());
    }

    const bool valid = found.isEmpty();
    m_ui->buttonBox->button(QDialogButtonBox::Ok)
        ->setEnabled(valid && m_earnings->isValid() && m_rules->isValid() && tokenLine.isEmpty() && !m_saving);
    // While a test runs the button cancels it, so it stays enabled (and keeps the focus).
    const bool haveToken = !token().isEmpty();
    m_ui->testConnectionButton->setEnabled(m_tester->isRunning() || (valid && haveToken));
}

void SettingsDialog::accept()
{
    if (m_saving)
        return;
    const SellerConfig current = config();
    if (!validate(current).isEmpty() || !m_earnings->isValid() || !tokenProblem().isEmpty()) {
        updateValidation();
        return; // OK is disabled while invalid; this guards keyboard paths all the same
    }
    m_saveError.clear();
    const DesktopPrefs prefs = desktopPrefs();
    if (prefs.startAtLogin != m_autostart->isEnabled()) {
        QString error;
        if (!m_autostart->setEnabled(prefs.startAtLogin, &error)) {
            m_saveError = tr("Start at login could not be changed: %1").arg(error);
            updateValidation();
            return;
        }
    }
    if (!m_settings->save(current) || !prefs.save(*m_settings)) {
        m_saveError = tr("The settings could not be written to %1. Check that the folder exists and is "
                         "writable.").arg(m_settings->fileName());
        updateValidation();
        return;
    }
    m_loaded = current;
    m_savedConfig = current;
    qCInfo(lcConfig) << "settings saved to" << m_settings->fileName();
    writeSecrets();
}

void SettingsDialog::done(int result)
{
    m_tester->cancel();
    QDialog::done(result);
}

void SettingsDialog::setSaving(bool saving)
{
    m_saving = saving;
    m_ui->retrySecretsButton->setEnabled(!saving);
    m_ui->sessionOnlyButton->setEnabled(!saving);
    updateValidation();
}

void SettingsDialog::finishSave()
{
    setSaving(false);
    m_ui->secretErrorFrame->hide();
    emit saved(m_savedConfig, token());
    // The seller may have pressed Cancel while the keyring was still answering; the settings
    // file was written all the same, so saved() is due, but the dialog is already closed.
    if (isVisible())
        QDialog::accept();
}

} // namespace coderai
