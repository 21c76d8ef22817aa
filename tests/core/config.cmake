# Configuration, token sources, secret store and the single-instance guard: core only.
add_unit_test(NAME tst_config SOURCES tst_config.cpp LIBS coderai_core)
add_unit_test(NAME tst_settings SOURCES tst_settings.cpp LIBS coderai_core)
add_unit_test(NAME tst_coderaiimport SOURCES tst_coderaiimport.cpp LIBS coderai_core)
add_unit_test(NAME tst_tokensource SOURCES tst_tokensource.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_secretstore SOURCES tst_secretstore.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_instanceguard SOURCES tst_instanceguard.cpp LIBS coderai_core coderai_test_support)
