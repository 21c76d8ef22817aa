#pragma once

#include <QByteArray>
#include <QString>
#include <QUrl>

#include <functional>

namespace coderai::redact {

/// What every redacted value is replaced with.
inline constexpr QLatin1StringView kMask{"***"};

/// A URL safe to log or show: user info dropped, secret-looking query values masked.
QString url(const QUrl &url);

/// A header value safe to log: secret headers (token, authorization, cookie, api key) masked.
QString header(const QByteArray &name, const QByteArray &value);

/// True for query keys and header names that carry secrets.
bool isSecretName(QStringView name);

/// Registers a secret (e.g. the registration token) so scrub() removes it from any text.
/// Secrets shorter than 4 characters are ignored: masking them would shred ordinary text.
void registerSecret(const QString &secret);
void clearSecrets();

/// Replaces every registered secret in text, in raw and percent-encoded form.
QString scrub(QString text);

/// Installs a Qt message handler that scrubs every log line before it is printed.
void installScrubbingMessageHandler();

/// Receives every line the scrubbing handler printed, already scrubbed, on the thread that logged it.
using LineSink = std::function<void(QtMsgType, const QMessageLogContext &, const QString &)>;

/// Sets the one sink (an empty function clears it). A call already in progress finishes before
/// this returns, so the owner of the old sink may be destroyed right after.
void setLineSink(LineSink sink);

} // namespace coderai::redact
