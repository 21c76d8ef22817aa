#pragma once

#include <QByteArray>
#include <QString>

namespace coderai::test {

/// The path of a file under tests/fixtures.
QString fixturePath(const QString &relativePath);
/// The bytes of a file under tests/fixtures; a missing fixture ends the test run loudly.
QByteArray fixtureBytes(const QString &relativePath);

} // namespace coderai::test
