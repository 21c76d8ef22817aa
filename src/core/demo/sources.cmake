target_sources(coderai_core PRIVATE
    demo/buyertraffic.cpp demo/buyertraffic.h
    demo/demobroker.cpp demo/demobroker.h
    demo/demoenvironment.cpp demo/demoenvironment.h
    demo/demomodelchat.cpp demo/demomodelchat.h
    demo/demomodelreplies.cpp demo/demomodelreplies.h
    demo/demomodelroutes.cpp demo/demomodelroutes.h
    demo/demomodelserver.cpp demo/demomodelserver.h
    demo/handshakerules.cpp demo/handshakerules.h
    demo/httpconnection.cpp demo/httpconnection.h
    demo/httpmultipart.cpp demo/httpmultipart.h
    demo/httprequestparser.cpp demo/httprequestparser.h
    demo/providersession.cpp demo/providersession.h
    demo/upgradegate.cpp demo/upgradegate.h
)
