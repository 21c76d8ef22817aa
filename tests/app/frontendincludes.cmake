# cmake -DSOURCE_DIR=<repo> -P frontendincludes.cmake
# Fails when a front-end file (src/gui, src/app) includes a header of the engine's inner parts
# (src/core/broker, src/core/work, src/core/local): front ends talk to SellerService only
# (docs/ARCHITECTURE.md). Plain CMake, so it runs wherever the project builds.
if(NOT SOURCE_DIR)
    message(FATAL_ERROR "pass -DSOURCE_DIR=<repository root>")
endif()
file(GLOB_RECURSE frontend_files
    "${SOURCE_DIR}/src/gui/*.h" "${SOURCE_DIR}/src/gui/*.cpp"
    "${SOURCE_DIR}/src/app/*.h" "${SOURCE_DIR}/src/app/*.cpp")
list(LENGTH frontend_files count)
if(count LESS 10)
    # A wrong SOURCE_DIR must not pass as "no offending include".
    message(FATAL_ERROR "found only ${count} front-end files under ${SOURCE_DIR}/src")
endif()
set(offences "")
foreach(path IN LISTS frontend_files)
    # "broker/x.h", "core/work/x.h", "../core/local/x.h", <local/x.h>: any path whose folder is one of them.
    file(STRINGS "${path}" hits REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]([^\">]*/)?(broker|work|local)/")
    foreach(hit IN LISTS hits)
        file(RELATIVE_PATH relative "${SOURCE_DIR}" "${path}")
        string(STRIP "${hit}" hit)
        string(APPEND offences "\n  ${relative}: ${hit}")
    endforeach()
endforeach()
if(offences)
    message(FATAL_ERROR "front ends must use SellerService (or a core-root helper such as "
                        "ConnectionCheck or LocalProbe), not the engine's inner headers:${offences}")
endif()
message(STATUS "${count} front-end files, none includes a broker/, work/ or local/ header")
