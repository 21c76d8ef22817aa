#pragma once

#include "config/secretstore.h"

#include <QHash>

namespace coderai {

/// \brief A SecretStore that forgets everything when the process ends.
///
/// For sessions where the seller chose not to persist the token, and for tests. It finishes
/// asynchronously like the real backends so that code written against it keeps working there.
class MemorySecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MemorySecretStore)

public:
    explicit MemorySecretStore(QObject *parent = nullptr);
    ~MemorySecretStore() override;

    void read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;

private:
    QHash<QString, QString> m_values;
};

} // namespace coderai
