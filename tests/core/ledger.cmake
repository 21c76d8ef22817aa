# The earnings ledger on real SQLite files: writing, reading, crash safety, migrations,
# retention, local days across DST, CSV export; and `coderai-seller --ledger` run as a binary.
add_executable(ledgerburstchild ledgerburstchild.cpp)
target_link_libraries(ledgerburstchild PRIVATE coderai_core coderai_build_settings)
add_unit_test(NAME tst_ledger SOURCES tst_ledger.cpp LIBS coderai_core)
add_dependencies(tst_ledger ledgerburstchild)
add_unit_test(NAME tst_ledgercli SOURCES tst_ledgercli.cpp LIBS coderai_core)
