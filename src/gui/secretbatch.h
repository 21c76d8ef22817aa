#pragma once

#include "config/secretstore.h"

#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>

#include <optional>

namespace coderai {

/// \brief Writes or removes several secrets and answers once, when the store has answered all.
///
/// The settings dialog saves the token and the local API key together and must report one
/// outcome; the store answers each key separately and later.
class SecretBatch final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretBatch)

public:
    struct Change
    {
        QString key;
        std::optional<QString> value; ///< nullopt: remove the entry
    };

    SecretBatch(SecretStore *store, QList<Change> changes, QObject *parent = nullptr);
    ~SecretBatch() override;

    /// Sends every change to the store; finished() follows later, also for an empty batch.
    void start();

signals:
    /// The keys that could not be stored or removed, with the store's reason; empty when all
    /// went through. Removing an entry that did not exist counts as done.
    void finished(const QHash<QString, coderai::SecretResult> &failures);

private:
    void onAnswer(const QString &key, const SecretResult &result, bool removal);

    QPointer<SecretStore> m_store;
    QList<Change> m_changes;
    QSet<QString> m_pending;
    QHash<QString, SecretResult> m_failures;
};

} // namespace coderai
