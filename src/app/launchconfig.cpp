#include "launchconfig.h"

#include "config/coderaiconfigimport.h"
#include "config/keychainsecretstore.h"
#include "config/settings.h"
#include "config/tokensource.h"
#include "logging.h"

#include <QCoreApplication>

#include <glib.h>

namespace coderai {
namespace {

// A free function's messages need a named context that lupdate can see.
struct LaunchText
{
    Q_DECLARE_TR_FUNCTIONS(LaunchConfig)
};

} // namespace

LaunchConfig resolveLaunchConfig(const CommandLine &commandLine)
{
    LaunchConfig result;
    const auto settings = commandLine.settingsFile.isEmpty() ? Settings::openDefault()
                                                             : Settings::openFile(commandLine.settingsFile);
    result.config = settings->load();

    QString configToken;
    if (!commandLine.configFile.isEmpty()) {
        const CoderAiImport imported = importCoderAiConfigFile(commandLine.configFile);
        result.problems += imported.problems;
        imported.overlay.applyTo(result.config);
        configToken = imported.token;
    }
    commandLine.overlay.applyTo(result.config);

    TokenChoice token = chooseHeadlessToken(commandLine.tokenFile, configToken);
    if (token.token.isEmpty() && token.problem.isEmpty()) {
        // Last, what the desktop app saved: a headless seller in the same user session (the
        // user unit) serves with it. Without a session bus this fails at once.
        KeychainSecretStore keyring;
        // QtKeychain's Secret Service backend (libsecret) answers on GLib's main context, which
        // a console seller does not run (main.cpp: QT_NO_GLIB): the wait turns it.
        const TokenResult fromKeyring = tokenFromSecretStore(keyring, std::chrono::seconds(20), [] {
            while (g_main_context_iteration(nullptr, FALSE)) {
            }
        });
        token.token = fromKeyring.token;
        if (!fromKeyring.error.isEmpty())
            qCInfo(lcConfig).noquote() << "no token from the keyring:" << fromKeyring.error;
    }
    result.token = token.token;
    if (!token.problem.isEmpty())
        result.problems.append({token.problemField, token.problem});
    if (result.token.isEmpty() && token.problem.isEmpty())
        result.problems.append({QStringLiteral("token"),
                                LaunchText::tr("No registration token: set CODERAI_SELLER_TOKEN, pass --token-file FILE, "
                                   "load it as the systemd credential \"token\", save it in the desktop app's "
                                   "settings (keyring), or import a CoderAI config that holds one.")});
    result.problems += validate(result.config);
    return result;
}

} // namespace coderai
