#pragma once

#include "commandline.h"

namespace coderai {

/// `coderai-seller --ledger`: prints the ledger's rows or totals to stdout and returns the exit
/// code (0 done, 1 no ledger yet or unreadable). Read-only and without the instance lock, so it
/// works while the seller runs.
int runLedgerCommand(const CommandLine &commandLine);

/// The settings file a run with this command line reads: --settings, or the user's own.
QString settingsFileFor(const CommandLine &commandLine);
/// The ledger file a run with this command line uses: the demo's, or beside the settings file.
QString ledgerFileFor(const CommandLine &commandLine);

} // namespace coderai
