#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QFile;
QT_END_NAMESPACE

namespace coderai {

/// \brief A registration token read from outside the secret store, or why it could not be.
///
/// The error text never contains the token itself.
struct TokenResult
{
    QString token;
    QString error;

    bool ok() const;
};

/// The environment variable headless deployments use to hand over the token.
inline constexpr QLatin1StringView kTokenEnvironmentVariable{"CODERAI_SELLER_TOKEN"};

/// The largest token file accepted; a real token is well under 1 KiB.
inline constexpr qint64 kMaxTokenFileBytes = 64 * 1024;

/// Reads CODERAI_SELLER_TOKEN, without surrounding whitespace.
TokenResult tokenFromEnvironment();

/// Reads a token file (e.g. a systemd credential or a Kubernetes secret), without surrounding
/// whitespace, line breaks or a UTF-8 byte order mark. Warns when others may read the file.
TokenResult tokenFromFile(const QString &path);

/// Logs a warning when \a file, which holds a secret, is readable by group or others (Unix).
void warnIfReadableByOthers(const QFile &file);

} // namespace coderai
