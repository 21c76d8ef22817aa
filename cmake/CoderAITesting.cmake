# add_unit_test(NAME <name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>])
# One Qt Test executable per suite, registered with CTest under the same name. Tests run with the
# offscreen platform and a private HOME so they never touch the developer's settings or keyring.
function(add_unit_test)
    cmake_parse_arguments(ARG "" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${ARG_NAME} ${ARG_SOURCES})
    target_link_libraries(${ARG_NAME} PRIVATE Qt6::Test coderai_build_settings ${ARG_LIBS})
    add_test(NAME ${ARG_NAME} COMMAND ${ARG_NAME})
    if(NOT ARG_TIMEOUT)
        set(ARG_TIMEOUT 120)
    endif()
    set_tests_properties(${ARG_NAME} PROPERTIES
        TIMEOUT ${ARG_TIMEOUT}
        LABELS "${ARG_LABELS}"
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;CODERAI_TEST_FIXTURES=${PROJECT_SOURCE_DIR}/tests/fixtures;CODERAI_SELLER_BINARY=$<TARGET_FILE:coderai-seller>")
endfunction()
