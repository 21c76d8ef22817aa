// The seller binary under a service manager, without one: systemd's notification socket is a
// datagram socket this test binds itself, and its journal stream is a file whose device and
// inode the test hands over in $JOURNAL_STREAM, as systemd does.
#include "ops/journal.h"
#include "ops/systemdnotify.h"
#include "testskip.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;

namespace {

constexpr auto kToken = "tok_SystemdS3cr3t"_L1;

/// The receiving end of $NOTIFY_SOCKET: every datagram the seller sends, in order.
class NotifySocket final
{
public:
    explicit NotifySocket(const QString &path)
        : m_path(path)
    {
        m_fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        sockaddr_un address{};
        address.sun_family = AF_UNIX;
        const QByteArray encoded = QFile::encodeName(path);
        if (m_fd < 0 || encoded.size() >= qsizetype(sizeof(address.sun_path)))
            return;
        std::memcpy(address.sun_path, encoded.constData(), size_t(encoded.size()));
        if (::bind(m_fd, reinterpret_cast<const sockaddr *>(&address), sizeof(address)) != 0)
            return;
        m_notifier = std::make_unique<QSocketNotifier>(m_fd, QSocketNotifier::Read);
        QObject::connect(m_notifier.get(), &QSocketNotifier::activated, m_notifier.get(), [this] { readAll(); });
    }
    ~NotifySocket()
    {
        m_notifier.reset();
        if (m_fd >= 0)
            ::close(m_fd);
    }
    Q_DISABLE_COPY_MOVE(NotifySocket)

    bool isValid() const { return m_notifier != nullptr; }
    const QList<QByteArray> &messages() const { return m_messages; }
    qsizetype count(const QByteArray &assignment) const
    {
        qsizetype n = 0;
        for (const QByteArray &message : m_messages)
            n += message.split('\n').contains(assignment) ? 1 : 0;
        return n;
    }
    bool anyStatusContains(const QString &text) const
    {
        for (const QByteArray &message : m_messages) {
            for (const QByteArray &line : message.split('\n')) {
                if (line.startsWith("STATUS=") && QString::fromUtf8(line).contains(text))
                    return true;
            }
        }
        return false;
    }
    QString dump() const { return QString::fromUtf8(m_messages.join(" | ")); }

private:
    void readAll()
    {
        char buffer[4096];
        for (;;) {
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n < 0)
                return;
            m_messages.append(QByteArray(buffer, n));
        }
    }

    QString m_path;
    int m_fd = -1;
    std::unique_ptr<QSocketNotifier> m_notifier;
    QList<QByteArray> m_messages;
};

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost);
    return server.serverPort(); // closed again when server goes out of scope
}

} // namespace

class TestSystemdService final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void demoSessionReportsReadyStatusWatchdogAndStopping();
    void readyWhileTheBrokerIsAway();
    void credentialTokenIsUsedAndNeverPrinted();
    void journalLinesCarryTheirPriority();
    void journalStreamMustBeStderrItself();

private:
    QProcess *startSeller(const QStringList &arguments, const QProcessEnvironment &extra);
    static bool stopAndWait(QProcess &process);

    std::unique_ptr<QTemporaryDir> m_home;
    std::unique_ptr<QProcess> m_process;
};

void TestSystemdService::init()
{
    if (!SystemdNotify::builtWithSystemd())
        CODERAI_SKIP("built without libsystemd: the seller sends nothing to systemd");
    m_home = std::make_unique<QTemporaryDir>();
    QVERIFY(m_home->isValid());
}

void TestSystemdService::cleanup()
{
    if (m_process && m_process->state() != QProcess::NotRunning) {
        m_process->kill();
        m_process->waitForFinished(5000);
    }
    m_process.reset();
}

