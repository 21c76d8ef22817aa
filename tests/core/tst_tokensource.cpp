#include "config/keychainsecretstore.h"
#include "config/tokensource.h"
#include "testskip.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QUuid>
#include <QTemporaryDir>
#include <QTest>

using namespace coderai;
using namespace Qt::StringLiterals;

class TestTokenSource final : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void environment_data();
    void environment();
    void environmentUnset();

    void file_data();
    void file();
    void fileErrors_data();
    void fileErrors();
    void missingFile();
    void quietWhenOnlyTheOwnerCanRead();
    void warnsWhenOthersCanRead();

    void credential();
    void noCredential_data();
    void noCredential();
    void brokenCredentialIsAnError();
    void headlessOrder_data();
    void headlessOrder();
    void keyring();

private:
    QString writeTokenFile(const QByteArray &contents,
                           QFileDevice::Permissions permissions = QFileDevice::ReadOwner | QFileDevice::WriteOwner);

    std::unique_ptr<QTemporaryDir> m_dir;
};

namespace {

constexpr auto kSecret = "tok_S3cr3t"_L1;

} // namespace

void TestTokenSource::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestTokenSource::cleanup()
{
    qunsetenv(kTokenEnvironmentVariable.data());
    qunsetenv("CREDENTIALS_DIRECTORY");
}

QString TestTokenSource::writeTokenFile(const QByteArray &contents, QFileDevice::Permissions permissions)
{
    const QString path = m_dir->filePath(u"token"_s);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(contents) != contents.size()
        || !file.setPermissions(permissions)) {
        return {};
    }
    return path;
}

void TestTokenSource::environment_data()
{
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("token");
    QTest::addColumn<bool>("ok");

    QTest::newRow("plain") << QByteArray("tok_S3cr3t") << u"tok_S3cr3t"_s << true;
    QTest::newRow("trailing newline") << QByteArray("tok_S3cr3t\n") << u"tok_S3cr3t"_s << true;
    QTest::newRow("surrounding spaces") << QByteArray("  tok_S3cr3t\t") << u"tok_S3cr3t"_s << true;
    QTest::newRow("plus and slash kept") << QByteArray("a+b/c==") << u"a+b/c=="_s << true;
    QTest::newRow("empty") << QByteArray("") << QString() << false;
    QTest::newRow("only whitespace") << QByteArray(" \n") << QString() << false;
    QTest::newRow("two lines") << QByteArray("tok_S3cr3t\nmore") << QString() << false;
}

void TestTokenSource::environment()
{
    QFETCH(QByteArray, value);
    QFETCH(QString, token);
    QFETCH(bool, ok);

    QVERIFY(qputenv(kTokenEnvironmentVariable.data(), value));
    const TokenResult result = tokenFromEnvironment();
    QCOMPARE(result.ok(), ok);
    QCOMPARE(result.token, token);
    QCOMPARE(result.error.isEmpty(), ok);
    QVERIFY2(!result.error.contains(kSecret), qPrintable(result.error));
    if (!ok)
        QVERIFY(result.error.contains(kTokenEnvironmentVariable));
}

void TestTokenSource::environmentUnset()
{
    qunsetenv(kTokenEnvironmentVariable.data());
    const TokenResult result = tokenFromEnvironment();
    QVERIFY(!result.ok());
    QVERIFY(result.token.isEmpty());
    QCOMPARE(result.error, u"CODERAI_SELLER_TOKEN is not set"_s);
}

void TestTokenSource::file_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("token");

    QTest::newRow("no newline") << QByteArray("tok_S3cr3t") << u"tok_S3cr3t"_s;
    QTest::newRow("newline") << QByteArray("tok_S3cr3t\n") << u"tok_S3cr3t"_s;
    QTest::newRow("crlf and blank lines") << QByteArray("tok_S3cr3t\r\n\r\n") << u"tok_S3cr3t"_s;
    QTest::newRow("byte order mark") << QByteArray("\xEF\xBB\xBFtok_S3cr3t\n") << u"tok_S3cr3t"_s;
    QTest::newRow("exactly 64 KiB") << QByteArray(64 * 1024, 'a') << QString(64 * 1024, u'a');
}

