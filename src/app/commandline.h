#pragma once

#include "config/sellerconfig.h"

#include <QCoreApplication>
#include <QStringList>

namespace coderai {

/// \brief What the command line asked for (the interface documented in README.md).
struct CommandLine
{
    bool headless = false;
    bool demo = false;
    bool showHelp = false;
    bool showVersion = false;
    bool windowed = false; ///< desktop: the status window instead of a tray icon
    bool listGpus = false;
    bool json = false;     ///< with listGpus: the exact JSON sent to AISBF
    QString configFile;   ///< CoderAI config JSON to import
    QString settingsFile; ///< an ini file used instead of the user's stored settings
    QString tokenFile;
    SellerConfigOverlay overlay;
    QList<ConfigProblem> problems; ///< unknown options and unparsable values
    QString helpText;
};

/// Parses arguments (argv[0] included). Never exits: main() decides what to do.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace coderai
