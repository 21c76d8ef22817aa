#pragma once

#include <QCoreApplication>
#include <QString>

#include <memory>

QT_BEGIN_NAMESPACE
class QLockFile;
QT_END_NAMESPACE

namespace coderai {

struct SellerConfig;

/// \brief Keeps a second CoderAI Seller from serving the same broker identity.
///
/// AISBF keeps one session per provider_id:client_id and silently replaces it when a second
/// socket with the same pair registers (PROTOCOL.md §1), so two copies would steal each other's
/// session forever. The guard holds a lock file named after the broker host, provider id and
/// client id; the lock is released when the guard is destroyed, and a lock left behind by a
/// crashed process is taken over because its owner is gone.
class InstanceGuard final
{
    Q_DECLARE_TR_FUNCTIONS(coderai::InstanceGuard)

public:
    /// \a lockDir defaults to defaultLockDir().
    explicit InstanceGuard(const SellerConfig &config, QString lockDir = {});
    ~InstanceGuard();
    Q_DISABLE_COPY_MOVE(InstanceGuard)

    /// Takes the lock without waiting; true if this guard now holds it (or already did).
    bool tryAcquire();
    bool isAcquired() const;
    void release();

    /// The per-user runtime directory (mode 0700: no other account reaches what is in it), or
    /// the temporary one without it; the desktop's single-instance lock and socket live there too.
    static QString defaultLockDir();

    /// Why tryAcquire() failed, for the seller; empty after a success.
    QString errorMessage() const;
    QString lockFilePath() const;

private:
    QString m_providerId;
    QString m_clientId;
    QString m_lockDir;
    QString m_lockFilePath;
    QString m_errorMessage;
    std::unique_ptr<QLockFile> m_lock;
};

} // namespace coderai
