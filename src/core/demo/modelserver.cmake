# The demo model server: a small HTTP/1.1 server (Qt 6.4 has no QtHttpServer here) with
# OpenAI-compatible and test endpoints, for --demo and as the tests' local model server.
target_sources(coderai_core PRIVATE
    demo/demomodelchat.cpp demo/demomodelchat.h
    demo/demomodelreplies.cpp demo/demomodelreplies.h
    demo/demomodelroutes.cpp demo/demomodelroutes.h
    demo/demomodelserver.cpp demo/demomodelserver.h
    demo/httpconnection.cpp demo/httpconnection.h
    demo/httpmultipart.cpp demo/httpmultipart.h
    demo/httprequestparser.cpp demo/httprequestparser.h
)
