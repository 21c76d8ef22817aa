# Logs window, Copy diagnostics and About (issue 11, item 6). The log buffer itself is in the core.
target_sources(coderai_gui PRIVATE
    aboutdialog.cpp aboutdialog.h
    diagnostics.cpp diagnostics.h
    logmodel.cpp logmodel.h
    logwindow.cpp logwindow.h
)
# About finds the README of the source tree when run from a build tree.
set_property(SOURCE aboutdialog.cpp APPEND PROPERTY COMPILE_DEFINITIONS
    "CODERAI_SOURCE_README=\"${PROJECT_SOURCE_DIR}/README.md\"")
