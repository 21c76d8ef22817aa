# Acceptance (issue 10 item 6): a whole seller against a hostile local server, one scenario per
# row, each bounded in time and in this process's peak RSS growth.
add_unit_test(NAME tst_hostilelocalserver
    SOURCES tst_hostilelocalserver.cpp
    LIBS coderai_test_support
    LABELS acceptance memory
    TIMEOUT 240)
