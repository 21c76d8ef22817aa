#include "config/instanceguard.h"
#include "config/sellerconfig.h"
#include "testskip.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestInstanceGuard final : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void lockFileName();
    void secondGuardForSameIdentityFails();
    void longHeldLockIsNotStale();
    void otherIdentitiesRunSideBySide_data();
    void otherIdentitiesRunSideBySide();
    void releasedOnDestruction();
    void explicitRelease();
    void staleLockOfDeadProcessIsTakenOver();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

SellerConfig identity(const QString &clientId = u"workstation-01"_s)
{
    SellerConfig config;
    config.baseUrl = QUrl(u"https://aisbf.cloud"_s);
    config.providerId = u"coderai-local"_s;
    config.clientId = clientId;
    return config;
}

// Instance-lock warnings are expected whenever a guard is refused.
void expectRefusalWarning()
{
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^Instance lock not acquired"_s));
}

} // namespace

void TestInstanceGuard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestInstanceGuard::lockFileName()
{
    const InstanceGuard guard(identity(), m_dir->path());
    const QFileInfo info(guard.lockFilePath());
    QCOMPARE(info.absolutePath(), QFileInfo(m_dir->path()).absoluteFilePath());
    static const QRegularExpression pattern(u"^coderai-seller-[0-9a-f]{16}\\.lock$"_s);
    QVERIFY2(pattern.match(info.fileName()).hasMatch(), qPrintable(info.fileName()));

    // the name depends only on broker host, provider id and client id
    SellerConfig samePeer = identity();
    samePeer.baseUrl = QUrl(u"wss://AISBF.cloud/prefix"_s);
    samePeer.localUrl = QUrl(u"http://127.0.0.1:9999"_s);
    QCOMPARE(InstanceGuard(samePeer, m_dir->path()).lockFilePath(), guard.lockFilePath());

    SellerConfig otherBroker = identity();
    otherBroker.baseUrl = QUrl(u"https://self-hosted.example"_s);
    QVERIFY(InstanceGuard(otherBroker, m_dir->path()).lockFilePath() != guard.lockFilePath());

    // the guard writes nothing until it is asked to
    QVERIFY(!info.exists());
}

void TestInstanceGuard::secondGuardForSameIdentityFails()
{
    InstanceGuard first(identity(), m_dir->path());
    QVERIFY2(first.tryAcquire(), qPrintable(first.errorMessage()));
    QVERIFY(first.isAcquired());
    QVERIFY(first.errorMessage().isEmpty());
    QVERIFY(QFile::exists(first.lockFilePath()));
    QVERIFY(first.tryAcquire()); // asking again while holding it is fine

    InstanceGuard second(identity(), m_dir->path());
    expectRefusalWarning();
    QVERIFY(!second.tryAcquire());
    QVERIFY(!second.isAcquired());
    const QString message = second.errorMessage();
    QVERIFY2(message.contains(u"\"coderai-local\""_s), qPrintable(message));
    QVERIFY2(message.contains(u"\"workstation-01\""_s), qPrintable(message));
    QVERIFY2(message.contains(QString::number(QCoreApplication::applicationPid())), qPrintable(message));
    QVERIFY2(message.contains(u"steal"_s), qPrintable(message));

    QVERIFY(first.isAcquired()); // the refused guard did not disturb the holder

    SellerConfig defaultPortNamed = identity();
    defaultPortNamed.baseUrl = QUrl(u"https://aisbf.cloud:443/"_s); // the same broker, spelled out
    InstanceGuard third(defaultPortNamed, m_dir->path());
    expectRefusalWarning();
    QVERIFY(!third.tryAcquire());
}

