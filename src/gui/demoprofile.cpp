#include "demoprofile.h"

#include "ledger/ledgerpaths.h"
#include "logging.h"

#include <QDir>

namespace coderai {

DemoProfile::DemoProfile(const QString &dataDir)
{
    const QString dir = dataDir.isEmpty() ? ledgerpaths::demoDataDir() : dataDir;
    // Emptied first: the figures of one demo run are never added to the last run's.
    if (QDir folder(dir); (!folder.exists() || folder.removeRecursively()) && QDir().mkpath(dir)) {
        m_dir = dir;
        qCInfo(lcApp).noquote() << "the demo keeps its figures in" << dir;
    } else {
        qCWarning(lcApp).noquote() << "no folder for the demo's figures, they stay in memory:" << dir;
    }
}

DemoProfile::~DemoProfile() = default;

bool DemoProfile::isValid() const
{
    return !m_dir.isEmpty();
}

QString DemoProfile::dataDir() const
{
    return m_dir;
}

QString DemoProfile::ledgerFile() const
{
    return m_dir.isEmpty() ? QString() : ledgerpaths::fileIn(m_dir);
}

QString DemoProfile::notice()
{
    return tr("This is a demo: a broker and a model server on this computer, with sample prices. There is "
              "no account, and nothing is really earned.");
}

QString DemoProfile::settingsNotice()
{
    return tr("The demo is running. These settings are your real configuration: saving them leaves the "
              "demo and connects to your broker.");
}

} // namespace coderai
