# Logs window, Copy diagnostics and About (issue 11, item 6). The log buffer itself is in the core.
target_sources(coderai_gui PRIVATE
    aboutdialog.cpp aboutdialog.h
    diagnostics.cpp diagnostics.h
    logmodel.cpp logmodel.h
    logwindow.cpp logwindow.h
)
# About names the licence when the project has a LICENSE file (its first line), and finds the
# README of the source tree when run from a build tree.
set(coderai_licence "")
if(EXISTS ${PROJECT_SOURCE_DIR}/LICENSE)
    file(STRINGS ${PROJECT_SOURCE_DIR}/LICENSE coderai_licence LIMIT_COUNT 1)
    string(STRIP "${coderai_licence}" coderai_licence)
    string(REPLACE "\"" "'" coderai_licence "${coderai_licence}")
endif()
set_property(SOURCE aboutdialog.cpp APPEND PROPERTY COMPILE_DEFINITIONS
    "CODERAI_LICENCE=\"${coderai_licence}\""
    "CODERAI_SOURCE_README=\"${PROJECT_SOURCE_DIR}/README.md\"")
