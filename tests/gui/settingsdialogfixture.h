#pragma once

// A settings dialog over a temporary INI file and an in-memory secret store, for the tests that
// drive it through its widgets (tst_connectiontester, tst_localserverdetector, tst_screenfit).

#include "autostart.h"
#include "config/settings.h"
#include "memorysecretstore.h"
#include "settingsdialog.h"

#include <QLineEdit>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace coderai::test {

struct SettingsDialogFixture
{
    QTemporaryDir dir;
    std::unique_ptr<Settings> settings = Settings::openFile(dir.filePath(QStringLiteral("settings.ini")));
    MemorySecretStore secrets;
    Autostart autostart{dir.filePath(QStringLiteral("autostart.desktop")), QStringLiteral("/usr/bin/coderai-seller")};
    SettingsDialog dialog{settings.get(), &secrets};

    /// Loads and shows the dialog; true once it is exposed, active (a real X server without a
    /// window manager gives no window the focus by itself) and the secrets were read. Call
    /// move() first to pick its screen.
    bool open()
    {
        dialog.setAutostart(&autostart);
        QSignalSpy loaded(&dialog, &SettingsDialog::secretsLoaded);
        dialog.load();
        dialog.show();
        dialog.activateWindow();
        return QTest::qWaitForWindowExposed(&dialog) && QTest::qWaitForWindowActive(&dialog)
            && (!loaded.isEmpty() || loaded.wait(5000));
    }
    QString iniPath() const { return dir.filePath(QStringLiteral("settings.ini")); }
    template<typename T> T *child(const char *name) { return dialog.findChild<T *>(QLatin1StringView(name)); }
    /// Replaces a field's text the way a user does: select all, type.
    void type(const char *name, const QString &text)
    {
        auto *edit = child<QLineEdit>(name);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
};

} // namespace coderai::test
