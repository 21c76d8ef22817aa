#pragma once

#include "config/secretstore.h"

#include <deque>

namespace QKeychain {
class Job;
} // namespace QKeychain

namespace coderai {

/// The keyring service name CoderAI Seller files its entries under.
inline constexpr QLatin1StringView kKeychainServiceName {"coderai-seller"};

/// \brief A SecretStore backed by the desktop keyring through QtKeychain.
///
/// On Linux that is the Secret Service (GNOME Keyring, KeePassXC) or KWallet; on macOS the
/// Keychain, on Windows the Credential Manager. Operations run one at a time in call order, each
/// as an asynchronous QtKeychain job, so the event loop never waits for the keyring. When no
/// keyring is reachable the operation fails with NoBackend and a message the seller can act on;
/// the insecure QSettings fallback of QtKeychain is switched off, so nothing is ever written to a
/// file in plain text.
class KeychainSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(KeychainSecretStore)

public:
    /// \a serviceName groups the entries in the keyring; tests pass a unique one so they never
    /// touch the seller's real entries.
    explicit KeychainSecretStore(const QString &serviceName = QString(kKeychainServiceName), QObject *parent = nullptr);
    ~KeychainSecretStore() override;

    QString serviceName() const;

    void read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;

    /// Turns a failed QtKeychain job (\a keychainError is a QKeychain::Error other than NoError,
    /// \a keychainMessage its errorString()) into the result shown to the seller. Public so the
    /// mapping of failures a test machine cannot produce (KWallet, a refused prompt) is testable.
    static SecretResult failureResult(int keychainError, const QString &keychainMessage, const QString &key);

private:
    enum class Kind {
        Read,
        Write,
        Remove,
    };

    /// One queued call. A removal is two jobs (look up, then delete) because QtKeychain reports
    /// success for deleting an entry that does not exist, while SecretStore promises NotFound.
    struct Operation
    {
        Kind kind = Kind::Read;
        QString key;
        QString value;
        bool lookedUp = false;
    };

    static QLatin1StringView kindName(Kind kind);

    void enqueue(Operation operation);
    void startNext();
    void startJob(QKeychain::Job *job);
    void jobFinished(QKeychain::Job *job);
    void finishCurrent(const SecretResult &result);

    QString m_serviceName;
    std::deque<Operation> m_pending;
    bool m_busy = false;
};

} // namespace coderai