QProcess *TestSystemdService::startSeller(const QStringList &arguments, const QProcessEnvironment &extra)
{
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"XDG_CONFIG_HOME"_s, m_home->filePath(u"config"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_home->path());
    for (const char *name : {"CODERAI_SELLER_TOKEN", "NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID",
                             "JOURNAL_STREAM", "CREDENTIALS_DIRECTORY"})
        environment.remove(QString::fromLatin1(name));
    environment.insert(extra);
    m_process->setProcessEnvironment(environment);
    m_process->setProgram(qEnvironmentVariable("CODERAI_SELLER_BINARY"));
    m_process->setArguments(arguments);
    m_process->start();
    return m_process.get();
}

bool TestSystemdService::stopAndWait(QProcess &process)
{
    process.terminate();
    return process.waitForFinished(30000) && process.exitStatus() == QProcess::NormalExit;
}

void TestSystemdService::demoSessionReportsReadyStatusWatchdogAndStopping()
{
    NotifySocket notify(m_home->filePath(u"notify"_s));
    QVERIFY(notify.isValid());
    QProcessEnvironment extra;
    extra.insert(u"NOTIFY_SOCKET"_s, m_home->filePath(u"notify"_s));
    extra.insert(u"WATCHDOG_USEC"_s, u"400000"_s); // a ping every 200 ms
    QProcess *seller = startSeller({u"--headless"_s, u"--demo"_s}, extra);
    QVERIFY(seller->waitForStarted());

    QTRY_COMPARE_WITH_TIMEOUT(notify.count("READY=1"), 1, 15000);
    QTRY_VERIFY2_WITH_TIMEOUT(notify.anyStatusContains(u"online, session"_s), qPrintable(notify.dump()), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(notify.count("WATCHDOG=1") >= 3, 5000);
    QCOMPARE(notify.count("STOPPING=1"), 0);

    QVERIFY(stopAndWait(*seller));
    QCOMPARE(seller->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, 2000);
    QCOMPARE(notify.count("READY=1"), 1);
}

// The decision this guards: READY=1 means the service has started its work, so `systemctl
// start` succeeds with the broker down; the status line says why it is not online.
void TestSystemdService::readyWhileTheBrokerIsAway()
{
    NotifySocket notify(m_home->filePath(u"notify"_s));
    QVERIFY(notify.isValid());
    QProcessEnvironment extra;
    extra.insert(u"NOTIFY_SOCKET"_s, m_home->filePath(u"notify"_s));
    extra.insert(u"CODERAI_SELLER_TOKEN"_s, kToken);
    const QString broker = u"http://127.0.0.1:%1"_s.arg(closedPort());
    const QString local = u"http://127.0.0.1:%1"_s.arg(closedPort());
    QProcess *seller = startSeller({u"--headless"_s, u"--base-url"_s, broker, u"--local-url"_s, local,
                                    u"--settings"_s, m_home->filePath(u"seller.conf"_s)},
                                   extra);
    QVERIFY(seller->waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("READY=1"), 1, 15000);
    QCOMPARE(seller->state(), QProcess::Running);
    QVERIFY(!notify.anyStatusContains(u"online"_s));
    QVERIFY(stopAndWait(*seller));
    QCOMPARE(seller->exitCode(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(notify.count("STOPPING=1"), 1, 2000);
}

// LoadCredential=token:… : the token arrives as $CREDENTIALS_DIRECTORY/token, and like every
// other source it never reaches the output.
void TestSystemdService::credentialTokenIsUsedAndNeverPrinted()
{
    QDir home(m_home->path());
    QVERIFY(home.mkdir(u"credentials"_s));
    QFile credential(home.filePath(u"credentials/token"_s));
    QVERIFY(credential.open(QIODevice::WriteOnly));
    credential.write(QString(kToken).toUtf8() + '\n');
    credential.close();
    QVERIFY(credential.setPermissions(QFileDevice::ReadOwner));

    QProcessEnvironment extra;
    extra.insert(u"CREDENTIALS_DIRECTORY"_s, home.filePath(u"credentials"_s));
    extra.insert(u"QT_LOGGING_RULES"_s, u"coderai.*.debug=true"_s);
    // An unreachable broker: the token is enough to pass validation, which is what is checked.
    QProcess *seller = startSeller({u"--headless"_s, u"--base-url"_s, u"http://127.0.0.1:%1"_s.arg(closedPort()),
                                    u"--settings"_s, m_home->filePath(u"seller.conf"_s)},
                                   extra);
    QVERIFY(seller->waitForStarted());
    QVERIFY(!seller->waitForFinished(3000)); // "No registration token" would have exited with 2
    QVERIFY(stopAndWait(*seller));
    QCOMPARE(seller->exitCode(), 0);
    const QString output = QString::fromUtf8(seller->readAllStandardOutput() + seller->readAllStandardError());
    QVERIFY2(!output.contains(kToken), "the token leaked into the output");
    QVERIFY2(output.contains(u"broker"_s), qPrintable(output));
}

void TestSystemdService::journalLinesCarryTheirPriority()
{
    const QString logPath = m_home->filePath(u"journal-stream"_s);
    {
        QFile log(logPath);
        QVERIFY(log.open(QIODevice::WriteOnly));
    }
    struct stat info {};
    QCOMPARE(::stat(QFile::encodeName(logPath).constData(), &info), 0);
    QProcessEnvironment extra;
    extra.insert(u"JOURNAL_STREAM"_s, u"%1:%2"_s.arg(qulonglong(info.st_dev)).arg(qulonglong(info.st_ino)));
    // stderr goes to the file, so this start does not use startSeller().
    m_process = std::make_unique<QProcess>();
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(u"HOME"_s, m_home->path());
    environment.insert(u"XDG_RUNTIME_DIR"_s, m_home->path());
    environment.remove(u"NOTIFY_SOCKET"_s);
    environment.insert(extra);
    m_process->setProcessEnvironment(environment);
    m_process->setStandardErrorFile(logPath, QIODevice::Append);
    m_process->start(qEnvironmentVariable("CODERAI_SELLER_BINARY"), {u"--headless"_s, u"--demo"_s});
    QVERIFY(m_process->waitForStarted());
    const auto logText = [&logPath] {
        QFile log(logPath);
        return log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString();
    };
    QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"online: session"_s), 15000);
    QVERIFY(stopAndWait(*m_process));

    const QStringList lines = logText().split(u'\n', Qt::SkipEmptyParts);
    QVERIFY(lines.size() >= 3);
    // journald reads "<N>" as the priority; no time stamp (the journal has its own), no colours.
    static const QRegularExpression journalLine(u"^<[2-7]>coderai\\.[a-z]+: \\S"_s);
    for (const QString &line : lines) {
        QVERIFY2(journalLine.match(line).hasMatch(), qPrintable(line));
        QVERIFY2(!line.contains(QChar(0x1b)), qPrintable(line));
    }
    QVERIFY(lines.first().startsWith(u"<6>"_s));
}

void TestSystemdService::journalStreamMustBeStderrItself()
{
    struct stat info {};
    QCOMPARE(::fstat(STDERR_FILENO, &info), 0);
    const QByteArray own = QByteArray::number(qulonglong(info.st_dev)) + ':' + QByteArray::number(qulonglong(info.st_ino));
    const QByteArray saved = qgetenv("JOURNAL_STREAM");
    QVERIFY(qputenv("JOURNAL_STREAM", own));
    QVERIFY(journal::stderrIsJournal());
    // Inherited by a child whose stderr went elsewhere: another inode.
    QVERIFY(qputenv("JOURNAL_STREAM", QByteArray::number(qulonglong(info.st_dev)) + ':'
                                          + QByteArray::number(qulonglong(info.st_ino) + 1)));
    QVERIFY(!journal::stderrIsJournal());
    QVERIFY(qputenv("JOURNAL_STREAM", "garbage"));
    QVERIFY(!journal::stderrIsJournal());
    qunsetenv("JOURNAL_STREAM");
    QVERIFY(!journal::stderrIsJournal());
    if (!saved.isEmpty())
        qputenv("JOURNAL_STREAM", saved);
}

QTEST_GUILESS_MAIN(TestSystemdService)
#include "tst_systemdservice.moc"
