# The data plane: the local HTTP client's parsing, and bounded memory for streamed bodies.
add_unit_test(NAME tst_chunkeddecoder SOURCES tst_chunkeddecoder.cpp LIBS coderai_core)
add_unit_test(NAME tst_httpresponseparser SOURCES tst_httpresponseparser.cpp LIBS coderai_core)
