add_unit_test(NAME tst_desktopapp SOURCES tst_desktopapp.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_demoprofile SOURCES tst_demoprofile.cpp LIBS coderai_gui coderai_test_support)
add_unit_test(NAME tst_singleinstance SOURCES tst_singleinstance.cpp LIBS coderai_gui coderai_test_support)
# The X11 idle fallback: its _x11 run is the one on a real X server; the test itself calls
# XForceScreenSaver, so it links X11 as coderai_gui does.
add_unit_test(NAME tst_x11idlesource SOURCES tst_x11idlesource.cpp LIBS coderai_gui PkgConfig::CODERAI_X11)
