# Session statistics: counters, rolling windows, online time (core only, no network), the heap
# given back once quiet, and the averages read off a whole seller on loopback (tst_honestfigures).
add_unit_test(NAME tst_sessionstats SOURCES tst_sessionstats.cpp LIBS coderai_core)
add_unit_test(NAME tst_memorytrim SOURCES tst_memorytrim.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_honestfigures SOURCES tst_honestfigures.cpp LIBS coderai_core coderai_test_support)
