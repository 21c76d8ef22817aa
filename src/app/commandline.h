#pragma once

#include "config/sellerconfig.h"

#include <QCoreApplication>
#include <QDate>
#include <QStringList>

namespace coderai {

/// \brief What --ledger prints (README.md, "Earnings ledger").
struct LedgerRequest
{
    enum class Format { Csv, Json };
    enum class Grouping { Rows, Day, Model };

    bool wanted = false;
    QDate since; ///< first local day included; invalid: from the first row
    QDate until; ///< last local day included; invalid: up to now
    Format format = Format::Csv;
    Grouping by = Grouping::Rows;
};

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
    LedgerRequest ledger;
    bool noLedger = false; ///< headless: record nothing (a seller who keeps no history, a benchmark's baseline)
    SellerConfigOverlay overlay;
    QList<ConfigProblem> problems; ///< unknown options and unparsable values
    QString helpText;
};

/// Parses arguments (argv[0] included). Never exits: main() decides what to do.
CommandLine parseCommandLine(const QStringList &arguments);

} // namespace coderai
