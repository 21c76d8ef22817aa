add_unit_test(NAME tst_demomodelserver SOURCES tst_demomodelserver.cpp LIBS coderai_core coderai_demo LABELS core)
