#pragma once

#include <QCoreApplication>
#include <QString>

namespace coderai {

/// \brief Starts the app when the user logs in: an XDG autostart entry on Linux and other Unix
/// desktops, a Run registry value on Windows, a LaunchAgent on macOS.
///
/// The location is injectable so tests write into a temporary folder instead of the real
/// autostart folder. It is a plain value class: every call reads or writes the platform's
/// entry directly, because the user (or a desktop's own settings panel) may change it behind
/// our back, so nothing is cached.
class Autostart final
{
    Q_DECLARE_TR_FUNCTIONS(Autostart)

public:
    /// \a location: the autostart .desktop file (XDG), the LaunchAgent plist (macOS) or the
    /// registry key holding Run values (Windows); empty for the platform's default.
    /// \a executable: the program to start; empty for this application's own path.
    explicit Autostart(QString location = {}, QString executable = {});

    static QString defaultLocation();
    /// This application's path as the autostart entry should name it (an AppImage's own file
    /// rather than its temporary mount point).
    static QString defaultExecutable();

    QString location() const;
    QString executable() const;

    bool isEnabled() const;
    /// Creates or removes the entry; on failure returns false and puts a sentence for the user
    /// in \a error.
    bool setEnabled(bool enabled, QString *error = nullptr);

    /// The full text of the XDG entry for \a executable (public for tests of its quoting).
    static QString desktopEntry(const QString &executable);

private:
    bool writeEntry(QString *error) const;
    bool removeEntry(QString *error) const;

    QString m_location;
    QString m_executable;
};

} // namespace coderai
