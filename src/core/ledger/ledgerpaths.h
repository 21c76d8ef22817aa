#pragma once

#include <QString>

namespace coderai::ledgerpaths {

/// The ledger file in \a dataDir.
QString fileIn(const QString &dataDir);
/// The seller's ledger: beside their settings file, like the activity journal
/// (DesktopApp::sellerDataDir()), so a --settings profile keeps its own history.
QString fileForSettings(const QString &settingsFile);
/// The demo's data folder, <AppLocalDataLocation>/demo: stable, so --demo --ledger finds what
/// the last demo run recorded, and never the seller's.
QString demoDataDir();
/// Empties and recreates demoDataDir() for a new demo run. False if it cannot be made.
bool resetDemoDataDir();

} // namespace coderai::ledgerpaths
