# The earnings ledger: SQLite through Qt SQL (QSQLITE, Debian's libqt6sql6-sqlite).
target_sources(coderai_core PRIVATE
    ledger/earnings.cpp ledger/earnings.h
    ledger/ledger.cpp ledger/ledger.h
    ledger/ledgerdatabase.cpp ledger/ledgerdatabase.h
    ledger/ledgerexport.cpp ledger/ledgerexport.h
    ledger/ledgerpaths.cpp ledger/ledgerpaths.h
    ledger/ledgerreader.cpp ledger/ledgerreader.h
    ledger/ledgertypes.cpp ledger/ledgertypes.h
    ledger/ledgerwriter.cpp ledger/ledgerwriter.h
)
# SQLite itself for the ledger's hot insert on Qt's own connection (ledgerwriter.cpp says why).
find_package(SQLite3 REQUIRED)
target_link_libraries(coderai_core PUBLIC Qt6::Sql PRIVATE SQLite::SQLite3)
