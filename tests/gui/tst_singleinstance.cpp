// One desktop app per user and settings file: two peers over a real QLocalServer in this process,
// then the real coderai-seller binary launched twice.
#include "singleinstance.h"

#include <QDir>
#include <QFileInfo>
#include <QLocalSocket>
#include <QLockFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;
using namespace std::chrono_literals;
using Request = SingleInstance::Request;
using Role = SingleInstance::Role;

class TestSingleInstance final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void secondHandsItsRequestToTheFirst();
    void theNextAfterTheFirstQuitRuns();
    void unknownRequestsAreIgnored();
    void aSilentHolderIsUnreachable();
    void namesDifferBySettingsFile();
    void secondLaunchOfTheBinaryExitsZero();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

void TestSingleInstance::init()
{
    m_dir = std::make_unique<QTemporaryDir>(); // its own lock and socket for every test
    QVERIFY(m_dir->isValid());
}

void TestSingleInstance::secondHandsItsRequestToTheFirst()
{
    SingleInstance first(u"app"_s, m_dir->path());
    QCOMPARE(first.claim(Request::ShowWindow), Role::Primary);
    QVERIFY(first.isListening());
    QSignalSpy requests(&first, &SingleInstance::requestReceived);

    SingleInstance second(u"app"_s, m_dir->path());
    QCOMPARE(second.claim(Request::StartDemo), Role::Secondary);
    QVERIFY(!second.isListening());
    QCOMPARE(requests.size(), 1);
    QCOMPARE(requests.at(0).at(0).value<Request>(), Request::StartDemo);

    SingleInstance third(u"app"_s, m_dir->path());
    QCOMPARE(third.claim(Request::ShowWindow), Role::Secondary);
    QCOMPARE(requests.size(), 2);
    QCOMPARE(requests.at(1).at(0).value<Request>(), Request::ShowWindow);
}

void TestSingleInstance::theNextAfterTheFirstQuitRuns()
{
    {
        SingleInstance first(u"app"_s, m_dir->path());
        QCOMPARE(first.claim(Request::ShowWindow), Role::Primary);
    }
    SingleInstance next(u"app"_s, m_dir->path());
    QCOMPARE(next.claim(Request::ShowWindow), Role::Primary);
    QVERIFY(next.isListening());
    SingleInstance after(u"app"_s, m_dir->path());
    QCOMPARE(after.claim(Request::ShowWindow), Role::Secondary);
}

void TestSingleInstance::unknownRequestsAreIgnored()
{
    SingleInstance first(u"app"_s, m_dir->path());
    QCOMPARE(first.claim(Request::ShowWindow), Role::Primary);
    QSignalSpy requests(&first, &SingleInstance::requestReceived);

    QLocalSocket stranger;
    stranger.connectToServer(first.serverName());
    QVERIFY(stranger.waitForConnected(5000));
    stranger.write("quit\n");
    QTRY_COMPARE(stranger.state(), QLocalSocket::UnconnectedState);
    QVERIFY(!stranger.readAll().startsWith("ok"));
    QCOMPARE(requests.size(), 0);

    QLocalSocket flood; // no line end, ever: dropped once it is longer than any request
    flood.connectToServer(first.serverName());
    QVERIFY(flood.waitForConnected(5000));
    flood.write(QByteArray(4096, 'x'));
    QTRY_COMPARE(flood.state(), QLocalSocket::UnconnectedState);
    QCOMPARE(requests.size(), 0);

    SingleInstance second(u"app"_s, m_dir->path()); // still serving
    QCOMPARE(second.claim(Request::ShowWindow), Role::Secondary);
    QCOMPARE(requests.size(), 1);
}

void TestSingleInstance::aSilentHolderIsUnreachable()
{
    QLockFile holder(QDir(m_dir->path()).filePath(u"app.lock"_s)); // holds the lock, never listens
    QVERIFY(holder.tryLock(0));
    SingleInstance second(u"app"_s, m_dir->path());
    QCOMPARE(second.claim(Request::ShowWindow, 300ms), Role::Unreachable);
}

void TestSingleInstance::namesDifferBySettingsFile()
{
    QCOMPARE(SingleInstance::nameFor(QString()), SingleInstance::nameFor(QString()));
    QVERIFY(SingleInstance::nameFor(u"/a/settings.ini"_s) != SingleInstance::nameFor(u"/b/settings.ini"_s));
    QVERIFY(SingleInstance::nameFor(QString()).startsWith(u"coderai-seller-"_s));
}

void TestSingleInstance::secondLaunchOfTheBinaryExitsZero()
{
    QTemporaryDir home;
    QVERIFY(home.isValid());
    QVERIFY(QDir(home.path()).mkpath(u"run"_s));
    // As XDG asks: Qt moves elsewhere from a runtime folder others can read.
    QVERIFY(QFile::setPermissions(home.filePath(u"run"_s), QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner));
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    // A private home: the binary must not read or write the developer's settings.
    environment.insert(u"HOME"_s, home.path());
    environment.insert(u"XDG_CONFIG_HOME"_s, home.filePath(u"config"_s));
    environment.insert(u"XDG_RUNTIME_DIR"_s, home.filePath(u"run"_s));
    environment.insert(u"QT_QPA_PLATFORM"_s, u"offscreen"_s);
    environment.insert(u"QT_LOGGING_RULES"_s, u"coderai.*.debug=true"_s);
    environment.remove(u"CODERAI_SELLER_TOKEN"_s);
    const QStringList arguments{u"--settings"_s, home.filePath(u"settings.ini"_s)};

    QProcess first;
    first.setProcessEnvironment(environment);
    first.setProcessChannelMode(QProcess::MergedChannels);
    first.start(qEnvironmentVariable("CODERAI_SELLER_BINARY"), arguments);
    QVERIFY(first.waitForStarted());
    const auto stopFirst = qScopeGuard([&first] {
        first.kill();
        first.waitForFinished();
    });
    // Listening once its socket exists; the first run shows the welcome and dials nothing.
    const QString socket = QDir(home.filePath(u"run"_s)).filePath(SingleInstance::nameFor(arguments.last()) + u".socket"_s);
    QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket), 15000);

    QProcess second;
    second.setProcessEnvironment(environment);
    second.setProcessChannelMode(QProcess::MergedChannels);
    second.start(qEnvironmentVariable("CODERAI_SELLER_BINARY"), arguments);
    QVERIFY(second.waitForFinished(15000));
    QCOMPARE(second.exitStatus(), QProcess::NormalExit);
    QCOMPARE(second.exitCode(), 0);
    QByteArray output;
    QTRY_VERIFY2_WITH_TIMEOUT((output += first.readAll()).contains("a later launch asked for"), output.constData(), 5000);
    QVERIFY2(output.contains("ShowWindow"), output.constData());
    QCOMPARE(first.state(), QProcess::Running); // the first goes on

    first.terminate();
    QVERIFY(first.waitForFinished(15000));
    QCOMPARE(first.exitCode(), 0);
}

QTEST_MAIN(TestSingleInstance)
#include "tst_singleinstance.moc"
