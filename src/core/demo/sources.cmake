target_sources(coderai_core PRIVATE
    demo/demoenvironment.cpp demo/demoenvironment.h
    demo/buyertraffic.cpp demo/buyertraffic.h
    demo/demobroker.cpp demo/demobroker.h
    demo/handshakerules.cpp demo/handshakerules.h
    demo/providersession.cpp demo/providersession.h
    demo/upgradegate.cpp demo/upgradegate.h
)
