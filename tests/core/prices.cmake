# Money and the seller's prices: parsing, formatting, estimates, storage. Core only.
add_unit_test(NAME tst_prices SOURCES tst_prices.cpp LIBS coderai_core)
