#include "config/instanceguard.h"

#include "config/sellerconfig.h"
#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QLockFile>
#include <QStandardPaths>

#include <chrono>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

// Hashed so that any provider or client id makes a valid, fixed-length file name; the broker
// (host and port, the scheme's default when none is named) is part of it because the same ids on
// two brokers are two different sessions.
QString lockFileName(const SellerConfig &config)
{
    const QString scheme = config.baseUrl.scheme().toLower();
    const int port = config.baseUrl.port(scheme == "https"_L1 || scheme == "wss"_L1 ? 443 : 80);
    const QString identity = config.baseUrl.host().toLower() + u':' + QString::number(port) + u'|' + config.providerId
        + u'|' + config.clientId;
    const QByteArray digest = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex();
    return u"coderai-seller-"_s + QString::fromLatin1(digest.first(16)) + u".lock"_s;
}

} // namespace

QString InstanceGuard::defaultLockDir()
{
    const QString runtime = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    return runtime.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::TempLocation) : runtime;
}

InstanceGuard::InstanceGuard(const SellerConfig &config, QString lockDir)
    : m_providerId(config.providerId)
    , m_clientId(config.clientId)
    , m_lockDir(lockDir.isEmpty() ? defaultLockDir() : std::move(lockDir))
    , m_lockFilePath(QDir(m_lockDir).filePath(lockFileName(config)))
{
}

InstanceGuard::~InstanceGuard() = default;

bool InstanceGuard::tryAcquire()
{
    if (isAcquired())
        return true;

    m_errorMessage.clear();
    if (!QDir().mkpath(m_lockDir)) {
        m_errorMessage = tr("Cannot create the folder \"%1\" for the lock file that keeps a "
                            "second CoderAI Seller from starting.")
                             .arg(QDir::toNativeSeparators(m_lockDir));
        return false;
    }

    auto lock = std::make_unique<QLockFile>(m_lockFilePath);
    // Never stale by age: a seller runs for weeks. The lock is only taken over when the process
    // that wrote it no longer exists (QLockFile checks the pid, host and boot).
    lock->setStaleLockTime(std::chrono::milliseconds::zero());
    if (lock->tryLock(std::chrono::milliseconds::zero())) {
        m_lock = std::move(lock);
        qCDebug(lcConfig) << "Holding the instance lock" << m_lockFilePath;
        return true;
    }

    // The log gets the facts in English; m_errorMessage, in the seller's language, is for the window.
    QString logReason;
    switch (lock->error()) {
    case QLockFile::LockFailedError: {
        qint64 pid = 0;
        QString hostName;
        QString appName;
        const bool known = lock->getLockInfo(&pid, &hostName, &appName) && pid > 0;
        logReason = known ? QStringLiteral("held by process %1").arg(pid) : QStringLiteral("held by another process");
        if (known) {
            m_errorMessage = tr("Another CoderAI Seller (process %1) is already serving provider "
                                "\"%2\" as client \"%3\". Two copies with one identity would keep "
                                "stealing each other's broker session; stop the other copy or "
                                "give this one a different client id.")
                                 .arg(QString::number(pid), m_providerId, m_clientId);
        } else {
            m_errorMessage = tr("Another CoderAI Seller is already serving provider \"%1\" as "
                                "client \"%2\". Two copies with one identity would keep stealing "
                                "each other's broker session; stop the other copy or give this "
                                "one a different client id.")
                                 .arg(m_providerId, m_clientId);
        }
        break;
    }
    case QLockFile::PermissionError:
        logReason = QStringLiteral("permission denied");
        m_errorMessage = tr("Cannot create the lock file \"%1\": permission denied.")
                             .arg(QDir::toNativeSeparators(m_lockFilePath));
        break;
    case QLockFile::NoError:
    case QLockFile::UnknownError:
        logReason = QStringLiteral("unknown error");
        m_errorMessage = tr("Cannot create the lock file \"%1\".").arg(QDir::toNativeSeparators(m_lockFilePath));
        break;
    }
    qCWarning(lcConfig).noquote() << "Instance lock not acquired:" << m_lockFilePath << logReason;
    return false;
}

bool InstanceGuard::isAcquired() const
{
    return m_lock && m_lock->isLocked();
}

void InstanceGuard::release()
{
    // QLockFile removes the file when it is unlocked or destroyed.
    m_lock.reset();
}

QString InstanceGuard::errorMessage() const
{
    return m_errorMessage;
}

QString InstanceGuard::lockFilePath() const
{
    return m_lockFilePath;
}

} // namespace coderai