void TestTokenSource::file()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, token);

    const QString path = writeTokenFile(contents);
    QVERIFY(!path.isEmpty());
    const TokenResult result = tokenFromFile(path);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.token, token);
}

void TestTokenSource::fileErrors_data()
{
    QTest::addColumn<QByteArray>("contents");
    QTest::addColumn<QString>("expected");

    QTest::newRow("empty") << QByteArray() << u"is empty"_s;
    QTest::newRow("only newlines") << QByteArray("\n\r\n") << u"is empty"_s;
    QTest::newRow("too large") << QByteArray(64 * 1024 + 1, 'a') << u"larger than 64 KiB"_s;
    QTest::newRow("two lines") << QByteArray("tok_S3cr3t\nsecond") << u"more than one line"_s;
    QTest::newRow("NUL inside") << QByteArray("tok_S3cr3t\0x", 12) << u"control characters"_s;
}

void TestTokenSource::fileErrors()
{
    QFETCH(QByteArray, contents);
    QFETCH(QString, expected);

    const QString path = writeTokenFile(contents);
    QVERIFY(!path.isEmpty());
    const TokenResult result = tokenFromFile(path);
    QVERIFY(!result.ok());
    QVERIFY(result.token.isEmpty());
    QVERIFY2(result.error.contains(expected), qPrintable(result.error));
    QVERIFY2(result.error.contains(path), qPrintable(result.error));
    QVERIFY2(!result.error.contains(kSecret), qPrintable(result.error));
}

void TestTokenSource::missingFile()
{
    const QString path = m_dir->filePath(u"missing"_s);
    const TokenResult result = tokenFromFile(path);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.startsWith(u"Cannot open the token file"_s), qPrintable(result.error));
    QVERIFY(result.error.contains(path));
}

void TestTokenSource::quietWhenOnlyTheOwnerCanRead()
{
    const QString path = writeTokenFile("tok_S3cr3t\n");
    QVERIFY(!path.isEmpty());
    QTest::failOnWarning(QRegularExpression(u"readable by other users"_s));
    QVERIFY(tokenFromFile(path).ok());
}

void TestTokenSource::warnsWhenOthersCanRead()
{
#ifndef Q_OS_UNIX
    CODERAI_SKIP("Permission bits only mean something on Unix");
#endif
    const QString path = writeTokenFile("tok_S3cr3t\n",
                                        QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadGroup
                                            | QFileDevice::ReadOther);
    QVERIFY(!path.isEmpty());
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"readable by other users"_s));
    QVERIFY(tokenFromFile(path).ok()); // still usable: a warning, not a refusal
}

// systemd's LoadCredential=token:… puts the file at $CREDENTIALS_DIRECTORY/token, mode 0400.
void TestTokenSource::credential()
{
    const QString path = writeTokenFile("tok_S3cr3t\n", QFileDevice::ReadOwner);
    QVERIFY(!path.isEmpty());
    QVERIFY(qputenv("CREDENTIALS_DIRECTORY", m_dir->path().toLocal8Bit()));
    const std::optional<TokenResult> result = tokenFromCredentials();
    QVERIFY(result.has_value());
    QVERIFY2(result->ok(), qPrintable(result->error));
    QCOMPARE(result->token, kSecret);
}

void TestTokenSource::noCredential_data()
{
    QTest::addColumn<bool>("setDirectory");
    QTest::newRow("no CREDENTIALS_DIRECTORY") << false;
    // A unit can load other credentials and none named "token".
    QTest::newRow("directory without a token") << true;
}

void TestTokenSource::noCredential()
{
    QFETCH(bool, setDirectory);
    if (setDirectory)
        QVERIFY(qputenv("CREDENTIALS_DIRECTORY", m_dir->path().toLocal8Bit()));
    QVERIFY(!tokenFromCredentials().has_value());
}

