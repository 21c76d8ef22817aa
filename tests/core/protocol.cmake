# The wire contract pinned by literal values from PROTOCOL.md, and the proxy's query handling.
add_unit_test(NAME tst_proxyquery SOURCES tst_proxyquery.cpp LIBS coderai_core)
add_unit_test(NAME tst_keepalive SOURCES tst_keepalive.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_protocol SOURCES tst_protocol.cpp LIBS coderai_core coderai_test_support TIMEOUT 240)
# Every skip goes through CODERAI_SKIP, so a skip under .ci/test is a failure.
add_test(NAME skips_go_through_helper
         COMMAND ${CMAKE_COMMAND} -DTESTS_DIR=${PROJECT_SOURCE_DIR}/tests -P ${CMAKE_CURRENT_SOURCE_DIR}/noqskip.cmake)
