#include "testtls.h"

#include <QFile>
#include <QList>
#include <QSslKey>
#include <QSslSocket>

namespace coderai::test {

namespace {

QByteArray readFixture(const QString &path)
{
    QFile file(path);
    // A missing fixture is a broken checkout, not a test result: stop loudly.
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read TLS fixture %s: %s", qPrintable(path), qPrintable(file.errorString()));
    return file.readAll();
}

QString tlsFixture(QLatin1StringView name)
{
    return fixturesDir() + QStringLiteral("/tls/") + name;
}

} // namespace

QString fixturesDir()
{
    return QStringLiteral(CODERAI_FIXTURES_DIR);
}

QString testCaFilePath()
{
    return tlsFixture(QLatin1StringView("ca.pem"));
}

QString otherCaFilePath()
{
    return tlsFixture(QLatin1StringView("other-ca.pem"));
}

QSslCertificate testCaCertificate()
{
    return QSslCertificate(readFixture(testCaFilePath()), QSsl::Pem);
}

QSslConfiguration testServerTlsConfiguration()
{
    const QSslCertificate certificate(readFixture(tlsFixture(QLatin1StringView("server.pem"))), QSsl::Pem);
    const QSslKey key(readFixture(tlsFixture(QLatin1StringView("server.key"))), QSsl::Rsa, QSsl::Pem);
    if (certificate.isNull() || key.isNull())
        qFatal("the TLS server fixtures do not parse; regenerate them with make-certs.sh");

    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setLocalCertificate(certificate);
    configuration.setPrivateKey(key);
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
    return configuration;
}

QSslConfiguration testClientTlsConfiguration()
{
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.addCaCertificate(testCaCertificate());
    return configuration;
}

} // namespace coderai::test
