#include "config/keychainsecretstore.h"
#include "testskip.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>
#include <qt6keychain/keychain.h>

#include <memory>
#include <optional>

using namespace coderai;
using namespace Qt::StringLiterals;

// Tests against the real keyring: a Secret Service on the session bus (.ci/test starts
// gnome-keyring on a private bus), plus child processes that see no bus, a bus without a
// keyring, or a private keyring locked on purpose. No mocks: the point is to see the texts and
// codes QtKeychain really produces and the messages the seller gets for them.
class TestKeychain final : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void defaultServiceName();
    void failureMapping_data();
    void failureMapping();

    void storeAndReadBack();
    void replaceExisting();
    void removeThenReadIsNotFound();
    void readMissingIsNotFound();
    void removeMissingIsNotFound();
    void values_data();
    void values();
    void servicesAreSeparate();
    void completesOnlyFromTheEventLoop();
    void completesInCallOrder();
    void writeSurvivesStoreDestroyedEarly();

    void noSessionBusIsNoBackend();
    void unreachableBusIsNoBackend();
    void busWithoutSecretServiceIsNoBackend();
    void lockedKeyringIsAccessDenied();

private:
    QString uniqueKey(QStringView purpose);
    std::optional<SecretResult> writeAndWait(KeychainSecretStore &store, const QString &key, const QString &value);
    std::optional<SecretResult> readAndWait(KeychainSecretStore &store, const QString &key);
    std::optional<SecretResult> removeAndWait(KeychainSecretStore &store, const QString &key);

    QString m_service;
    QStringList m_usedKeys;
    bool m_haveSessionBus = false;
};

// Skips a case that needs the session's Secret Service when there is no session bus at all, e.g.
// the binary run bare from a shell outside a desktop: the keyring calls would then only report
// NoBackend. Under .ci/test (dbus-run-session + an unlocked gnome-keyring) every case runs.
#define REQUIRE_SESSION_KEYRING()                                                                                      \
    do {                                                                                                               \
        if (!m_haveSessionBus)                                                                                         \
            CODERAI_SKIP("No D-Bus session bus (DBUS_SESSION_BUS_ADDRESS is unset): run this test through "            \
                         ".ci/test, or inside dbus-run-session with an unlocked gnome-keyring-daemon.");               \
    } while (false)

namespace {

// A keyring operation takes about 11 ms; the bound only matters when something hangs.
constexpr int kAnswerMs = 30000;
// A child starts its own bus and keyring daemon before the operation itself: seconds at worst.
constexpr int kChildMs = 120000;

const QString kLockedMessage = u"The keyring is locked. Unlock it (log in to your desktop session) and try again."_s;
const QString kNoBackendStart = u"No keyring (Secret Service) is available on this desktop, so the token cannot "
                                u"be stored safely."_s;

SecretResult resultAt(const QSignalSpy &spy, qsizetype index)
{
    return spy.at(index).at(1).value<SecretResult>();
}

// The error of an outcome; a missing answer (timeout) reads as Other so QCOMPARE still fails.
SecretError errorOf(const std::optional<SecretResult> &result)
{
    return result ? result->error : SecretError::Other;
}

std::optional<SecretResult> lastResult(QSignalSpy &spy)
{
    if (spy.isEmpty() && !spy.wait(kAnswerMs))
        return std::nullopt;
    return resultAt(spy, spy.size() - 1);
}

// --- child processes -------------------------------------------------------------------------

struct ChildRun
{
    bool finished = false;
    int exitCode = -1;
    QByteArray output;
};

ChildRun runChild(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment)
{
    ChildRun run;
    QProcess process;
    process.setProcessEnvironment(environment);
    process.setProcessChannelMode(QProcess::MergedChannels);
    QSignalSpy done(&process, &QProcess::finished);
    process.start(program, arguments);
    if (!process.waitForStarted(kChildMs)) {
        run.output = process.errorString().toUtf8();
        return run;
    }
    run.finished = done.wait(kChildMs);
    if (!run.finished) {
        process.kill();
        process.waitForFinished(kChildMs);
    }
    run.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    run.output = process.readAll();
    return run;
}

// A child that shares nothing with this process or the developer's desktop: its own home and
// runtime folder (gnome-keyring-daemon finds a running sibling through $XDG_RUNTIME_DIR/keyring
// and would hand the work to the parent's daemon), no bus address, and no display, so neither
// D-Bus autolaunch nor a keyring unlock prompt can reach a real screen. Config debug logging is
// on so the test can check that the secret never appears in it.
std::optional<QProcessEnvironment> isolatedEnvironment(const QString &root)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char *name :
         {"DISPLAY", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "DBUS_STARTER_ADDRESS", "DBUS_STARTER_BUS_TYPE",
          "GNOME_KEYRING_CONTROL", "XDG_CURRENT_DESKTOP", "DESKTOP_SESSION", "KDE_FULL_SESSION", "KDE_SESSION_VERSION"})
        environment.remove(QString::fromLatin1(name));

    const QDir dir(root);
    const std::pair<const char *, const char *> folders[] = {
        {"HOME", "home"},
        {"XDG_RUNTIME_DIR", "run"},
        {"XDG_DATA_HOME", "home/data"},
        {"XDG_CONFIG_HOME", "home/config"},
        {"XDG_CACHE_HOME", "home/cache"},
    };
    for (const auto &[variable, folder] : folders) {
        const QString path = dir.filePath(QString::fromLatin1(folder));
        if (!dir.mkpath(path))
            return std::nullopt;
        environment.insert(QString::fromLatin1(variable), path);
    }
    // The runtime folder must be private, or the keyring daemon refuses it.
    if (!QFile::setPermissions(dir.filePath(u"run"_s),
                               QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner))
        return std::nullopt;
    environment.insert(u"QT_LOGGING_RULES"_s, u"coderai.config.debug=true"_s);
    return environment;
}

