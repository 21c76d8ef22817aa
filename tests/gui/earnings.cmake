# The earnings area: the status window's Earnings tab over a real ledger file.
add_unit_test(NAME tst_earningstab SOURCES tst_earningstab.cpp LIBS coderai_gui)
