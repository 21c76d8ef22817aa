#include "config/tokenmigration.h"

#include "config/secretstore.h"
#include "config/settings.h"
#include "logging.h"

namespace coderai {

TokenMigration::TokenMigration(Settings &settings, SecretStore &store, QObject *parent)
    : QObject(parent)
    , m_settings(settings)
    , m_store(store)
{
}

TokenMigration::~TokenMigration() = default;

bool TokenMigration::isRunning() const
{
    return m_running;
}

void TokenMigration::start()
{
    if (m_running)
        return;
    m_running = true;

    m_token = m_settings.legacyToken();
    if (m_token.isEmpty()) {
        // Answer from the event loop in this case too, so callers need one code path only.
        QMetaObject::invokeMethod(
            this, [this] { finish(false, QString()); }, Qt::QueuedConnection);
        return;
    }

    qCInfo(lcConfig) << "Moving the plain-text registration token from" << m_settings.fileName()
                     << "into the secret store";
    m_connection = connect(&m_store, &SecretStore::writeFinished, this, &TokenMigration::writeFinished);
    m_store.write(QString(kRegistrationTokenKey), m_token);
}

void TokenMigration::writeFinished(const QString &key, const SecretResult &result)
{
    if (key != kRegistrationTokenKey)
        return;
    disconnect(m_connection);

    if (result.error != SecretError::None) {
        qCWarning(lcConfig) << "The registration token stays in" << m_settings.fileName()
                            << "because the secret store refused it:" << result.message;
        finish(false,
               tr("The registration token could not be moved into the keyring and stays in the settings "
                  "file for now. %1")
                   .arg(result.message));
        return;
    }

    // Erase only what was stored. Should the file have changed meanwhile (another instance,
    // an editor), its new token is not in the keyring yet and must not be lost.
    if (m_settings.legacyToken() != m_token) {
        qCWarning(lcConfig) << "The token in" << m_settings.fileName() << "changed while it was being moved; left it";
        finish(false,
               tr("The registration token in the settings file changed while it was being moved into the "
                  "keyring, so it was left in the file. Restart CoderAI Seller to move it."));
        return;
    }
    m_settings.removeLegacyToken();
    finish(true, QString());
}

void TokenMigration::finish(bool migrated, const QString &error)
{
    m_token.clear();
    m_running = false;
    emit finished(migrated, error);
}

} // namespace coderai
