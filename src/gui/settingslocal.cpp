// SettingsDialog, part three: the helpers around the form: local server detection, the model
// allowlist, the connection test, CoderAI config import and the CA file chooser.

#include "settingsdialog.h"

#include "config/coderaiconfigimport.h"
#include "connectiontester.h"
#include "earningssettings.h"
#include "localserverdetector.h"
#include "logging.h"

#include "ui_settingsdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QListWidgetItem>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

constexpr int kModelIdRole = Qt::UserRole;
constexpr int kServerUrlRole = Qt::UserRole;

QListWidgetItem *modelItem(const QString &id, bool checked)
{
    auto *item = new QListWidgetItem(id);
    item->setData(kModelIdRole, id);
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    return item;
}

} // namespace

// The buttons below stay enabled while their work runs: disabling the focused button would move
// the focus into the next field and select its text. A second click simply starts over.

void SettingsDialog::detectServers()
{
    m_ui->detectList->clear();
    m_ui->detectList->hide();
    m_ui->detectStatusLabel->setText(tr("Looking for local model servers…"));
    m_ui->detectStatusLabel->show();
    // What the seller typed is tried first: it is the likeliest answer, and may use any port.
    m_detector->detect(QUrl(m_ui->localUrlEdit->text().trimmed()));
}

void SettingsDialog::onServersDetected(const QList<DetectedServer> &servers)
{
    m_ui->detectList->clear();
    if (servers.isEmpty()) {
        QStringList ports;
        for (quint16 port : m_detector->probedPorts())
            ports << QString::number(port);
        m_ui->detectStatusLabel->setText(
            tr("No local model server answered on 127.0.0.1 (ports %1). Start yours, or type its address.")
                .arg(ports.join(u", "_s)));
        return;
    }
    for (const DetectedServer &server : servers) {
        const QString product = server.product.isEmpty() ? tr("OpenAI-compatible server") : server.product;
        const QString detail = server.needsApiKey ? tr("asks for an API key")
                                                  : tr("%n model(s)", nullptr, int(server.models.size()));
        auto *item = new QListWidgetItem(tr("%1 (%2, %3)").arg(server.url.toString(), product, detail));
        item->setData(kServerUrlRole, server.url.toString());
        m_ui->detectList->addItem(item);
    }
    m_ui->detectStatusLabel->setText(tr("Found %n server(s). Click one to use it:", nullptr, int(servers.size())));
    m_ui->detectList->show();
}

void SettingsDialog::onDetectedServerChosen(QListWidgetItem *item)
{
    if (!item)
        return;
    const QString url = item->data(kServerUrlRole).toString();
    m_ui->localUrlEdit->setText(url);
    m_ui->detectList->hide();
    m_ui->detectStatusLabel->setText(tr("Using %1.").arg(url));
}

void SettingsDialog::refreshModels()
{
    const QUrl url(m_ui->localUrlEdit->text().trimmed());
    if (!url.isValid() || url.host().isEmpty()) {
        m_ui->modelsStatusLabel->setText(tr("Enter the local server URL first."));
        return;
    }
    m_ui->modelsStatusLabel->setText(tr("Reading the model list…"));
    m_detector->listModels(url, localApiKey());
}

void SettingsDialog::onModelsListed(const QStringList &models, const QString &error)
{
    if (!error.isEmpty()) {
        m_ui->modelsStatusLabel->setText(error);
        return;
    }
    // Keep what is checked; entries no longer served (or '*' patterns) stay while checked, so a
    // refresh during a model reload does not silently widen the allowlist.
    const QStringList checked = allowlist();
    QStringList ids = models;
    for (const QString &id : checked) {
        if (!ids.contains(id))
            ids.append(id);
    }
    {
        const QSignalBlocker blocker(m_ui->modelList);
        m_ui->modelList->clear();
        for (const QString &id : std::as_const(ids)) {
            QListWidgetItem *item = modelItem(id, checked.contains(id));
            if (!models.contains(id))
                item->setToolTip(tr("Not offered by the local server right now."));
            m_ui->modelList->addItem(item);
        }
    }
    updateAllowlistStatus();
    m_earnings->setKnownModels(models);
    m_ui->modelsStatusLabel->setText(tr("The local server offers %n model(s). ", nullptr, int(models.size()))
                                     + m_ui->modelsStatusLabel->text());
}

void SettingsDialog::setAllowlist(const QStringList &models)
{
    {
        const QSignalBlocker blocker(m_ui->modelList);
        m_ui->modelList->clear();
        for (const QString &id : models)
            m_ui->modelList->addItem(modelItem(id, true));
    }
    updateAllowlistStatus();
}

