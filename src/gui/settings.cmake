# The settings area: settings dialog and its helpers (connection test, local server detection),
# the first-run welcome, start at login and the desktop-only preferences. Forms live in ui/.
target_sources(coderai_gui PRIVATE
    autostart.cpp
    autostart.h
    connectiontester.cpp
    connectiontester.h
    desktopprefs.cpp
    desktopprefs.h
    earningssettings.cpp
    earningssettings.h
    localserverdetector.cpp
    localserverdetector.h
    secretbatch.cpp
    secretbatch.h
    servingrulessettings.cpp
    servingrulessettings.h
    settingsdialog.cpp
    settingsdialog.h
    settingslocal.cpp
    settingssecrets.cpp
    welcomedialog.cpp
    welcomedialog.h
)
