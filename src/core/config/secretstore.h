#pragma once

#include <QMetaType>
#include <QObject>
#include <QString>

namespace coderai {

/// Why a secret-store operation failed, coarse enough to pick the message shown to the seller.
enum class SecretError {
    None,
    NotFound, ///< no entry under that key
    AccessDenied, ///< the keyring is locked or the user refused access
    NoBackend, ///< no Secret Service, no KWallet, or no D-Bus session at all
    Other,
};

/// \brief The outcome of one secret-store operation; value is set only by a successful read.
struct SecretResult
{
    SecretError error = SecretError::None;
    QString message; ///< for the seller; never contains the secret
    QString value;
};

/// The entries CoderAI Seller keeps in the secret store.
inline constexpr QLatin1StringView kRegistrationTokenKey{"registration-token"};
inline constexpr QLatin1StringView kLocalApiKeyKey{"local-api-key"};

/// \brief Asynchronous access to the platform's secret store (keychain, Secret Service).
///
/// Every call answers later through its *Finished signal, never before it returns, because the
/// real backends talk to another process and must not block the event loop. Calls complete in
/// the order they were made. There is deliberately no plain-text fallback: when no backend
/// exists, the operation fails with NoBackend and the caller tells the seller.
class SecretStore : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretStore)

public:
    using QObject::QObject;
    ~SecretStore() override = default;

    virtual void read(const QString &key) = 0;
    virtual void write(const QString &key, const QString &value) = 0;
    /// Removing a key that does not exist finishes with NotFound; callers cleaning up may
    /// treat that as success.
    virtual void remove(const QString &key) = 0;

signals:
    void readFinished(const QString &key, const coderai::SecretResult &result);
    void writeFinished(const QString &key, const coderai::SecretResult &result);
    void removeFinished(const QString &key, const coderai::SecretResult &result);
};

} // namespace coderai

Q_DECLARE_METATYPE(coderai::SecretResult)