QStringList SettingsDialog::allowlist() const
{
    QStringList ids;
    for (int row = 0; row < m_ui->modelList->count(); ++row) {
        const QListWidgetItem *item = m_ui->modelList->item(row);
        if (item->checkState() == Qt::Checked)
            ids << item->data(kModelIdRole).toString();
    }
    return ids;
}

void SettingsDialog::updateAllowlistStatus()
{
    const qsizetype checked = allowlist().size();
    m_ui->modelsStatusLabel->setText(checked == 0 ? tr("Nothing checked: every model is offered.")
                                                  : tr("Only the %n checked model(s) are offered.", nullptr, int(checked)));
}

void SettingsDialog::onTestButtonClicked()
{
    if (!m_tester->isRunning()) {
        testConnection();
        return;
    }
    m_tester->cancel();
    m_ui->testConnectionButton->setText(tr("Test co&nnection"));
    m_ui->testResultLabel->setStyleSheet(QString());
    m_ui->testResultLabel->setText(tr("Test cancelled."));
    updateValidation();
}

void SettingsDialog::testConnection()
{
    if (!problems().isEmpty() || token().isEmpty())
        return;
    m_ui->testResultLabel->setStyleSheet(QString());
    m_ui->testResultLabel->setText(tr("Connecting to AISBF…"));
    m_ui->testResultLabel->show();
    m_tester->start(config(), token());
    m_ui->testConnectionButton->setText(tr("Cancel t&est"));
    updateValidation();
}

void SettingsDialog::onConnectionTested(const ConnectionTestResult &result)
{
    m_ui->testConnectionButton->setText(tr("Test co&nnection"));
    const bool success = result.outcome == ConnectionTestResult::Outcome::Connected;
    showTestResult(success, result.message);
    updateValidation();
}

void SettingsDialog::showTestResult(bool success, const QString &text)
{
    // A verdict first, in the colour of the outcome, then the details and likely causes.
    const QString verdict = success ? tr("Test passed: this seller can connect.")
                                    : tr("Test failed: this seller cannot connect with these settings.");
    m_ui->testResultLabel->setStyleSheet(success ? u"color: #1e8449;"_s : u"color: #c0392b;"_s);
    m_ui->testResultLabel->setText(verdict + u'\n' + text);
    m_ui->testResultLabel->show();
}

void SettingsDialog::chooseImportFile()
{
    // open(), not exec(): no nested event loop, and tests can reach the dialog as our child.
    auto *chooser = new QFileDialog(this, tr("Import CoderAI config"), QDir::homePath(),
                                    tr("CoderAI config (*.json);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    chooser->setAcceptMode(QFileDialog::AcceptOpen);
    connect(chooser, &QFileDialog::fileSelected, this, &SettingsDialog::importFromFile);
    chooser->open();
}

void SettingsDialog::chooseCaFile()
{
    const QString current = m_ui->caFileEdit->text().trimmed();
    auto *chooser = new QFileDialog(this, tr("Extra CA certificate"),
                                    current.isEmpty() ? QDir::homePath() : QFileInfo(current).absolutePath(),
                                    tr("Certificates (*.pem *.crt *.cer);;All files (*)"));
    chooser->setAttribute(Qt::WA_DeleteOnClose);
    chooser->setFileMode(QFileDialog::ExistingFile);
    connect(chooser, &QFileDialog::fileSelected, m_ui->caFileEdit, &QLineEdit::setText);
    chooser->open();
}

void SettingsDialog::importFromFile(const QString &path)
{
    const CoderAiImport imported = importCoderAiConfigFile(path);
    const SellerConfig before = config();
    SellerConfig merged = before;
    imported.overlay.applyTo(merged);
    const bool nothing = merged == before && imported.token.isEmpty();
    fillForm(merged);
    if (!imported.token.isEmpty()) {
        // Touched: the imported token wins over a keyring answer that may still be on its way.
        m_token.touched = true;
        m_ui->tokenEdit->setReadOnly(false);
        m_ui->tokenEdit->setText(imported.token);
    }

    const QString name = QFileInfo(path).fileName();
    QStringList lines;
    if (imported.problems.isEmpty())
        lines << tr("Imported the broker settings from %1. Check them, then press OK to save.").arg(name);
    else if (nothing)
        lines << tr("Nothing was imported from %1:").arg(name);
    else
        lines << tr("Imported what could be read from %1. Problems:").arg(name);
    for (const ConfigProblem &problem : imported.problems)
        lines << tr("• %1").arg(problem.message);
    if (!imported.enabled)
        lines << tr("The file has the broker turned off (\"enabled\": false); its settings were imported anyway.");
    m_ui->importStatusLabel->setText(lines.join(u'\n'));
    m_ui->importStatusLabel->show();
    qCInfo(lcConfig) << "imported a CoderAI config with" << imported.problems.size() << "problem(s)";
    updateValidation();
}

} // namespace coderai
