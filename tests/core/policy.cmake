# Serving rules (issue 13): the policy with an injected clock and inputs, the schedule across
# midnight and DST, and the D-Bus idle and sleep sources against small fake services on the
# private session bus that .ci/test starts.
add_unit_test(NAME tst_weeklyschedule SOURCES tst_weeklyschedule.cpp LIBS coderai_core)
add_unit_test(NAME tst_servingpolicy SOURCES tst_servingpolicy.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_policydbus SOURCES tst_policydbus.cpp LIBS coderai_core coderai_test_support)

# The fake NVML library comes from hardware.cmake, included before this file.
add_unit_test(NAME tst_policygpu SOURCES tst_policygpu.cpp LIBS coderai_core coderai_test_support)
target_compile_definitions(tst_policygpu PRIVATE FAKENVML_OK="$<TARGET_FILE:fakenvml>")
add_dependencies(tst_policygpu fakenvml)
add_unit_test(NAME tst_policysession SOURCES tst_policysession.cpp LIBS coderai_core coderai_test_support)
# Their fake Mutter, ScreenSaver and logind live on the session bus every test shares: a seller
# started by another test at the same time would take the fake idle time for the desktop's and
# stop serving, and would add its own calls to the fakes' counts. Alone, they disturb nothing.
set_tests_properties(tst_policydbus tst_policysession PROPERTIES RUN_SERIAL TRUE)
# Only the desktop front end links X11 (the owner-first rule's X11 fallback, src/gui): a program
# of the core alone, like a headless server's, loads neither libX11 nor libXss.
add_test(NAME core_links_no_x11
    COMMAND sh -c "libs=$(ldd \"$1\") || exit 2; ! printf '%s\\n' \"$libs\" | grep -E 'lib(X11|Xss)[.]so'" sh $<TARGET_FILE:tst_policydbus>)
