# The data plane: the local HTTP client's parsing, and bounded memory for streamed bodies.
add_unit_test(NAME tst_chunkeddecoder SOURCES tst_chunkeddecoder.cpp LIBS coderai_core)
add_unit_test(NAME tst_httpresponseparser SOURCES tst_httpresponseparser.cpp LIBS coderai_core)
# Acceptance, slow: 2 × 1 GiB through the real coderai-seller binary, measuring its peak RSS.
add_unit_test(NAME tst_proxystreammemory
    SOURCES tst_proxystreammemory.cpp bodygenerator.cpp bodygenerator.h rawbroker.cpp rawbroker.h
    LIBS Qt6::Network coderai_test_support
    LABELS acceptance memory
    TIMEOUT 420)
add_unit_test(NAME tst_streambackpressure SOURCES tst_streambackpressure.cpp LIBS coderai_core coderai_demo)
add_unit_test(NAME tst_proxyupload SOURCES tst_proxyupload.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_localreplypause SOURCES tst_localreplypause.cpp LIBS coderai_core)
add_unit_test(NAME tst_localprotocolerror SOURCES tst_localprotocolerror.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_localbrokenanswers SOURCES tst_localbrokenanswers.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_localmonitor SOURCES tst_localmonitor.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_proxybase64 SOURCES tst_proxybase64.cpp LIBS coderai_core)
