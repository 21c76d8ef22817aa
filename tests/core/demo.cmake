add_unit_test(NAME tst_demobroker SOURCES tst_demobroker.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_tcprelay SOURCES tst_tcprelay.cpp LIBS coderai_core coderai_test_support)
