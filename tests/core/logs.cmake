# The log buffer behind the Logs window and diagnostics. Core only.
add_unit_test(NAME tst_logbuffer SOURCES tst_logbuffer.cpp LIBS coderai_core)
