target_sources(coderai_core PRIVATE
    local/chunkeddecoder.cpp local/chunkeddecoder.h
    local/formdata.cpp local/formdata.h
    local/httpresponseparser.cpp local/httpresponseparser.h
    local/httptokens.cpp local/httptokens.h
    local/localconnection.cpp local/localconnection.h
    local/localhttpclient.cpp local/localhttpclient.h
    local/localmonitor.cpp local/localmonitor.h
    local/localreply.cpp local/localreply.h
    local/localserver.cpp local/localserver.h
    local/sseparser.cpp local/sseparser.h
)
