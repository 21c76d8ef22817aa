target_sources(coderai_gui PRIVATE placeholder.cpp)
