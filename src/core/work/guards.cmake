target_sources(coderai_core PRIVATE work/proxyguard.cpp work/proxyguard.h)
