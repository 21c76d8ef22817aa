#include "secretbatch.h"

#include "logging.h"

namespace coderai {

SecretBatch::SecretBatch(SecretStore *store, QList<Change> changes, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_changes(std::move(changes))
{
}

SecretBatch::~SecretBatch() = default;

void SecretBatch::start()
{
    if (!m_store || m_changes.isEmpty()) {
        QMetaObject::invokeMethod(
            this, [this] { emit finished(m_failures); }, Qt::QueuedConnection);
        return;
    }
    connect(m_store, &SecretStore::writeFinished, this,
            [this](const QString &key, const SecretResult &result) { onAnswer(key, result, false); });
    connect(m_store, &SecretStore::removeFinished, this,
            [this](const QString &key, const SecretResult &result) { onAnswer(key, result, true); });
    for (const Change &change : std::as_const(m_changes))
        m_pending.insert(change.key);
    for (const Change &change : std::as_const(m_changes)) {
        if (change.value)
            m_store->write(change.key, *change.value);
        else
            m_store->remove(change.key);
    }
}

void SecretBatch::onAnswer(const QString &key, const SecretResult &result, bool removal)
{
    if (!m_pending.remove(key))
        return; // someone else's operation on the same store
    const bool ok = result.error == SecretError::None || (removal && result.error == SecretError::NotFound);
    if (!ok) {
        qCWarning(lcConfig).noquote() << "secret store:" << (removal ? "removing" : "storing") << key
                                      << "failed:" << result.message;
        m_failures.insert(key, result);
    }
    if (m_pending.isEmpty()) {
        m_store->disconnect(this);
        emit finished(m_failures);
    }
}

} // namespace coderai
