#pragma once

#include <QCoreApplication>
#include <QString>

namespace coderai {

/// \brief Where the demo keeps what it records: a folder of its own, never the seller's.
///
/// The demo's ledger (and so its "Today" and earnings figures) and its recent activity go into
/// the demo's own folder, so no demo figure ever reaches the real settings file or data folder,
/// in whatever order the demo and a real configuration run. The folder is emptied when a demo
/// starts and kept after it, so `coderai-seller --demo --ledger` shows what the last demo did.
class DemoProfile final
{
    Q_DECLARE_TR_FUNCTIONS(DemoProfile)
    Q_DISABLE_COPY_MOVE(DemoProfile)

public:
    /// Empties and uses \a dataDir, or ledgerpaths::demoDataDir() if empty.
    explicit DemoProfile(const QString &dataDir = {});
    ~DemoProfile();

    /// False if the folder could not be made: then the demo's figures stay in memory.
    bool isValid() const;
    /// The demo's own data folder; empty if !isValid().
    QString dataDir() const;
    /// The demo's ledger file, in dataDir(); empty if !isValid() (the ledger then counts in memory).
    QString ledgerFile() const;

    /// One line for the connection card: this is a demo, with no account, nothing earned.
    static QString notice();
    /// For the settings dialog while the demo runs: it edits the real configuration, and
    /// saving leaves the demo.
    static QString settingsNotice();

private:
    QString m_dir; ///< empty if it could not be made
};

} // namespace coderai
