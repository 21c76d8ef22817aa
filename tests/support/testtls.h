#pragma once

#include <QSslCertificate>
#include <QSslConfiguration>
#include <QString>

// The TLS fixtures in tests/fixtures/tls (see its README): a test CA, a localhost server
// certificate signed by it, and an unrelated CA.
namespace coderai::test {

/// The fixtures folder, from the CODERAI_FIXTURES_DIR compile definition.
QString fixturesDir();

/// PEM file of the CA that signed the test server certificate.
QString testCaFilePath();
/// PEM file of a CA that signed nothing we use: trusting it must not help.
QString otherCaFilePath();

QSslCertificate testCaCertificate();

/// Server side: certificate for localhost/127.0.0.1 and its key; no client certificates asked.
QSslConfiguration testServerTlsConfiguration();

/// Client side: the default configuration plus the test CA, as a seller with an extra CA file
/// configured would have it.
QSslConfiguration testClientTlsConfiguration();

} // namespace coderai::test
