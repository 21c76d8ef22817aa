# The metrics and health endpoints (--metrics-listen) of a whole seller on loopback, with
# promtool checking the exposition where it is installed (CI: required).
add_unit_test(NAME tst_metrics SOURCES tst_metrics.cpp LIBS coderai_core coderai_test_support TIMEOUT 120)
