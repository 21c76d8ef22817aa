// SettingsDialog, part two: reading and writing the token and the local API key through the
// SecretStore. Both answer asynchronously; see settingsdialog.h.

#include "settingsdialog.h"

#include "config/settings.h"
#include "logging.h"
#include "secretbatch.h"

#include "ui_settingsdialog.h"

namespace coderai {

namespace {

// One plain sentence per kind of failure, with what the seller can do about it. The store's own
// message is used only for the rest: it speaks to the command line too (QT64-NOTES.md lists the
// real errors).
QString keyringSentence(const SecretResult &result)
{
    switch (result.error) {
    case SecretError::AccessDenied:
        return SettingsDialog::tr("The keyring is locked or refused access: unlock it (for example in your "
                                  "desktop's passwords app) and try again.");
    case SecretError::NoBackend:
        return SettingsDialog::tr("No keyring is running on this desktop (such as GNOME Keyring or KWallet), "
                                  "so the token cannot be stored safely.");
    case SecretError::None:
    case SecretError::NotFound:
    case SecretError::Other:
        break;
    }
    return result.message;
}

} // namespace

SettingsDialog::SecretField *SettingsDialog::secretField(const QString &key)
{
    if (key == m_token.key)
        return &m_token;
    if (key == m_apiKey.key)
        return &m_apiKey;
    return nullptr;
}

void SettingsDialog::readSecrets()
{
    m_legacyToken = false;
    m_ui->tokenHint->clear();
    m_ui->tokenHint->hide();
    for (SecretField *field : {&m_token, &m_apiKey}) {
        field->stored.reset();
        field->touched = false;
        field->edit->clear();
        if (!m_secrets)
            continue;
        // Read-only until the store answers, so a late answer never overwrites typing.
        field->reading = true;
        field->edit->setReadOnly(true);
        field->edit->setPlaceholderText(tr("Reading from the keyring…"));
        m_secrets->read(field->key);
    }
    if (!m_secrets)
        QMetaObject::invokeMethod(this, &SettingsDialog::secretsLoaded, Qt::QueuedConnection);
}

void SettingsDialog::onSecretRead(const QString &key, const SecretResult &result)
{
    SecretField *field = secretField(key);
    if (!field || !field->reading)
        return;
    field->reading = false;
    field->edit->setReadOnly(false);
    field->edit->setPlaceholderText(field == &m_apiKey ? tr("none") : QString());

    switch (result.error) {
    case SecretError::None:
        field->stored = result.value;
        if (!field->touched)
            field->edit->setText(result.value);
        break;
    case SecretError::NotFound:
        field->stored = QString();
        if (field == &m_token && !field->touched) {
            // An older version kept the token in the settings file: offer it, and let saving
            // move it into the keyring.
            const QString legacy = m_settings->legacyToken();
            if (!legacy.isEmpty()) {
                m_legacyToken = true;
                field->touched = true;
                field->edit->setText(legacy);
                m_ui->tokenHint->setText(tr("The token was found in the old settings file. Saving moves "
                                            "it into the keyring and removes it from the file."));
                m_ui->tokenHint->show();
            }
        }
        break;
    default:
        // Unknown: leave the stored value alone unless the seller types a new one.
        qCWarning(lcConfig).noquote() << "could not read" << key << "from the secret store:" << result.message;
        // Without any keyring nothing can be stored either: the value is known to be absent, so
        // an empty token is refused like any other.
        if (result.error == SecretError::NoBackend && !field->touched)
            field->stored = QString();
        if (field == &m_token) {
            m_ui->tokenHint->setText(result.error == SecretError::NoBackend
                                         ? tr("No keyring is running on this desktop. Type the token; when "
                                              "saving you can keep it for this session only.")
                                         : tr("The token could not be read from the keyring. %1")
                                               .arg(keyringSentence(result)));
            m_ui->tokenHint->show();
        }
        break;
    }
    updateValidation();
    if (!m_token.reading && !m_apiKey.reading)
        emit secretsLoaded();
}

void SettingsDialog::writeSecrets()
{
    QList<SecretBatch::Change> changes;
    for (SecretField *field : {&m_token, &m_apiKey}) {
        const QString value = field->edit->text().trimmed();
        // Unknown and untouched (still reading, or the read failed): the store keeps its value.
        if (!field->stored && !field->touched)
            continue;
        if (field->stored && *field->stored == value)
            continue;
        changes.append({field->key, value.isEmpty() ? std::nullopt : std::optional<QString>(value)});
    }
    if (changes.isEmpty() && !m_legacyToken) {
        finishSave();
        return;
    }
    if (!m_secrets) {
        QHash<QString, SecretResult> failures;
        for (const SecretBatch::Change &change : std::as_const(changes))
            failures.insert(change.key, {SecretError::NoBackend, {}, {}});
        onSecretsWritten(failures);
        return;
    }
    setSaving(true);
    m_ui->secretErrorFrame->hide();
    auto *batch = new SecretBatch(m_secrets, changes, this);
    m_batch = batch;
    connect(batch, &SecretBatch::finished, this, [this, batch, changes](const QHash<QString, SecretResult> &failures) {
        batch->deleteLater();
        for (const SecretBatch::Change &change : changes) {
            if (!failures.contains(change.key))
                secretField(change.key)->stored = change.value.value_or(QString());
        }
        onSecretsWritten(failures);
    });
    batch->start();
}

void SettingsDialog::onSecretsWritten(const QHash<QString, SecretResult> &failures)
{
    m_secretFailures = failures;
    if (failures.isEmpty()) {
        if (m_legacyToken) {
            // Only now that the keyring holds it may the plain-text copy go.
            m_settings->removeLegacyToken();
            m_legacyToken = false;
        }
        finishSave();
        return;
    }
    setSaving(false);
    // One message per problem: the token and the API key usually fail for the same reason.
    QStringList reasons;
    for (const SecretResult &failure : failures) {
        const QString reason = keyringSentence(failure);
        if (!reasons.contains(reason))
            reasons << reason;
    }
    const bool tokenFailed = failures.contains(m_token.key);
    const bool keyFailed = failures.contains(m_apiKey.key);
    QStringList lines;
    lines << (tokenFailed && keyFailed
                  ? tr("The settings were saved, but the registration token and the local API key could not be "
                       "stored in the keyring.")
                  : tokenFailed ? tr("The settings were saved, but the registration token could not be stored in "
                                     "the keyring.")
                                : tr("The settings were saved, but the local API key could not be stored in the "
                                     "keyring."));
    lines << reasons;
    lines << tr("You can try again, or keep it for this session only: it is then used until the app quits "
                "and never written to a file.");
    m_ui->secretErrorLabel->setText(lines.join(u'\n'));
    m_ui->tokenHint->hide(); // the frame says it now; the same words twice help nobody
    m_ui->secretErrorFrame->show();
}

void SettingsDialog::keepSecretsForSession()
{
    if (m_secretFailures.contains(m_token.key))
        m_sessionOnlyToken = token();
    if (m_secretFailures.contains(m_apiKey.key))
        m_sessionOnlyApiKey = localApiKey();
    qCInfo(lcConfig) << "keeping" << m_secretFailures.size() << "secret(s) for this session only";
    m_secretFailures.clear();
    finishSave();
}

} // namespace coderai
