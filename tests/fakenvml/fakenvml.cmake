# A fake libnvidia-ml (fakenvml.cpp) for the NVML probe's tests, in the variants the tests load
# through the probe's ordinary QLibrary path. Plain C++: no Qt, no CUDA, no driver.
function(add_fake_nvml name)
    add_library(${name} SHARED ${CMAKE_CURRENT_FUNCTION_LIST_DIR}/fakenvml.cpp)
    target_compile_features(${name} PRIVATE cxx_std_17)
    target_compile_definitions(${name} PRIVATE ${ARGN})
    # The tests find it by its full path; keep it out of lib/ and out of installs.
    set_target_properties(${name} PROPERTIES
        LIBRARY_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fakenvml
        RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fakenvml
        CXX_VISIBILITY_PRESET hidden)
endfunction()

add_fake_nvml(fakenvml)
add_fake_nvml(fakenvml_initfail FAKENVML_INIT_FAILS)
add_fake_nvml(fakenvml_nomeminfo FAKENVML_NO_MEMORY_INFO)
add_fake_nvml(fakenvml_slow FAKENVML_INIT_DELAY_MS=1500)
add_fake_nvml(fakenvml_gpulost FAKENVML_GPU_LOST)
