# The settings area: dialog, connection test, local server detection, start at login, welcome.
add_unit_test(NAME tst_settingsdialog SOURCES tst_settingsdialog.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_connectiontester SOURCES tst_connectiontester.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_localserverdetector SOURCES tst_localserverdetector.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_autostart SOURCES tst_autostart.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_welcomedialog SOURCES tst_welcomedialog.cpp LIBS coderai_gui coderai_test_support)
# Its own main(): the offscreen screens (1366×768, and 2732×1536 at 2×) that the settings dialog
# and the status window must fit exist before QApplication.
add_unit_test(NAME tst_screenfit SOURCES tst_screenfit.cpp LIBS coderai_gui coderai_test_support OFFSCREEN_ONLY)
add_unit_test(NAME tst_earningssettings SOURCES tst_earningssettings.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_servingrulessettings SOURCES tst_servingrulessettings.cpp LIBS coderai_gui coderai_test_support)
