# Operations: what a service manager or a monitoring system sees of the seller.
target_sources(coderai_core PRIVATE
    ops/journal.cpp ops/journal.h
    ops/systemdnotify.cpp ops/systemdnotify.h
)

# sd_notify through libsystemd when the build machine has it (Debian: libsystemd-dev); without
# it SystemdNotify does nothing, and the service unit's Type=notify must not be used.
find_package(PkgConfig QUIET)
if(PKG_CONFIG_FOUND)
    pkg_check_modules(LIBSYSTEMD QUIET IMPORTED_TARGET libsystemd)
endif()
if(TARGET PkgConfig::LIBSYSTEMD)
    target_link_libraries(coderai_core PRIVATE PkgConfig::LIBSYSTEMD)
    target_compile_definitions(coderai_core PRIVATE CODERAI_HAVE_LIBSYSTEMD)
endif()
add_feature_info(systemd LIBSYSTEMD_FOUND "Type=notify readiness, status and watchdog (libsystemd)")

# --metrics-listen: the Prometheus exposition and the health endpoints.
target_sources(coderai_core PRIVATE
    ops/metrics.cpp ops/metrics.h
    ops/metricsserver.cpp ops/metricsserver.h
)