void TestInstanceGuard::longHeldLockIsNotStale()
{
    InstanceGuard first(identity(), m_dir->path());
    QVERIFY(first.tryAcquire());

    // QLockFile's default would call a lock older than 30 s stale; a seller runs for weeks.
    QFile lockFile(first.lockFilePath());
    QVERIFY(lockFile.open(QIODevice::ReadOnly));
    QVERIFY(lockFile.setFileTime(QDateTime::currentDateTimeUtc().addDays(-30), QFileDevice::FileModificationTime));
    lockFile.close();

    InstanceGuard second(identity(), m_dir->path());
    expectRefusalWarning();
    QVERIFY(!second.tryAcquire());
    QVERIFY(first.isAcquired());
}

void TestInstanceGuard::otherIdentitiesRunSideBySide_data()
{
    QTest::addColumn<SellerConfig>("other");

    QTest::newRow("other client id") << identity(u"workstation-02"_s);
    SellerConfig otherProvider = identity();
    otherProvider.providerId = u"coderai-big"_s;
    QTest::newRow("other provider id") << otherProvider;
    SellerConfig otherBroker = identity();
    otherBroker.baseUrl = QUrl(u"https://broker.internal"_s);
    QTest::newRow("other broker") << otherBroker;
    SellerConfig otherPort = identity();
    otherPort.baseUrl = QUrl(u"https://aisbf.cloud:8443"_s); // another broker on the same host
    QTest::newRow("other broker port") << otherPort;
}

void TestInstanceGuard::otherIdentitiesRunSideBySide()
{
    QFETCH(SellerConfig, other);

    InstanceGuard first(identity(), m_dir->path());
    QVERIFY(first.tryAcquire());
    InstanceGuard second(other, m_dir->path());
    QVERIFY2(second.tryAcquire(), qPrintable(second.errorMessage()));
    QVERIFY(first.isAcquired() && second.isAcquired());
}

void TestInstanceGuard::releasedOnDestruction()
{
    QString path;
    {
        InstanceGuard first(identity(), m_dir->path());
        QVERIFY(first.tryAcquire());
        path = first.lockFilePath();

        InstanceGuard second(identity(), m_dir->path());
        expectRefusalWarning();
        QVERIFY(!second.tryAcquire());
    }
    QVERIFY(!QFile::exists(path));

    InstanceGuard third(identity(), m_dir->path());
    QVERIFY2(third.tryAcquire(), qPrintable(third.errorMessage()));
    QVERIFY(third.errorMessage().isEmpty());
}

void TestInstanceGuard::explicitRelease()
{
    InstanceGuard first(identity(), m_dir->path());
    QVERIFY(first.tryAcquire());
    first.release();
    QVERIFY(!first.isAcquired());

    InstanceGuard second(identity(), m_dir->path());
    QVERIFY(second.tryAcquire());
    expectRefusalWarning();
    QVERIFY(!first.tryAcquire()); // now the other one holds it
}

void TestInstanceGuard::staleLockOfDeadProcessIsTakenOver()
{
#ifndef Q_OS_UNIX
    CODERAI_SKIP("needs a short-lived process whose pid is known to be gone");
#endif
    // A real lock file, as a crashed seller would leave it, but owned by a process that exited.
    QByteArray contents;
    QString path;
    {
        InstanceGuard crashed(identity(), m_dir->path());
        QVERIFY(crashed.tryAcquire());
        path = crashed.lockFilePath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        contents = file.readAll();
    }

    QProcess process;
    process.start(u"true"_s, QStringList{});
    if (!process.waitForStarted())
        CODERAI_SKIP("cannot start 'true' to obtain the pid of a finished process");
    const qint64 deadPid = process.processId();
    QVERIFY(process.waitForFinished());

    const qsizetype endOfPid = contents.indexOf('\n');
    QVERIFY(endOfPid > 0);
    contents.replace(0, endOfPid, QByteArray::number(deadPid));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(contents), contents.size());
    file.close();

    InstanceGuard restarted(identity(), m_dir->path());
    QVERIFY2(restarted.tryAcquire(), qPrintable(restarted.errorMessage()));
}

QTEST_GUILESS_MAIN(TestInstanceGuard)
#include "tst_instanceguard.moc"