std::optional<SecretResult> readProbeResult(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QJsonObject json = QJsonDocument::fromJson(file.readAll()).object();
    if (!json.contains(u"error"_s))
        return std::nullopt;
    return SecretResult {static_cast<SecretError>(json.value(u"error"_s).toInt()), json.value(u"message"_s).toString(),
                         json.value(u"value"_s).toString()};
}

QString probePath()
{
    return QString::fromLocal8Bit(CODERAI_KEYCHAIN_PROBE);
}

QString describe(const ChildRun &run)
{
    return u"exit %1, finished %2, output:\n%3"_s.arg(run.exitCode)
        .arg(run.finished)
        .arg(QString::fromUtf8(run.output));
}

} // namespace

void TestKeychain::initTestCase()
{
    // A fresh service name per run: the cases never see each other's leftovers, nor the
    // seller's real entries when a developer runs them on a desktop.
    m_service = u"coderai-seller-test-%1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces));
    m_haveSessionBus = !qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS");
    QVERIFY2(QFileInfo::exists(probePath()), qPrintable(probePath()));
}

void TestKeychain::cleanupTestCase()
{
    if (!m_haveSessionBus || m_usedKeys.isEmpty())
        return;
    KeychainSecretStore store(m_service);
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    for (const QString &key : std::as_const(m_usedKeys))
        store.remove(key);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), m_usedKeys.size(), kAnswerMs);
}

QString TestKeychain::uniqueKey(QStringView purpose)
{
    const QString key = u"%1-%2"_s.arg(purpose, QString::number(m_usedKeys.size()));
    m_usedKeys.append(key);
    return key;
}

std::optional<SecretResult> TestKeychain::writeAndWait(KeychainSecretStore &store, const QString &key,
                                                       const QString &value)
{
    QSignalSpy written(&store, &SecretStore::writeFinished);
    store.write(key, value);
    return lastResult(written);
}

std::optional<SecretResult> TestKeychain::readAndWait(KeychainSecretStore &store, const QString &key)
{
    QSignalSpy read(&store, &SecretStore::readFinished);
    store.read(key);
    return lastResult(read);
}

std::optional<SecretResult> TestKeychain::removeAndWait(KeychainSecretStore &store, const QString &key)
{
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    store.remove(key);
    return lastResult(removed);
}

void TestKeychain::defaultServiceName()
{
    const KeychainSecretStore store;
    QCOMPARE(store.serviceName(), u"coderai-seller"_s);
    QCOMPARE(KeychainSecretStore(u"other"_s).serviceName(), u"other"_s);
}

