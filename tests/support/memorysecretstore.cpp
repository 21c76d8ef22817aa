#include "memorysecretstore.h"

#include <QCoreApplication>

namespace coderai {

namespace {

class StoreText final
{
    Q_DECLARE_TR_FUNCTIONS(MemorySecretStore)
};

SecretResult notFound(const QString &key)
{
    return {SecretError::NotFound, StoreText::tr("No secret named \"%1\" is stored.").arg(key), QString()};
}

} // namespace

MemorySecretStore::MemorySecretStore(QObject *parent)
    : SecretStore(parent)
{
}

MemorySecretStore::~MemorySecretStore() = default;

// Each operation runs from the event loop, not inside the call: a caller that connects to the
// *Finished signal after calling, or that assumes synchronous completion, fails here exactly as
// it would against a real keyring. The context object drops pending work if the store dies.

void MemorySecretStore::read(const QString &key)
{
    QMetaObject::invokeMethod(
        this,
        [this, key] {
            const auto it = m_values.constFind(key);
            if (it == m_values.cend())
                emit readFinished(key, notFound(key));
            else
                emit readFinished(key, {SecretError::None, QString(), *it});
        },
        Qt::QueuedConnection);
}

void MemorySecretStore::write(const QString &key, const QString &value)
{
    QMetaObject::invokeMethod(
        this,
        [this, key, value] {
            m_values.insert(key, value);
            emit writeFinished(key, {});
        },
        Qt::QueuedConnection);
}

void MemorySecretStore::remove(const QString &key)
{
    QMetaObject::invokeMethod(
        this,
        [this, key] {
            if (m_values.remove(key))
                emit removeFinished(key, {});
            else
                emit removeFinished(key, notFound(key));
        },
        Qt::QueuedConnection);
}

} // namespace coderai
