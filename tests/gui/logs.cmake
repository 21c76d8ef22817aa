# Logs window, Copy diagnostics and About (offscreen).
add_unit_test(NAME tst_logwindow SOURCES tst_logwindow.cpp LIBS coderai_gui)
add_unit_test(NAME tst_diagnostics SOURCES tst_diagnostics.cpp LIBS coderai_gui)
