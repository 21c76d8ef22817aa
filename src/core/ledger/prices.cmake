# Prices and money: the seller's prices in integer micro-units and the estimates made from them.
target_sources(coderai_core PRIVATE
    ledger/money.cpp ledger/money.h
    ledger/prices.cpp ledger/prices.h
)
