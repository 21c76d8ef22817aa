#pragma once

#include "commandline.h"
#include "config/sellerconfig.h"

namespace coderai {

/// \brief The configuration a run starts with, after all layers, plus the token.
struct LaunchConfig
{
    SellerConfig config;
    QString token;
    QList<ConfigProblem> problems;
};

/// Stored settings, then the imported config file, then the command line; the token as
/// chooseHeadlessToken() finds it (--token-file, systemd credential, environment, config file),
/// else the desktop keyring.
LaunchConfig resolveLaunchConfig(const CommandLine &commandLine);

} // namespace coderai
