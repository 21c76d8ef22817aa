#pragma once

#include <QCoreApplication>
#include <QString>
#include <QTemporaryDir>

#include <memory>

QT_BEGIN_NAMESPACE
class QSettings;
QT_END_NAMESPACE

namespace coderai {

/// \brief Where the demo keeps what it records: a folder of its own, never the seller's.
///
/// The demo's "Today" totals (and whatever else a session records: recent activity, the earnings
/// ledger) go into a throw-away folder, like its token, so no demo figure ever reaches the real
/// settings file or data folder, in whatever order the demo and a real configuration run. The
/// folder is removed when the profile goes (the seller leaves the demo, or the app quits).
class DemoProfile final
{
    Q_DECLARE_TR_FUNCTIONS(DemoProfile)
    Q_DISABLE_COPY_MOVE(DemoProfile)

public:
    /// Creates the folder under \a parentDir, or under the system's temporary folder if empty.
    explicit DemoProfile(const QString &parentDir = {});
    ~DemoProfile();

    /// False if the folder could not be made: then state() is null and figures stay in memory.
    bool isValid() const;
    /// The demo's own data folder; empty if !isValid().
    QString dataDir() const;
    /// The demo's settings file, in dataDir(); its state (today's totals) lives in it too, the
    /// way the seller's state lives beside their settings.
    QString settingsFile() const;
    /// The store for the demo's state (DailyTotals::setStore()); null if !isValid().
    QSettings *state() const;

    /// One line for the connection card: this is a demo, with no account, nothing earned.
    static QString notice();
    /// For the settings dialog while the demo runs: it edits the real configuration, and
    /// saving leaves the demo.
    static QString settingsNotice();

private:
    QTemporaryDir m_dir;
    std::unique_ptr<QSettings> m_state;
};

} // namespace coderai