void TestKeychain::failureMapping_data()
{
    QTest::addColumn<int>("keychainError");
    QTest::addColumn<QString>("keychainMessage");
    QTest::addColumn<SecretError>("expected");
    QTest::addColumn<QString>("messageStart");

    // The texts are the ones QtKeychain 0.13 with libsecret really reports (see QT64-NOTES.md).
    QTest::newRow("missing entry") << int(QKeychain::EntryNotFound) << u"Entry not found"_s << SecretError::NotFound
                                   << u"No secret named \"registration-token\" is stored"_s;
    QTest::newRow("locked collection") << int(QKeychain::AccessDenied)
                                       << u"Cannot create an item in a locked collection"_s << SecretError::AccessDenied
                                       << kLockedMessage;
    QTest::newRow("refused by the user") << int(QKeychain::AccessDeniedByUser) << u"User denied access"_s
                                         << SecretError::AccessDenied << u"Access to the keyring was refused."_s;
    QTest::newRow("no backend") << int(QKeychain::NoBackendAvailable) << u"No keychain service available"_s
                                << SecretError::NoBackend << kNoBackendStart;
    QTest::newRow("not implemented") << int(QKeychain::NotImplemented) << u"Not implemented"_s << SecretError::NoBackend
                                     << kNoBackendStart;
    QTest::newRow("no secret service on the bus")
        << int(QKeychain::OtherError) << u"The name org.freedesktop.secrets was not provided by any .service files"_s
        << SecretError::NoBackend << kNoBackendStart;
    QTest::newRow("secret service failed to start")
        << int(QKeychain::OtherError) << u"Process org.freedesktop.secrets exited with status 1"_s
        << SecretError::NoBackend << kNoBackendStart;
    QTest::newRow("no session bus") << int(QKeychain::OtherError) << u"Cannot autolaunch D-Bus without X11 $DISPLAY"_s
                                    << SecretError::NoBackend << kNoBackendStart;
    QTest::newRow("bus address leads nowhere")
        << int(QKeychain::OtherError) << u"Could not connect: No such file or directory"_s << SecretError::NoBackend
        << kNoBackendStart;
    QTest::newRow("timeout") << int(QKeychain::OtherError) << u"Timeout was reached"_s << SecretError::Other
                             << u"The keyring did not answer in time."_s;
    QTest::newRow("no default collection")
        << int(QKeychain::OtherError) << u"Object does not exist at path \u201c/org/freedesktop/secrets/collection/login\u201d"_s
        << SecretError::Other << u"The keyring has no default collection"_s;
    QTest::newRow("could not delete") << int(QKeychain::CouldNotDeleteEntry) << u"Could not delete entry"_s
                                      << SecretError::Other << u"The keyring could not complete the request."_s;
    QTest::newRow("other error without text") << int(QKeychain::OtherError) << QString() << SecretError::Other
                                              << u"The keyring could not complete the request."_s;
    QTest::newRow("no error") << int(QKeychain::NoError) << QString() << SecretError::None << QString();
}

void TestKeychain::failureMapping()
{
    QFETCH(int, keychainError);
    QFETCH(QString, keychainMessage);
    QFETCH(SecretError, expected);
    QFETCH(QString, messageStart);

    const SecretResult result
        = KeychainSecretStore::failureResult(keychainError, keychainMessage, QString(kRegistrationTokenKey));
    QCOMPARE(result.error, expected);
    QVERIFY2(result.message.startsWith(messageStart), qPrintable(result.message));
    QVERIFY(result.value.isEmpty());
    // plain sentences: no D-Bus names or object paths reach the seller
    QVERIFY2(!result.message.contains(u"/org/freedesktop"_s), qPrintable(result.message));
    if (expected == SecretError::NoBackend) // the seller must learn there is no plain-text fallback
        QVERIFY2(result.message.contains(u"never saves it in plain text"_s), qPrintable(result.message));
}

void TestKeychain::storeAndReadBack()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"store");

    const auto written = writeAndWait(store, key, u"tok_S3cr3t-value"_s);
    QVERIFY(written);
    QCOMPARE(written->error, SecretError::None);
    QVERIFY(written->message.isEmpty());

    const auto read = readAndWait(store, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::None);
    QCOMPARE(read->value, u"tok_S3cr3t-value"_s);

    // A second store object, as after a restart, finds the same entry.
    KeychainSecretStore again(m_service);
    const auto readAgain = readAndWait(again, key);
    QVERIFY(readAgain);
    QCOMPARE(readAgain->value, u"tok_S3cr3t-value"_s);
}

