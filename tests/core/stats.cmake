# Session statistics: counters, rolling windows, online time. Core only, no network.
add_unit_test(NAME tst_sessionstats SOURCES tst_sessionstats.cpp LIBS coderai_core)
