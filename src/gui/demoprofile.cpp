#include "demoprofile.h"

#include "logging.h"

#include <QDir>
#include <QSettings>

namespace coderai {
namespace {

QString folderTemplate(const QString &parentDir)
{
    const QString parent = parentDir.isEmpty() ? QDir::tempPath() : parentDir;
    return QDir(parent).filePath(QStringLiteral("coderai-seller-demo-XXXXXX"));
}

} // namespace

DemoProfile::DemoProfile(const QString &parentDir)
    : m_dir(folderTemplate(parentDir))
{
    if (!m_dir.isValid()) {
        qCWarning(lcApp).noquote() << "no folder for the demo's figures, they stay in memory:" << m_dir.errorString();
        return;
    }
    // INI on every platform: on Windows the native format would be the registry, shared by all.
    m_state = std::make_unique<QSettings>(settingsFile(), QSettings::IniFormat);
    qCInfo(lcApp).noquote() << "the demo keeps its figures in" << m_dir.path();
}

DemoProfile::~DemoProfile()
{
    if (m_state)
        m_state->sync();
}

bool DemoProfile::isValid() const
{
    return m_state != nullptr;
}
QString DemoProfile::dataDir() const
{
    return m_dir.isValid() ? m_dir.path() : QString();
}

QString DemoProfile::settingsFile() const
{
    return m_dir.isValid() ? m_dir.filePath(QStringLiteral("demo.ini")) : QString();
}

QSettings *DemoProfile::state() const
{
    return m_state.get();
}

QString DemoProfile::notice()
{
    return tr("This is a demo: a broker and a model server on this computer. There is no account, and "
              "nothing is earned.");
}

QString DemoProfile::settingsNotice()
{
    return tr("The demo is running. These settings are your real configuration: saving them leaves the "
              "demo and connects to your broker.");
}

} // namespace coderai
