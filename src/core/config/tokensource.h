#pragma once

#include <QString>

#include <chrono>
#include <functional>
#include <optional>

QT_BEGIN_NAMESPACE
class QFile;
QT_END_NAMESPACE

namespace coderai {

class SecretStore;

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

/// The name of the systemd credential holding the token (LoadCredential=token:/etc/…/token).
inline constexpr QLatin1StringView kTokenCredentialName{"token"};

/// The largest token file accepted; a real token is well under 1 KiB.
inline constexpr qint64 kMaxTokenFileBytes = 64 * 1024;

/// Reads CODERAI_SELLER_TOKEN, without surrounding whitespace.
TokenResult tokenFromEnvironment();

/// Reads a token file (e.g. a systemd credential or a Kubernetes secret), without surrounding
/// whitespace, line breaks or a UTF-8 byte order mark. Warns when others may read the file.
TokenResult tokenFromFile(const QString &path);

/// The token systemd handed over as a credential, $CREDENTIALS_DIRECTORY/token; nullopt when the
/// process got no such credential (no $CREDENTIALS_DIRECTORY, or no "token" in it).
std::optional<TokenResult> tokenFromCredentials();

/// The token the desktop app saved in \a store (the keyring), waiting for the answer in a local
/// event loop for at most \a timeout: for start-up only, before the session exists. A missing
/// entry is an error with an empty message; an unreachable or locked keyring says so.
/// \a whileWaiting, when set, runs every few milliseconds until the store answers: a console
/// seller turns GLib's main context with it (see launchconfig.cpp).
TokenResult tokenFromSecretStore(SecretStore &store, std::chrono::milliseconds timeout,
                                 const std::function<void()> &whileWaiting = {});

/// \brief Where a headless seller's token came from, or why none could be used.
struct TokenChoice
{
    QString token;
    QString problemField; ///< the option or source to name in the error, when there is one
    QString problem;
};

/// The token of a headless run, first found wins: --token-file (\a tokenFile), a systemd
/// credential, $CODERAI_SELLER_TOKEN, then the token of an imported CoderAI config
/// (\a configToken). An explicit source that fails is an error rather than a reason to fall
/// back: a service pointed at a broken file must not quietly use another token. An empty token
/// with no problem means none was given at all.
TokenChoice chooseHeadlessToken(const QString &tokenFile, const QString &configToken);

/// Logs a warning when \a file, which holds a secret, is readable by group or others (Unix).
void warnIfReadableByOthers(const QFile &file);

} // namespace coderai