void TestKeychain::replaceExisting()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"replace");

    QCOMPARE(errorOf(writeAndWait(store, key, u"first"_s)), SecretError::None);
    QCOMPARE(errorOf(writeAndWait(store, key, u"rotated"_s)), SecretError::None);
    const auto read = readAndWait(store, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::None);
    QCOMPARE(read->value, u"rotated"_s);
}

void TestKeychain::removeThenReadIsNotFound()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"remove");

    QCOMPARE(errorOf(writeAndWait(store, key, u"short-lived"_s)), SecretError::None);
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    store.remove(key);
    QVERIFY(removed.wait(kAnswerMs));
    QCOMPARE(removed.at(0).at(0).toString(), key);
    QCOMPARE(resultAt(removed, 0).error, SecretError::None);

    const auto read = readAndWait(store, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::NotFound);
    QVERIFY(read->value.isEmpty());
}

void TestKeychain::readMissingIsNotFound()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    QSignalSpy read(&store, &SecretStore::readFinished);
    store.read(u"never-written"_s);
    QVERIFY(read.wait(kAnswerMs));
    QCOMPARE(read.at(0).at(0).toString(), u"never-written"_s);
    const SecretResult result = resultAt(read, 0);
    QCOMPARE(result.error, SecretError::NotFound);
    QVERIFY(result.value.isEmpty());
    QVERIFY2(result.message.contains(u"never-written"_s), qPrintable(result.message));
}

void TestKeychain::removeMissingIsNotFound()
{
    REQUIRE_SESSION_KEYRING();
    // QtKeychain itself reports success here; the store looks first so SecretStore's contract holds.
    KeychainSecretStore store(m_service);
    const auto removed = removeAndWait(store, u"never-written"_s);
    QVERIFY(removed);
    QCOMPARE(removed->error, SecretError::NotFound);
}

void TestKeychain::values_data()
{
    QTest::addColumn<QString>("value");

    QTest::newRow("token") << u"aisbf_reg_0123456789abcdefABCDEF"_s;
    QTest::newRow("unicode") << u"Pässwörd ✓ 🔑 日本語 — ünïcödé"_s;
    QTest::newRow("whitespace and quotes") << u"  line one\nline two\t\"quoted\" 'single' \\ end  "_s;
    QString ascii;
    for (int i = 0; ascii.size() < 4096; ++i)
        ascii += QChar(u'!' + i % 94);
    QTest::newRow("4 KiB ascii") << ascii;
    QString wide;
    while (wide.size() < 4096)
        wide += u"ä€🔑字"_s;
    wide.truncate(4096 - 1); // end on a whole character, not half a surrogate pair
    QTest::newRow("4 KiB unicode") << wide;
    QTest::newRow("empty") << QString();
}

void TestKeychain::values()
{
    REQUIRE_SESSION_KEYRING();
    QFETCH(QString, value);
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"value");

    const auto written = writeAndWait(store, key, value);
    QVERIFY(written);
    QCOMPARE(written->error, SecretError::None);
    const auto read = readAndWait(store, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::None);
    QCOMPARE(read->value.size(), value.size());
    QCOMPARE(read->value, value);
}

void TestKeychain::servicesAreSeparate()
{
    REQUIRE_SESSION_KEYRING();
    const QString key = uniqueKey(u"separate");
    KeychainSecretStore store(m_service);
    KeychainSecretStore other(m_service + u"-other"_s);

    QCOMPARE(errorOf(writeAndWait(store, key, u"mine"_s)), SecretError::None);
    const auto read = readAndWait(other, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::NotFound);
}

void TestKeychain::completesOnlyFromTheEventLoop()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"async");
    QSignalSpy written(&store, &SecretStore::writeFinished);
    QSignalSpy read(&store, &SecretStore::readFinished);
    QSignalSpy removed(&store, &SecretStore::removeFinished);

    store.write(key, u"value"_s);
    store.read(key);
    store.remove(key);
    QCOMPARE(written.size(), 0);
    QCOMPARE(read.size(), 0);
    QCOMPARE(removed.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, kAnswerMs);
}

