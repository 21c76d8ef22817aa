# Tray icon, menu, notifications, status window and today's totals (offscreen: no tray exists,
# so the controller's icon, tooltip and menu are checked directly).
add_unit_test(NAME tst_trayicons SOURCES tst_trayicons.cpp LIBS coderai_gui)
add_unit_test(NAME tst_traynotifier SOURCES tst_traynotifier.cpp LIBS coderai_gui)
add_unit_test(NAME tst_traycontroller SOURCES tst_traycontroller.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_statuswindow SOURCES tst_statuswindow.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_throughputchart SOURCES tst_throughputchart.cpp LIBS coderai_gui)
add_unit_test(NAME tst_todayfigures SOURCES tst_todayfigures.cpp LIBS coderai_gui)
add_unit_test(NAME tst_activityjournal SOURCES tst_activityjournal.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_connectioncard SOURCES tst_connectioncard.cpp LIBS coderai_gui coderai_test_support)
