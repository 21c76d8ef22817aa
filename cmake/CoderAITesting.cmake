# add_unit_test(NAME <name> SOURCES <files...> [LIBS <targets...>] [LABELS <labels...>] [OFFSCREEN_ONLY])
# One Qt Test executable per suite, registered with CTest under the same name. Tests run with the
# offscreen platform and a private HOME so they never touch the developer's settings or keyring.
# Where CODERAI_TEST_ON_X11 is set (tests/gui), each test runs a second time as <name>_x11 on a
# real X server of its own (tests/support/under-xvfb), unless it is OFFSCREEN_ONLY.
find_program(CODERAI_XVFB Xvfb)
function(add_unit_test)
    cmake_parse_arguments(ARG "OFFSCREEN_ONLY" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
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
    if(CODERAI_TEST_ON_X11 AND NOT ARG_OFFSCREEN_ONLY)
        if(NOT CODERAI_XVFB)
            message(WARNING "Xvfb not found: ${ARG_NAME} runs offscreen only (install xvfb)")
            return()
        endif()
        add_test(NAME ${ARG_NAME}_x11 COMMAND ${PROJECT_SOURCE_DIR}/tests/support/under-xvfb $<TARGET_FILE:${ARG_NAME}>)
        set_tests_properties(${ARG_NAME}_x11 PROPERTIES
            TIMEOUT ${ARG_TIMEOUT}
            LABELS "${ARG_LABELS};x11"
            ENVIRONMENT "CODERAI_TEST_FIXTURES=${PROJECT_SOURCE_DIR}/tests/fixtures;CODERAI_SELLER_BINARY=$<TARGET_FILE:coderai-seller>")
    endif()
endfunction()
