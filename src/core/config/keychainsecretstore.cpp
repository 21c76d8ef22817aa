#include "config/keychainsecretstore.h"

#include "logging.h"

#include <qt6keychain/keychain.h>

namespace coderai {

namespace {

// QtKeychain reports a missing Secret Service or D-Bus session as a generic OtherError that
// carries the D-Bus or GIO text, not as NoBackendAvailable. These are the texts seen with
// libsecret: the bus has no org.freedesktop.secrets (or could not start it), there is no session
// bus and no X11 display to autolaunch one, or the bus address points at nothing.
bool meansNoSecretService(const QString &keychainMessage)
{
    static const QLatin1StringView markers[] = {
        QLatin1StringView("org.freedesktop.secrets"),
        QLatin1StringView("Cannot autolaunch D-Bus"),
        QLatin1StringView("Could not connect"),
        QLatin1StringView("D-Bus is not running"),
    };
    for (QLatin1StringView marker : markers) {
        if (keychainMessage.contains(marker, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// A D-Bus object path in the text means the Secret Service is there but its default collection
// (the "login" keyring) is not: e.g. "Object does not exist at path /org/freedesktop/secrets/
// collection/login" on a fresh account whose keyring was never created.
bool meansNoDefaultCollection(const QString &keychainMessage)
{
    return keychainMessage.contains(QLatin1StringView("/org/freedesktop/secrets"))
        || keychainMessage.contains(QLatin1StringView("No such secret collection"), Qt::CaseInsensitive);
}

} // namespace

KeychainSecretStore::KeychainSecretStore(const QString &serviceName, QObject *parent)
    : SecretStore(parent)
    , m_serviceName(serviceName)
{
}

KeychainSecretStore::~KeychainSecretStore() = default;

QString KeychainSecretStore::serviceName() const
{
    return m_serviceName;
}

void KeychainSecretStore::read(const QString &key)
{
    enqueue({Kind::Read, key, QString(), false});
}

void KeychainSecretStore::write(const QString &key, const QString &value)
{
    enqueue({Kind::Write, key, value, false});
}

void KeychainSecretStore::remove(const QString &key)
{
    enqueue({Kind::Remove, key, QString(), false});
}

SecretResult KeychainSecretStore::failureResult(int keychainError, const QString &keychainMessage, const QString &key)
{
    const QString noBackend
        = tr("No keyring (Secret Service) is available on this desktop, so the token cannot be stored "
             "safely. Start a keyring such as GNOME Keyring or KWallet and try again, or pass the token "
             "with CODERAI_SELLER_TOKEN or --token-file. CoderAI Seller never saves it in plain text.");

    switch (static_cast<QKeychain::Error>(keychainError)) {
    case QKeychain::NoError:
        return {};
    case QKeychain::EntryNotFound:
        return {SecretError::NotFound, tr("No secret named \"%1\" is stored in the keyring.").arg(key), QString()};
    case QKeychain::AccessDenied:
        // Secret Service says IsLocked ("Cannot create an item in a locked collection"); KWallet
        // says the wallet could not be opened. Either way the seller has to unlock it.
        return {SecretError::AccessDenied,
                tr("The keyring is locked. Unlock it (log in to your desktop session) and try again."), QString()};
    case QKeychain::AccessDeniedByUser:
        return {SecretError::AccessDenied,
                tr("Access to the keyring was refused. Allow CoderAI Seller to use the keyring and "
                   "try again."),
                QString()};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {SecretError::NoBackend, noBackend, QString()};
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    if (meansNoSecretService(keychainMessage))
        return {SecretError::NoBackend, noBackend, QString()};
    // Plain sentences only: QtKeychain's own text (D-Bus names and paths) goes to the log.
    if (meansNoDefaultCollection(keychainMessage)) {
        return {SecretError::Other,
                tr("The keyring has no default collection to keep the token in. Create or unlock the "
                   "default keyring (for example in your desktop's passwords app) and try again."),
                QString()};
    }
    if (keychainMessage.contains(QLatin1StringView("Timeout"), Qt::CaseInsensitive))
        return {SecretError::Other, tr("The keyring did not answer in time. Try again."), QString()};
    return {SecretError::Other,
            tr("The keyring could not complete the request. Try again; if it keeps failing, log out and in "
               "again to restart the keyring."),
            QString()};
}

QLatin1StringView KeychainSecretStore::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Read:
        return QLatin1StringView("read");
    case Kind::Write:
        return QLatin1StringView("write");
    case Kind::Remove:
        break;
    }
    return QLatin1StringView("remove");
}

void KeychainSecretStore::enqueue(Operation operation)
{
    m_pending.push_back(std::move(operation));
    startNext();
}

// One job at a time keeps the promised completion order even for a removal, which takes two
// jobs: were the jobs of later calls free to run in between, a write queued after a remove could
// land before the delete and be wiped by it.
void KeychainSecretStore::startNext()
{
    if (m_busy || m_pending.empty())
        return;
    m_busy = true;

    const Operation &operation = m_pending.front();
    switch (operation.kind) {
    case Kind::Read:
    case Kind::Remove: {
        auto *job = new QKeychain::ReadPasswordJob(m_serviceName);
        job->setKey(operation.key);
        startJob(job);
        break;
    }
    case Kind::Write: {
        auto *job = new QKeychain::WritePasswordJob(m_serviceName);
        job->setKey(operation.key);
        job->setTextData(operation.value);
        startJob(job);
        break;
    }
    }
}

void KeychainSecretStore::startJob(QKeychain::Job *job)
{
    // The job has no parent on purpose: libsecret's callback holds a raw pointer into it, so it
    // must live until its D-Bus call returns even when this store is destroyed first. It deletes
    // itself after finishing, and the connection below dies with this store.
    job->setAutoDelete(true);
    // Only the KWallet path knows this fallback, which would write the secret into a QSettings
    // file when the wallet is unavailable. Off in every case, whatever QtKeychain's default is.
    job->setInsecureFallback(false);
    connect(job, &QKeychain::Job::finished, this, &KeychainSecretStore::jobFinished);
    job->start();
}

void KeychainSecretStore::jobFinished(QKeychain::Job *job)
{
    Q_ASSERT(m_busy && !m_pending.empty());
    Operation &operation = m_pending.front();
    const QKeychain::Error error = job->error();

    if (operation.kind == Kind::Remove && !operation.lookedUp && error == QKeychain::NoError) {
        // The entry exists: now delete it. Still the same queued call, so nothing runs between.
        operation.lookedUp = true;
        auto *deleteJob = new QKeychain::DeletePasswordJob(m_serviceName);
        deleteJob->setKey(operation.key);
        startJob(deleteJob);
        return;
    }

    if (error == QKeychain::NoError) {
        SecretResult result;
        if (operation.kind == Kind::Read)
            result.value = static_cast<QKeychain::ReadPasswordJob *>(job)->textData();
        qCDebug(lcConfig) << "Keychain" << kindName(operation.kind) << "of" << operation.key << "in" << m_serviceName
                          << "succeeded";
        finishCurrent(result);
        return;
    }

    const SecretResult result = failureResult(error, job->errorString(), operation.key);
    // The QtKeychain text names the key and the D-Bus failure, never the secret.
    if (result.error == SecretError::NotFound) {
        qCDebug(lcConfig) << "Keychain" << kindName(operation.kind) << "of" << operation.key << "in" << m_serviceName
                          << ": no such entry";
    } else {
        qCWarning(lcConfig) << "Keychain" << kindName(operation.kind) << "of" << operation.key << "in" << m_serviceName
                            << "failed:" << static_cast<int>(error) << job->errorString();
    }
    finishCurrent(result);
}

void KeychainSecretStore::finishCurrent(const SecretResult &result)
{
    const Operation operation = std::move(m_pending.front());
    m_pending.pop_front();
    m_busy = false;
    // Start the next job before telling anyone, so the queue is consistent when a slot queues
    // more work, and nothing of this store is touched after the signal.
    startNext();

    switch (operation.kind) {
    case Kind::Read:
        emit readFinished(operation.key, result);
        break;
    case Kind::Write:
        emit writeFinished(operation.key, result);
        break;
    case Kind::Remove:
        emit removeFinished(operation.key, result);
        break;
    }
}

} // namespace coderai
