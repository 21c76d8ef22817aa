#pragma once

#include <QString>
#include <QStringList>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace coderai::bench {

/// The number after `name` in `arguments`, else `fallback`.
int intArgument(const QStringList &arguments, const QString &name, int fallback);

/// The `--seller PATH` argument, else coderai-seller next to this executable; empty (after a
/// message on stderr naming `benchName`) when that is not an executable.
QString sellerBinaryArgument(const QStringList &arguments, const char *benchName);

/// The child mode `--serve-model [--port N] [--token-interval-ms M]`: runs only a
/// DemoModelServer (recording off) on 127.0.0.1, prints "PORT <n>" on stdout and lives until its
/// stdin closes (the parent went away) or an hour has passed. Returns the exit code.
int serveModel(const QStringList &arguments);

/// For a child mode: hands each line read from stdin to `onLine` and quits the application when
/// stdin closes (the parent holds it open; EOF means it is gone, so are we). Lives as long as
/// `context`.
void watchStdin(QObject *context, std::function<void(const QByteArray &line)> onLine = {});

/// \brief A benchmark child process: the model server or the seller.
class ChildProcess final
{
public:
    ChildProcess();
    ~ChildProcess(); ///< stops it (SIGTERM, then SIGKILL) if still running
    ChildProcess(const ChildProcess &) = delete;
    ChildProcess &operator=(const ChildProcess &) = delete;

    /// This executable in `--serve-model` mode; waits for its port.
    bool startModelServer(std::chrono::milliseconds tokenInterval, const QString &logFile);
    /// This executable with `arguments` (one of its child modes), stderr to `logFile`; waits for
    /// the "PORT <n>" line the child prints once it listens.
    bool startHelper(const QStringList &arguments, const QString &logFile);
    /// coderai-seller --headless with a private HOME/XDG dirs under `home`, the token in
    /// CODERAI_SELLER_TOKEN, its stderr to `logFile`.
    bool startSeller(const QString &binary, const QStringList &arguments, const QString &token, const QString &home,
                     const QString &logFile);

    qint64 pid() const;
    quint16 port() const; ///< what a helper child listens on
    QUrl url() const; ///< the model server's base URL
    /// The running child, for what it prints after its PORT line.
    QProcess &process();
    bool isRunning() const;
    /// SIGTERM and wait (the seller drains and exits 0); returns the exit code, -1 if it had to be killed.
    int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
    /// SIGKILL at once, like a crash: no cleanup, no close frames; waits until it is gone.
    void killHard();

private:
    std::unique_ptr<QProcess> m_process;
    quint16 m_port = 0;
};

} // namespace coderai::bench
