#include "singleinstance.h"

#include "config/instanceguard.h"
#include "logging.h"

#include <QCryptographicHash>
#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QTimer>

#include <optional>

using namespace std::chrono_literals;

namespace coderai {
namespace {

constexpr qint64 kMaxLine = 64; // a request is one short word; anything longer is not ours
constexpr auto kRetryDelay = 50ms;
constexpr auto kServeTimeout = 5s; // a peer that connects and says nothing is dropped

QByteArray lineFor(SingleInstance::Request request)
{
    return request == SingleInstance::Request::StartDemo ? QByteArrayLiteral("demo\n") : QByteArrayLiteral("show\n");
}

std::optional<SingleInstance::Request> parse(const QByteArray &line)
{
    if (line == "show")
        return SingleInstance::Request::ShowWindow;
    if (line == "demo")
        return SingleInstance::Request::StartDemo;
    return std::nullopt;
}

} // namespace

SingleInstance::SingleInstance(const QString &name, const QString &directory, QObject *parent)
    : QObject(parent)
{
    const QDir dir(directory.isEmpty() ? InstanceGuard::defaultLockDir() : directory);
#ifdef Q_OS_WIN
    m_serverName = name; // a named pipe, per session
#else
    m_serverName = dir.filePath(name + QStringLiteral(".socket"));
#endif
    m_lock = std::make_unique<QLockFile>(dir.filePath(name + QStringLiteral(".lock")));
    m_lock->setStaleLockTime(0); // only a dead holder frees it, however long the app has run
}

SingleInstance::~SingleInstance()
{
    if (m_server)
        m_server->close(); // removes the socket file before the lock goes
}

QString SingleInstance::nameFor(const QString &settingsFile)
{
    // Another settings file is another app (tests, a second seller profile); the user is part of
    // the name for the temporary folder, which all users share.
    const QString file = settingsFile.isEmpty() ? QString() : QFileInfo(settingsFile).absoluteFilePath();
    QString user = qEnvironmentVariable("USER");
    if (user.isEmpty())
        user = qEnvironmentVariable("USERNAME");
    const QByteArray hash = QCryptographicHash::hash((user + QLatin1Char('\n') + file).toUtf8(), QCryptographicHash::Sha256);
    return QStringLiteral("coderai-seller-") + QString::fromLatin1(hash.toHex().left(16));
}

QString SingleInstance::serverName() const { return m_serverName; }
bool SingleInstance::isListening() const { return m_server && m_server->isListening(); }

SingleInstance::Role SingleInstance::claim(Request request, std::chrono::milliseconds timeout)
{
    if (m_lock->tryLock(0)) {
        listen();
        return Role::Primary;
    }
    return handOver(request, timeout);
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    // We hold the lock, so a socket file left behind is a crashed holder's.
    QLocalServer::removeServer(m_serverName);
    if (!m_server->listen(m_serverName)) {
        // Still the one instance (the lock says so); later launches just cannot reach us.
        qCWarning(lcApp).noquote() << "cannot listen for later launches:" << m_server->errorString();
        return false;
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

SingleInstance::Role SingleInstance::handOver(Request request, std::chrono::milliseconds timeout)
{
    // Asynchronous under a local loop, so the running app may even be in this process (tests).
    auto role = Role::Unreachable;
    QByteArray reply;
    QEventLoop loop;
    QTimer retry;
    retry.setSingleShot(true);
    retry.setInterval(kRetryDelay);
    QTimer deadline;
    deadline.setSingleShot(true);
    connect(&deadline, &QTimer::timeout, &loop, &QEventLoop::quit);
    QLocalSocket socket; // declared last: destroyed first, while what its handlers use still exists

    const auto attempt = [&] {
        if (m_lock->tryLock(0)) { // the holder quit meanwhile: we are the app now
            listen();
            role = Role::Primary;
            loop.quit();
            return;
        }
        socket.abort();
        socket.connectToServer(m_serverName);
    };
    connect(&retry, &QTimer::timeout, &loop, attempt);
    // The holder may be between taking the lock and listening: try again shortly.
    connect(&socket, &QLocalSocket::errorOccurred, &loop, [&] {
        if (role == Role::Unreachable && !retry.isActive())
            retry.start();
    });
    connect(&socket, &QLocalSocket::connected, &loop, [&] { socket.write(lineFor(request)); });
    connect(&socket, &QLocalSocket::readyRead, &loop, [&] {
        reply += socket.readAll();
        if (reply.startsWith("ok\n")) {
            role = Role::Secondary;
            loop.quit();
        }
    });

    deadline.start(timeout);
    attempt();
    if (role == Role::Unreachable)
        loop.exec();
    socket.disconnect();
    return role;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        QTimer::singleShot(kServeTimeout, socket, [socket] { socket->abort(); });
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] {
            if (!socket->canReadLine()) {
                if (socket->bytesAvailable() > kMaxLine)
                    socket->abort();
                return;
            }
            const std::optional<Request> request = parse(socket->readLine(kMaxLine).trimmed());
            if (!request) {
                qCWarning(lcApp) << "ignored an unknown request from a later launch";
                socket->abort();
                return;
            }
            socket->write("ok\n");
            socket->flush();
            socket->disconnectFromServer();
            qCInfo(lcApp) << "a later launch asked for" << *request;
            emit requestReceived(*request);
        });
    }
}

} // namespace coderai
