# GPU and host inventory: parsers fed with recorded tool output (tests/fixtures/nvidia-smi,
# rocm-smi), fake sysfs trees (tests/fixtures/sysfs) and a fake libnvidia-ml loaded through the
# NVML probe's real QLibrary path (tests/fakenvml). No GPU needed.
include(${PROJECT_SOURCE_DIR}/tests/fakenvml/fakenvml.cmake)

add_unit_test(NAME tst_hardwaresnapshot SOURCES tst_hardwaresnapshot.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_hardwaretable SOURCES tst_hardwaretable.cpp LIBS coderai_core)
add_unit_test(NAME tst_hardwaremonitor SOURCES tst_hardwaremonitor.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_nvidiasmiprobe SOURCES tst_nvidiasmiprobe.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_sysfsprobe SOURCES tst_sysfsprobe.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_rocmsmiprobe SOURCES tst_rocmsmiprobe.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_nvmlprobe SOURCES tst_nvmlprobe.cpp LIBS coderai_core)

foreach(suite tst_nvmlprobe tst_hardwaremonitor)
    target_compile_definitions(${suite} PRIVATE
        FAKENVML_OK="$<TARGET_FILE:fakenvml>"
        FAKENVML_INIT_FAILS="$<TARGET_FILE:fakenvml_initfail>"
        FAKENVML_NO_MEMORY_INFO="$<TARGET_FILE:fakenvml_nomeminfo>"
        FAKENVML_SLOW="$<TARGET_FILE:fakenvml_slow>"
        FAKENVML_GPU_LOST="$<TARGET_FILE:fakenvml_gpulost>")
    # A generator expression in a compile definition does not make the test depend on the library.
    add_dependencies(${suite} fakenvml fakenvml_initfail fakenvml_nomeminfo fakenvml_slow fakenvml_gpulost)
endforeach()
