target_sources(coderai_core PRIVATE local/sseparser.cpp local/sseparser.h)
