#include "autostart.h"

#include "logging.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QStandardPaths>

#if defined(Q_OS_WIN)
#include <QSettings>
#endif

#include <algorithm>

namespace coderai {

using namespace Qt::StringLiterals;

namespace {

#if defined(Q_OS_WIN)
constexpr auto kRunKey = "HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run"_L1;
constexpr auto kRunValueName = "CoderAI Seller"_L1;
#elif defined(Q_OS_MACOS)
constexpr auto kAgentLabel = "cloud.aisbf.coderai-seller"_L1;
#endif

// Desktop Entry Specification, "The Exec key": an argument holding any of these must be quoted.
constexpr auto kReservedInExec = " \t\n\"'\\><~|&;$*?#()`"_L1;

// Quoting per the spec: inside double quotes, " ` $ and \ take a backslash; then the string-value
// escape doubles every backslash again (so a literal backslash becomes four), and a literal
// percent sign becomes %% because % starts a field code.
QString execArgument(const QString &argument)
{
    const bool needsQuotes = std::any_of(argument.cbegin(), argument.cend(),
                                         [](QChar ch) { return kReservedInExec.contains(ch); });
    QString text;
    if (needsQuotes) {
        text += u'"';
        for (QChar ch : argument) {
            if (ch == u'"' || ch == u'`' || ch == u'$' || ch == u'\\')
                text += u'\\';
            text += ch;
        }
        text += u'"';
    } else {
        text = argument;
    }
    text.replace(u'\\', "\\\\"_L1);
    text.replace(u'%', "%%"_L1);
    return text;
}

bool hasControlCharacters(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar ch) { return ch.category() == QChar::Other_Control; });
}

#if defined(Q_OS_MACOS)
QString launchAgentPlist(const QString &executable)
{
    return uR"(<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
    <key>Label</key>
    <string>%1</string>
    <key>ProgramArguments</key>
    <array>
        <string>%2</string>
    </array>
    <key>RunAtLoad</key>
    <true/>
    <key>ProcessType</key>
    <string>Interactive</string>
</dict>
</plist>
)"_s.arg(kAgentLabel, executable.toHtmlEscaped());
}
#endif

#if !defined(Q_OS_WIN)
// Whether an existing autostart file still starts us: desktops disable an entry by writing
// Hidden=true or X-GNOME-Autostart-enabled=false into it rather than deleting it.
bool entryFileEnabled(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text))
        return false;
#if defined(Q_OS_MACOS)
    return true;
#else
    bool inMainGroup = false;
    while (!file.atEnd()) {
        const QString line = QString::fromUtf8(file.readLine()).trimmed();
        if (line.startsWith(u'[')) {
            inMainGroup = line == "[Desktop Entry]"_L1;
            continue;
        }
        if (!inMainGroup)
            continue;
        const qsizetype equals = line.indexOf(u'=');
        if (equals < 0)
            continue;
        const QString key = line.left(equals).trimmed();
        const QString value = line.mid(equals + 1).trimmed();
        if (key == "Hidden"_L1 && value == "true"_L1)
            return false;
        if (key == "X-GNOME-Autostart-enabled"_L1 && value == "false"_L1)
            return false;
    }
    return true;
#endif
}
#endif

} // namespace

Autostart::Autostart(QString location, QString executable)
    : m_location(location.isEmpty() ? defaultLocation() : std::move(location))
    , m_executable(executable.isEmpty() ? defaultExecutable() : std::move(executable))
{
}

QString Autostart::defaultLocation()
{
#if defined(Q_OS_WIN)
    return kRunKey;
#elif defined(Q_OS_MACOS)
    return QDir::homePath() + "/Library/LaunchAgents/"_L1 + kAgentLabel + ".plist"_L1;
#else
    // GenericConfigLocation honours $XDG_CONFIG_HOME and falls back to ~/.config, as the XDG
    // Autostart specification asks.
    return QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation)
        + "/autostart/coderai-seller.desktop"_L1;
#endif
}

QString Autostart::defaultExecutable()
{
    // Inside an AppImage, applicationFilePath() is a mount point that is gone after logout;
    // the runtime names the image itself in $APPIMAGE.
    const QString appImage = qEnvironmentVariable("APPIMAGE");
    return appImage.isEmpty() ? QCoreApplication::applicationFilePath() : appImage;
}

QString Autostart::location() const
{
    return m_location;
}

QString Autostart::executable() const
{
    return m_executable;
}

QString Autostart::desktopEntry(const QString &executable)
{
    // Delay and Need-Tray: a tray app started before the panel finds no tray and would fall
    // back to a window; GNOME waits the delay, LXQt waits for the tray itself.
    return uR"([Desktop Entry]
Type=Application
Version=1.0
Name=CoderAI Seller
Comment=%1
Exec=%2
Icon=coderai-seller
Terminal=false
X-GNOME-Autostart-enabled=true
X-GNOME-Autostart-Delay=10
X-LXQt-Need-Tray=true
)"_s.arg(tr("Sell local GPU inference capacity through the AISBF broker"), execArgument(executable));
}

bool Autostart::isEnabled() const
{
#if defined(Q_OS_WIN)
    const QSettings run(m_location, QSettings::NativeFormat);
    return run.contains(kRunValueName);
#else
    return entryFileEnabled(m_location);
#endif
}

bool Autostart::setEnabled(bool enabled, QString *error)
{
    const bool ok = enabled ? writeEntry(error) : removeEntry(error);
    if (ok)
        qCInfo(lcApp) << "start at login" << (enabled ? "enabled:" : "disabled:") << m_location;
    return ok;
}

bool Autostart::writeEntry(QString *error) const
{
    if (hasControlCharacters(m_executable)) {
        if (error)
            *error = tr("The program path \"%1\" cannot be started at login.").arg(m_executable);
        return false;
    }
#if defined(Q_OS_WIN)
    QSettings run(m_location, QSettings::NativeFormat);
    run.setValue(kRunValueName, QString(u'"' + QDir::toNativeSeparators(m_executable) + u'"'));
    run.sync();
    if (run.status() != QSettings::NoError) {
        if (error)
            *error = tr("Could not write the Run entry in the Windows registry.");
        return false;
    }
    return true;
#else
#if defined(Q_OS_MACOS)
    const QString content = launchAgentPlist(m_executable);
#else
    const QString content = desktopEntry(m_executable);
#endif
    const QFileInfo info(m_location);
    QSaveFile file(m_location);
    if (!QDir().mkpath(info.absolutePath()) || !file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = tr("Could not create \"%1\": %2").arg(m_location, file.errorString());
        return false;
    }
    file.write(content.toUtf8());
    if (!file.commit()) {
        if (error)
            *error = tr("Could not write \"%1\": %2").arg(m_location, file.errorString());
        return false;
    }
    return true;
#endif
}

bool Autostart::removeEntry(QString *error) const
{
#if defined(Q_OS_WIN)
    QSettings run(m_location, QSettings::NativeFormat);
    run.remove(kRunValueName);
    run.sync();
    if (run.status() != QSettings::NoError) {
        if (error)
            *error = tr("Could not remove the Run entry from the Windows registry.");
        return false;
    }
    return true;
#else
    // Only our own per-user file: no system-wide entry is installed that would need Hidden=true.
    QFile file(m_location);
    if (!file.exists() || file.remove())
        return true;
    if (error)
        *error = tr("Could not remove \"%1\": %2").arg(m_location, file.errorString());
    return false;
#endif
}

} // namespace coderai