void TestKeychain::completesInCallOrder()
{
    REQUIRE_SESSION_KEYRING();
    KeychainSecretStore store(m_service);
    const QString key = uniqueKey(u"order");
    QStringList events;
    const auto record = [&events](QStringView what) {
        return [&events, what](const QString &, const SecretResult &result) {
            events.append(u"%1:%2:%3"_s.arg(what).arg(static_cast<int>(result.error)).arg(result.value));
        };
    };
    connect(&store, &SecretStore::writeFinished, this, record(u"write"));
    connect(&store, &SecretStore::readFinished, this, record(u"read"));
    connect(&store, &SecretStore::removeFinished, this, record(u"remove"));

    // A removal takes two keyring jobs; the write queued behind it must not slip in between and
    // then be deleted by it.
    store.write(key, u"first"_s);
    store.remove(key);
    store.write(key, u"second"_s);
    store.read(key);
    store.remove(key);
    store.read(key);
    QTRY_COMPARE_WITH_TIMEOUT(events.size(), 6, kAnswerMs);

    const int none = static_cast<int>(SecretError::None);
    const int notFound = static_cast<int>(SecretError::NotFound);
    const QStringList expected {
        u"write:%1:"_s.arg(none),      u"remove:%1:"_s.arg(none), u"write:%1:"_s.arg(none),
        u"read:%1:second"_s.arg(none), u"remove:%1:"_s.arg(none), u"read:%1:"_s.arg(notFound),
    };
    QCOMPARE(events, expected);
}

void TestKeychain::writeSurvivesStoreDestroyedEarly()
{
    REQUIRE_SESSION_KEYRING();
    const QString key = uniqueKey(u"orphan");
    {
        // Gone before its job answers: the job must finish on its own, without a crash.
        KeychainSecretStore shortLived(m_service);
        shortLived.write(key, u"orphaned write"_s);
    }
    // QtKeychain runs jobs first come, first served, so this read sees the orphaned write.
    KeychainSecretStore store(m_service);
    const auto read = readAndWait(store, key);
    QVERIFY(read);
    QCOMPARE(read->error, SecretError::None);
    QCOMPARE(read->value, u"orphaned write"_s);
}

void TestKeychain::noSessionBusIsNoBackend()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto environment = isolatedEnvironment(dir.path());
    QVERIFY(environment);
    const QString secret = u"tok_never_logged_1"_s;

    for (const QString &operation : {u"write"_s, u"read"_s}) {
        const QString out = dir.filePath(operation + u".json"_s);
        QStringList arguments {out, m_service, operation, QString(kRegistrationTokenKey)};
        if (operation == u"write")
            arguments.append(secret);
        const ChildRun run = runChild(probePath(), arguments, *environment);
        QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
        const auto result = readProbeResult(out);
        QVERIFY2(result, qPrintable(describe(run)));
        QCOMPARE(result->error, SecretError::NoBackend);
        QVERIFY2(result->message.startsWith(kNoBackendStart), qPrintable(result->message));
        QVERIFY2(!run.output.contains(secret.toUtf8()), "the secret appeared in the log");
    }
}

void TestKeychain::unreachableBusIsNoBackend()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    auto environment = isolatedEnvironment(dir.path());
    QVERIFY(environment);
    environment->insert(u"DBUS_SESSION_BUS_ADDRESS"_s, u"unix:path="_s + dir.filePath(u"no-bus-here"_s));
    const QString out = dir.filePath(u"write.json"_s);

    const ChildRun run
        = runChild(probePath(), {out, m_service, u"write"_s, u"key"_s, u"tok_never_logged_2"_s}, *environment);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
    const auto result = readProbeResult(out);
    QVERIFY2(result, qPrintable(describe(run)));
    QCOMPARE(result->error, SecretError::NoBackend);
    QVERIFY2(result->message.startsWith(kNoBackendStart), qPrintable(result->message));
    QVERIFY(!run.output.contains("tok_never_logged_2"));
}

