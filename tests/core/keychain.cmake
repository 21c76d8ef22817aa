# The keyring-backed secret store and the token migration. tst_keychain talks to a real Secret
# Service (.ci/test starts one) and runs tst_keychain_probe in child processes with no bus, a bus
# without a keyring, or a private keyring it locks, to see the failures a seller would.
find_package(Qt6Keychain REQUIRED)

add_executable(tst_keychain_probe tst_keychain_probe.cpp)
target_link_libraries(tst_keychain_probe PRIVATE coderai_core coderai_build_settings)

add_unit_test(NAME tst_keychain SOURCES tst_keychain.cpp LIBS coderai_core coderai_test_support Qt6Keychain::Qt6Keychain TIMEOUT 300)
add_dependencies(tst_keychain tst_keychain_probe)
target_compile_definitions(tst_keychain PRIVATE CODERAI_KEYCHAIN_PROBE="$<TARGET_FILE:tst_keychain_probe>")

add_unit_test(NAME tst_tokenmigration SOURCES tst_tokenmigration.cpp LIBS coderai_core coderai_test_support)