void TestTokenSource::brokenCredentialIsAnError()
{
    QVERIFY(!writeTokenFile("\n").isEmpty());
    QVERIFY(qputenv("CREDENTIALS_DIRECTORY", m_dir->path().toLocal8Bit()));
    QVERIFY(qputenv(kTokenEnvironmentVariable.data(), "from-environment"));
    // An empty credential must not fall back to another token silently.
    const TokenChoice choice = chooseHeadlessToken(QString(), u"from-config"_s);
    QVERIFY(choice.token.isEmpty());
    QCOMPARE(choice.problemField, u"credential"_s);
    QVERIFY2(choice.problem.contains(u"is empty"_s), qPrintable(choice.problem));
}

void TestTokenSource::headlessOrder_data()
{
    QTest::addColumn<bool>("tokenFile");
    QTest::addColumn<bool>("credential");
    QTest::addColumn<bool>("environment");
    QTest::addColumn<bool>("config");
    QTest::addColumn<QString>("expected");

    QTest::newRow("all four: the token file") << true << true << true << true << u"from-file"_s;
    QTest::newRow("credential over environment") << false << true << true << true << u"from-credential"_s;
    QTest::newRow("environment over config") << false << false << true << true << u"from-environment"_s;
    QTest::newRow("config last") << false << false << false << true << u"from-config"_s;
    QTest::newRow("none") << false << false << false << false << QString();
}

void TestTokenSource::headlessOrder()
{
    QFETCH(bool, tokenFile);
    QFETCH(bool, credential);
    QFETCH(bool, environment);
    QFETCH(bool, config);
    QFETCH(QString, expected);

    QDir dir(m_dir->path());
    QVERIFY(dir.mkdir(u"credentials"_s));
    QFile credentialFile(dir.filePath(u"credentials/token"_s));
    if (credential) {
        QVERIFY(credentialFile.open(QIODevice::WriteOnly));
        credentialFile.write("from-credential\n");
        credentialFile.close();
        QVERIFY(credentialFile.setPermissions(QFileDevice::ReadOwner));
    }
    QVERIFY(qputenv("CREDENTIALS_DIRECTORY", dir.filePath(u"credentials"_s).toLocal8Bit()));
    if (environment)
        QVERIFY(qputenv(kTokenEnvironmentVariable.data(), "from-environment"));
    const QString file = tokenFile ? writeTokenFile("from-file\n") : QString();

    const TokenChoice choice = chooseHeadlessToken(file, config ? u"from-config"_s : QString());
    QVERIFY2(choice.problem.isEmpty(), qPrintable(choice.problem));
    QCOMPARE(choice.token, expected);
}

// What the desktop app saved, read the way a headless start reads it: a real keyring under a
// service name of this test's own, so the seller's real entry is never touched.
void TestTokenSource::keyring()
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
        CODERAI_SKIP("No D-Bus session bus: run this test through .ci/test, with an unlocked gnome-keyring");
    KeychainSecretStore store(u"coderai-seller-test-%1"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces)));
    const QString key(kRegistrationTokenKey);

    const TokenResult missing = tokenFromSecretStore(store, std::chrono::seconds(30));
    QVERIFY2(missing.token.isEmpty() && missing.error.isEmpty(), qPrintable(missing.error));

    QSignalSpy written(&store, &SecretStore::writeFinished);
    store.write(key, u"tok_S3cr3t\n"_s);
    QTRY_COMPARE_WITH_TIMEOUT(written.size(), 1, 30000);
    const TokenResult found = tokenFromSecretStore(store, std::chrono::seconds(30));
    QSignalSpy removed(&store, &SecretStore::removeFinished);
    store.remove(key);
    QTRY_COMPARE_WITH_TIMEOUT(removed.size(), 1, 30000);
    QVERIFY2(found.ok(), qPrintable(found.error));
    QCOMPARE(found.token, kSecret);
}

QTEST_GUILESS_MAIN(TestTokenSource)
#include "tst_tokensource.moc"
