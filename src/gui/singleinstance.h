#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <memory>

class QLocalServer;
class QLockFile;

namespace coderai {

/// \brief One desktop app per user and settings file: a second launch hands its request to the
/// running one over a local socket and exits, so there is never a second tray icon.
///
/// A lock file decides who runs (QLockFile notices a holder that crashed); the local socket only
/// carries the request. Headless mode keeps InstanceGuard: one session per broker identity.
class SingleInstance final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SingleInstance)

public:
    /// What a second launch asks of the running app.
    enum class Request { ShowWindow, StartDemo };
    Q_ENUM(Request)
    enum class Role {
        Primary,    ///< this process runs the app and listens for later launches
        Secondary,  ///< the running app took the request; this process should exit 0
        Unreachable ///< another process holds the lock but never answered
    };
    Q_ENUM(Role)

    /// \a name identifies the app (see nameFor()); the lock file and, on Unix, the socket live in
    /// \a directory (empty: the user's runtime folder, else the temporary folder).
    explicit SingleInstance(const QString &name, const QString &directory = QString(), QObject *parent = nullptr);
    ~SingleInstance() override;

    /// The name for the desktop app of this user with this settings file (empty: the default one).
    static QString nameFor(const QString &settingsFile);

    /// Becomes the running instance, or hands \a request to the one already running, waiting at
    /// most \a timeout for it to answer. Runs a local event loop while it waits.
    Role claim(Request request, std::chrono::milliseconds timeout = std::chrono::seconds(5));

    QString serverName() const;
    bool isListening() const;

signals:
    /// A later launch asked for \a request; it has already been told that it was heard.
    void requestReceived(coderai::SingleInstance::Request request);

private:
    bool listen();
    Role handOver(Request request, std::chrono::milliseconds timeout);
    void onNewConnection();

    QString m_serverName;
    std::unique_ptr<QLockFile> m_lock;
    QLocalServer *m_server = nullptr;
};

} // namespace coderai
