#include "ledger/ledgerpaths.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace coderai::ledgerpaths {

QString fileIn(const QString &dataDir)
{
    return QDir(dataDir).filePath(QStringLiteral("ledger.sqlite"));
}

QString fileForSettings(const QString &settingsFile)
{
    return fileIn(QFileInfo(settingsFile).absolutePath());
}

QString demoDataDir()
{
    return QDir(QStandardPaths::writableLocation(QStandardPaths::AppLocalDataLocation))
        .filePath(QStringLiteral("demo"));
}

bool resetDemoDataDir()
{
    QDir dir(demoDataDir());
    if (dir.exists() && !dir.removeRecursively())
        return false;
    return dir.mkpath(QStringLiteral("."));
}

} // namespace coderai::ledgerpaths
