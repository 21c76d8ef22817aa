target_sources(coderai_core PRIVATE
    config/coderaiconfigimport.cpp config/coderaiconfigimport.h
    config/instanceguard.cpp config/instanceguard.h
    config/secretstore.h
    config/sellerconfig.cpp config/sellerconfig.h
    config/settings.cpp config/settings.h
    config/tokensource.cpp config/tokensource.h
)
