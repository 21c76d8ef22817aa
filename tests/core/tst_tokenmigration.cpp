#include "memorysecretstore.h"
#include "config/settings.h"
#include "config/tokenmigration.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

namespace {

constexpr int kAnswerMs = 10000;

const QByteArray kToken = "tok_legacy_Pl41nT3xt";

/// \brief A secret store that refuses every write, as a locked or missing keyring does.
class FailingSecretStore final : public SecretStore
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FailingSecretStore)

public:
    explicit FailingSecretStore(SecretError error, QObject *parent = nullptr);
    ~FailingSecretStore() override;

    void read(const QString &key) override;
    void write(const QString &key, const QString &value) override;
    void remove(const QString &key) override;

    int writes() const;

private:
    void fail(void (SecretStore::*signal)(const QString &, const SecretResult &), const QString &key);

    SecretError m_error;
    int m_writes = 0;
};

FailingSecretStore::FailingSecretStore(SecretError error, QObject *parent)
    : SecretStore(parent)
    , m_error(error)
{
}

FailingSecretStore::~FailingSecretStore() = default;

void FailingSecretStore::read(const QString &key)
{
    fail(&SecretStore::readFinished, key);
}

void FailingSecretStore::write(const QString &key, const QString &)
{
    ++m_writes;
    fail(&SecretStore::writeFinished, key);
}

void FailingSecretStore::remove(const QString &key)
{
    fail(&SecretStore::removeFinished, key);
}

int FailingSecretStore::writes() const
{
    return m_writes;
}

// Answers from the event loop, like every real store.
void FailingSecretStore::fail(void (SecretStore::*signal)(const QString &, const SecretResult &), const QString &key)
{
    QMetaObject::invokeMethod(
        this,
        [this, signal, key] {
            emit(this->*signal)(key, {m_error, u"The keyring is locked (test)."_s, QString()});
        },
        Qt::QueuedConnection);
}

} // namespace

class TestTokenMigration final : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void movesTheTokenIntoTheStore_data();
    void movesTheTokenIntoTheStore();
    void failedWriteKeepsTheToken_data();
    void failedWriteKeepsTheToken();
    void nothingToMove();
    void finishesOnlyFromTheEventLoop();
    void tokenChangedDuringTheMoveIsKept();

private:
    QByteArray fileBytes() const;
    void writeFile(const QByteArray &contents) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_path;
};

void TestTokenMigration::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_path = m_dir->filePath(u"seller.ini"_s);
}

