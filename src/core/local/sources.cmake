target_sources(coderai_core PRIVATE
    local/localmonitor.cpp local/localmonitor.h
    local/localserver.cpp local/localserver.h
    local/sseparser.cpp local/sseparser.h
)
