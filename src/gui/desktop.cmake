target_sources(coderai_gui PRIVATE
    desktopapp.cpp desktopapp.h
    singleinstance.cpp singleinstance.h
    x11idlesource.cpp x11idlesource.h
)
# The owner-first rule's X11 fallback (issue 13): the screensaver extension, on the X display Qt
# already has, for window managers without a D-Bus idle interface. Only the desktop links X11;
# coderai_core stays free of it for headless servers.
find_package(PkgConfig REQUIRED)
pkg_check_modules(CODERAI_X11 REQUIRED IMPORTED_TARGET GLOBAL x11 xscrnsaver) # GLOBAL: tests/gui uses it too
target_link_libraries(coderai_gui PRIVATE PkgConfig::CODERAI_X11)
