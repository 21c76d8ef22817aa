# The platform secret store behind SecretStore (Secret Service, KWallet, macOS Keychain, Windows
# Credential Manager) through QtKeychain, and the one-time move of a plain-text token into it.
# Linked privately: only the .cpp files include QtKeychain, so users of coderai_core need not.
find_package(Qt6Keychain REQUIRED)
set_package_properties(Qt6Keychain PROPERTIES TYPE REQUIRED
    PURPOSE "keeps the registration token in the desktop keyring instead of a file")

target_sources(coderai_core PRIVATE
    config/keychainsecretstore.cpp config/keychainsecretstore.h
    config/tokenmigration.cpp config/tokenmigration.h
)
target_link_libraries(coderai_core PRIVATE Qt6Keychain::Qt6Keychain)