QByteArray TestTokenMigration::fileBytes() const
{
    QFile file(m_path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

void TestTokenMigration::writeFile(const QByteArray &contents) const
{
    QFile file(m_path);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(contents), contents.size());
}

void TestTokenMigration::movesTheTokenIntoTheStore_data()
{
    QTest::addColumn<QByteArray>("contents");

    // Both places older versions used, each next to settings that must survive the move.
    QTest::newRow("broker group") << QByteArray("[broker]\nregistration_token=" + kToken
                                                + "\nusername=alice\n[serving]\nmax_concurrent=3\n");
    QTest::newRow("top level") << QByteArray("[General]\nregistration_token=" + kToken
                                             + "\n[broker]\nusername=alice\n[serving]\nmax_concurrent=3\n");
}

void TestTokenMigration::movesTheTokenIntoTheStore()
{
    QFETCH(QByteArray, contents);
    writeFile(contents);
    const auto settings = Settings::openFile(m_path);
    MemorySecretStore store;
    TokenMigration migration(*settings, store);
    QSignalSpy finished(&migration, &TokenMigration::finished);

    migration.start();
    QVERIFY(migration.isRunning());
    QVERIFY(finished.wait(kAnswerMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), true);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QVERIFY(!migration.isRunning());

    // Gone from the file on disk, not only from QSettings' cache; the other settings stay.
    const QByteArray bytes = fileBytes();
    QVERIFY2(!bytes.contains(kToken), bytes.constData());
    QVERIFY2(!bytes.contains("registration_token"), bytes.constData());
    QVERIFY2(bytes.contains("username=alice"), bytes.constData());
    QVERIFY2(bytes.contains("max_concurrent=3"), bytes.constData());
    QVERIFY(Settings::openFile(m_path)->legacyToken().isEmpty());

    QSignalSpy read(&store, &SecretStore::readFinished);
    store.read(QString(kRegistrationTokenKey));
    QVERIFY(read.wait(kAnswerMs));
    const SecretResult stored = read.at(0).at(1).value<SecretResult>();
    QCOMPARE(stored.error, SecretError::None);
    QCOMPARE(stored.value, QString::fromLatin1(kToken));
}

void TestTokenMigration::failedWriteKeepsTheToken_data()
{
    QTest::addColumn<SecretError>("error");

    QTest::newRow("locked") << SecretError::AccessDenied;
    QTest::newRow("no keyring") << SecretError::NoBackend;
    QTest::newRow("other") << SecretError::Other;
}

void TestTokenMigration::failedWriteKeepsTheToken()
{
    QFETCH(SecretError, error);
    writeFile("[broker]\nregistration_token=" + kToken + "\nusername=alice\n");
    const QByteArray before = fileBytes();
    const auto settings = Settings::openFile(m_path);
    FailingSecretStore store(error);
    TokenMigration migration(*settings, store);
    QSignalSpy finished(&migration, &TokenMigration::finished);

    migration.start();
    QVERIFY(finished.wait(kAnswerMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(store.writes(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    const QString message = finished.at(0).at(1).toString();
    QVERIFY2(message.contains(u"stays in the settings file"_s), qPrintable(message));
    QVERIFY2(message.contains(u"The keyring is locked (test)."_s), qPrintable(message)); // the store's reason
    QVERIFY2(!message.contains(QString::fromLatin1(kToken)), qPrintable(message));

    QCOMPARE(fileBytes(), before); // untouched, byte for byte
    QCOMPARE(settings->legacyToken(), QString::fromLatin1(kToken));
    QCOMPARE(Settings::openFile(m_path)->legacyToken(), QString::fromLatin1(kToken));

    // A later start tries again, and succeeds once the store works.
    MemorySecretStore working;
    TokenMigration retry(*settings, working);
    QSignalSpy retried(&retry, &TokenMigration::finished);
    retry.start();
    QVERIFY(retried.wait(kAnswerMs));
    QCOMPARE(retried.at(0).at(0).toBool(), true);
    QVERIFY(!fileBytes().contains(kToken));
}

void TestTokenMigration::nothingToMove()
{
    writeFile("[broker]\nusername=alice\n");
    const QByteArray before = fileBytes();
    const auto settings = Settings::openFile(m_path);
    FailingSecretStore store(SecretError::Other);
    TokenMigration migration(*settings, store);
    QSignalSpy finished(&migration, &TokenMigration::finished);

    migration.start();
    QVERIFY(finished.wait(kAnswerMs));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QCOMPARE(finished.at(0).at(1).toString(), QString());
    QCOMPARE(store.writes(), 0);
    QCOMPARE(fileBytes(), before);
}

void TestTokenMigration::finishesOnlyFromTheEventLoop()
{
    for (const QByteArray &contents : {QByteArray("[broker]\nregistration_token=" + kToken + "\n"), QByteArray()}) {
        writeFile(contents);
        const auto settings = Settings::openFile(m_path);
        MemorySecretStore store;
        TokenMigration migration(*settings, store);
        QSignalSpy finished(&migration, &TokenMigration::finished);

        migration.start();
        migration.start(); // ignored while running
        QCOMPARE(finished.size(), 0);
        QVERIFY(finished.wait(kAnswerMs));
        QCoreApplication::processEvents(); // a second, ignored start must not finish twice
        QCOMPARE(finished.size(), 1);
    }
}

void TestTokenMigration::tokenChangedDuringTheMoveIsKept()
{
    writeFile("[broker]\nregistration_token=" + kToken + "\n");
    const auto settings = Settings::openFile(m_path);
    MemorySecretStore store;
    TokenMigration migration(*settings, store);
    QSignalSpy finished(&migration, &TokenMigration::finished);

    migration.start();
    // Another writer replaces the token after the move began, before the store answers.
    QSettings(m_path, QSettings::IniFormat).setValue(u"broker/registration_token"_s, u"tok_newer"_s);
    QSettings reloaded(m_path, QSettings::IniFormat);
    QCOMPARE(reloaded.value(u"broker/registration_token"_s).toString(), u"tok_newer"_s);
    QVERIFY(finished.wait(kAnswerMs));
    QCOMPARE(finished.at(0).at(0).toBool(), false);
    QVERIFY(!finished.at(0).at(1).toString().isEmpty());
    QVERIFY(fileBytes().contains("tok_newer"));
}

QTEST_GUILESS_MAIN(TestTokenMigration)
#include "tst_tokenmigration.moc"
