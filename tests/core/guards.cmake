add_unit_test(NAME tst_sseparser SOURCES tst_sseparser.cpp LIBS coderai_core)
add_unit_test(NAME tst_proxyguard SOURCES tst_proxyguard.cpp LIBS coderai_core)
