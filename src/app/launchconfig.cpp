#include "launchconfig.h"

#include "config/coderaiconfigimport.h"
#include "config/settings.h"
#include "config/tokensource.h"

#include <QCoreApplication>

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

    const TokenChoice token = chooseHeadlessToken(commandLine.tokenFile, configToken);
    result.token = token.token;
    if (!token.problem.isEmpty())
        result.problems.append({token.problemField, token.problem});
    if (result.token.isEmpty() && token.problem.isEmpty())
        result.problems.append({QStringLiteral("token"),
                                LaunchText::tr("No registration token: set CODERAI_SELLER_TOKEN, pass --token-file FILE, "
                                   "or import a CoderAI config that holds one.")});
    result.problems += validate(result.config);
    return result;
}

} // namespace coderai