void TestKeychain::busWithoutSecretServiceIsNoBackend()
{
    const QString runSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    if (runSession.isEmpty())
        CODERAI_SKIP("dbus-run-session is not installed (Debian package dbus)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto environment = isolatedEnvironment(dir.path());
    QVERIFY(environment);

    // A session bus with no <servicedir>: nothing can be activated on it, so unlike the stock
    // session configuration it cannot start gnome-keyring on demand.
    const QString config = dir.filePath(u"bus.conf"_s);
    QFile configFile(config);
    QVERIFY(configFile.open(QIODevice::WriteOnly));
    configFile.write(R"(<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
)");
    configFile.close();

    const QString out = dir.filePath(u"write.json"_s);
    const ChildRun run = runChild(runSession,
                                  {u"--config-file="_s + config, u"--"_s, probePath(), out, m_service, u"write"_s,
                                   u"key"_s, u"tok_never_logged_3"_s},
                                  *environment);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));
    const auto result = readProbeResult(out);
    QVERIFY2(result, qPrintable(describe(run)));
    QCOMPARE(result->error, SecretError::NoBackend);
    QVERIFY2(result->message.startsWith(kNoBackendStart), qPrintable(result->message));
    QVERIFY(!run.output.contains("tok_never_logged_3"));
}

void TestKeychain::lockedKeyringIsAccessDenied()
{
    const QString runSession = QStandardPaths::findExecutable(u"dbus-run-session"_s);
    const QString keyringDaemon = QStandardPaths::findExecutable(u"gnome-keyring-daemon"_s);
    const QString dbusSend = QStandardPaths::findExecutable(u"dbus-send"_s);
    if (runSession.isEmpty() || keyringDaemon.isEmpty() || dbusSend.isEmpty())
        CODERAI_SKIP("dbus-run-session, gnome-keyring-daemon or dbus-send is missing (packages dbus, gnome-keyring)");
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto environment = isolatedEnvironment(dir.path());
    QVERIFY(environment);

    // Locking the keyring this test session shares with other suites running in parallel would
    // break them, and unlocking it again needs a prompt. So the child gets a private bus and a
    // private keyring: unlock it with a password, store an entry, lock the login collection
    // through the Secret Service Lock method (secret-tool lock crashes with gnome-keyring 42),
    // check it is locked, then try to write and read again. Each step exits with its own code.
    const QString script = uR"(
printf %s "$6" | gnome-keyring-daemon --unlock --components=secrets >/dev/null || exit 90
"$1" "$2/unlocked.json" "$3" write "$4" "$5" || exit 91
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
  org.freedesktop.Secret.Service.Lock array:objpath:/org/freedesktop/secrets/collection/login >/dev/null || exit 92
dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets/collection/login \
  org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Collection string:Locked \
  | grep -q 'boolean true' || exit 93
"$1" "$2/locked-write.json" "$3" write "$4" "$5-replaced" || exit 94
"$1" "$2/locked-read.json" "$3" read "$4" || exit 95
)"_s;
    const QString secret = u"tok_never_logged_4"_s;
    const ChildRun run = runChild(runSession,
                                  {u"--"_s, u"sh"_s, u"-c"_s, script, u"sh"_s, probePath(), dir.path(), m_service,
                                   QString(kRegistrationTokenKey), secret, u"private-keyring-password"_s},
                                  *environment);
    QVERIFY2(run.finished && run.exitCode == 0, qPrintable(describe(run)));

    const auto unlocked = readProbeResult(dir.filePath(u"unlocked.json"_s));
    QVERIFY2(unlocked, qPrintable(describe(run)));
    QCOMPARE(unlocked->error, SecretError::None);

    const auto lockedWrite = readProbeResult(dir.filePath(u"locked-write.json"_s));
    QVERIFY2(lockedWrite, qPrintable(describe(run)));
    QCOMPARE(lockedWrite->error, SecretError::AccessDenied);
    QCOMPARE(lockedWrite->message, kLockedMessage);

    const auto lockedRead = readProbeResult(dir.filePath(u"locked-read.json"_s));
    QVERIFY2(lockedRead, qPrintable(describe(run)));
    // libsecret asks for an unlock prompt, which cannot appear here, and then reports the entry
    // as missing without an error, so QtKeychain says EntryNotFound. Pinned so a change in that
    // chain is noticed: on a desktop the prompt appears and the read succeeds once unlocked.
    QCOMPARE(lockedRead->error, SecretError::NotFound);
    QVERIFY(lockedRead->value.isEmpty());

    QVERIFY2(!run.output.contains(secret.toUtf8()), "the secret appeared in the log");
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
