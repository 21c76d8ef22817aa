#include "config/tokensource.h"

#include "config/secretstore.h"
#include "logging.h"

#include <QCoreApplication>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <algorithm>

namespace coderai {

namespace {

class TokenText final
{
    Q_DECLARE_TR_FUNCTIONS(TokenSource)
};

// A line break or NUL inside a token would corrupt the handshake header it travels in.
bool hasControlCharacters(const QString &token)
{
    return std::any_of(token.cbegin(), token.cend(), [](QChar ch) {
        return ch.category() == QChar::Other_Control || ch == QChar::LineSeparator || ch == QChar::ParagraphSeparator;
    });
}

QString cleaned(QString text)
{
    // Editors on Windows like to start UTF-8 files with a byte order mark.
    if (text.startsWith(QChar::ByteOrderMark))
        text.remove(0, 1);
    return text.trimmed();
}

} // namespace

bool TokenResult::ok() const
{
    return error.isEmpty() && !token.isEmpty();
}

TokenResult tokenFromEnvironment()
{
    const QString name(kTokenEnvironmentVariable);
    if (!qEnvironmentVariableIsSet(kTokenEnvironmentVariable.data()))
        return {QString(), TokenText::tr("%1 is not set").arg(name)};

    const QString token = cleaned(qEnvironmentVariable(kTokenEnvironmentVariable.data()));
    if (token.isEmpty())
        return {QString(), TokenText::tr("%1 is set but empty").arg(name)};
    if (hasControlCharacters(token)) {
        return {QString(),
                TokenText::tr("%1 holds line breaks or control characters inside the "
                              "token")
                    .arg(name)};
    }
    return {token, QString()};
}

TokenResult tokenFromFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {QString(), TokenText::tr("Cannot open the token file \"%1\": %2").arg(path, file.errorString())};
    }
    warnIfReadableByOthers(file);

    // Read one byte past the limit rather than trusting size(): pipes and /proc files report 0.
    const QByteArray data = file.read(kMaxTokenFileBytes + 1);
    if (file.error() != QFileDevice::NoError) {
        return {QString(), TokenText::tr("Cannot read the token file \"%1\": %2").arg(path, file.errorString())};
    }
    if (data.size() > kMaxTokenFileBytes) {
        return {QString(),
                TokenText::tr("The token file \"%1\" is larger than %2 KiB; it does "
                              "not hold a registration token")
                    .arg(path)
                    .arg(kMaxTokenFileBytes / 1024)};
    }

    const QString token = cleaned(QString::fromUtf8(data));
    if (token.isEmpty())
        return {QString(), TokenText::tr("The token file \"%1\" is empty").arg(path)};
    if (hasControlCharacters(token)) {
        return {QString(),
                TokenText::tr("The token file \"%1\" holds more than one line or "
                              "control characters inside the token")
                    .arg(path)};
    }
    return {token, QString()};
}

std::optional<TokenResult> tokenFromCredentials()
{
    const QString directory = qEnvironmentVariable("CREDENTIALS_DIRECTORY");
    if (directory.isEmpty())
        return std::nullopt;
    const QString path = QDir(directory).filePath(QString(kTokenCredentialName));
    // Other credentials may be loaded without this one; only the token's own file counts.
    if (!QFile::exists(path))
        return std::nullopt;
    return tokenFromFile(path);
}

TokenResult tokenFromSecretStore(SecretStore &store, std::chrono::milliseconds timeout,
                                 const std::function<void()> &whileWaiting)
{
    QEventLoop loop;
    std::optional<SecretResult> answer;
    const QString key(kRegistrationTokenKey);
    const QMetaObject::Connection connection =
        QObject::connect(&store, &SecretStore::readFinished, &loop, [&](const QString &readKey, const SecretResult &result) {
            if (readKey != key)
                return;
            answer = result;
            loop.quit();
        });
    QTimer::singleShot(timeout, &loop, &QEventLoop::quit);
    QTimer pump;
    if (whileWaiting) {
        QObject::connect(&pump, &QTimer::timeout, &loop, whileWaiting);
        pump.start(std::chrono::milliseconds(5));
    }
    store.read(key);
    if (!answer) // the store always answers later, never inside read()
        loop.exec();
    QObject::disconnect(connection);

    if (!answer)
        return {QString(), TokenText::tr("The keyring did not answer within %1 s").arg(timeout.count() / 1000)};
    if (answer->error == SecretError::NotFound)
        return {QString(), QString()};
    if (answer->error != SecretError::None)
        return {QString(), answer->message};
    const QString token = cleaned(answer->value);
    if (hasControlCharacters(token))
        return {QString(), TokenText::tr("The token in the keyring holds line breaks or control characters")};
    return {token, QString()};
}

TokenChoice chooseHeadlessToken(const QString &tokenFile, const QString &configToken)
{
    if (!tokenFile.isEmpty()) {
        const TokenResult token = tokenFromFile(tokenFile);
        if (!token.ok())
            return {QString(), QStringLiteral("token-file"), token.error};
        return {token.token, QString(), QString()};
    }
    if (const std::optional<TokenResult> credential = tokenFromCredentials()) {
        if (!credential->ok())
            return {QString(), QStringLiteral("credential"), credential->error};
        return {credential->token, QString(), QString()};
    }
    if (const TokenResult environment = tokenFromEnvironment(); environment.ok())
        return {environment.token, QString(), QString()};
    return {configToken, QString(), QString()};
}

void warnIfReadableByOthers(const QFile &file)
{
#ifdef Q_OS_UNIX
    if (file.permissions().testAnyFlags(QFileDevice::ReadGroup | QFileDevice::ReadOther)) {
        qCWarning(lcConfig) << "The secret file" << file.fileName()
                            << "is readable by other users; restrict it with chmod 600";
    }
#else
    // Elsewhere ACLs decide, and QFileDevice's permission bits do not describe them.
    Q_UNUSED(file)
#endif
}

} // namespace coderai
