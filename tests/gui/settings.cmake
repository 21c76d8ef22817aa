# The settings area: dialog, connection test, local server detection, start at login, welcome.
add_unit_test(NAME tst_settingsdialog SOURCES tst_settingsdialog.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_connectiontester SOURCES tst_connectiontester.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_localserverdetector SOURCES tst_localserverdetector.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_autostart SOURCES tst_autostart.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_welcomedialog SOURCES tst_welcomedialog.cpp LIBS coderai_gui coderai_test_support)
