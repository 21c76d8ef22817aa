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

/// Stored settings, then the imported config file, then the command line; the token from
/// --token-file, else $CODERAI_SELLER_TOKEN, else the imported config file.
LaunchConfig resolveLaunchConfig(const CommandLine &commandLine);

} // namespace coderai
