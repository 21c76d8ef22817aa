# Translations (issue 6): lupdate reads every source of the core, the desktop front end, the
# command line and the Designer forms into one .ts per language; lrelease turns each into a .qm
# that is compiled into the binary under :/i18n, where AppTranslations (apptranslations.h) looks
# for the system locale's.
#
# English has a catalogue of its own holding only the numerus forms ("%n request(s)" becomes
# "1 request" / "2 requests"); it is also the fallback for every locale without a catalogue.
#
#   cmake --build <build> --target update_translations   refreshes the .ts files from the sources
#
# After that, new plurals in coderai-seller_en.ts need their two English forms written by hand
# (tst_translations fails until they are).
#
# Included from the top-level CMakeLists.txt after every target exists, so that the source lists
# read below are complete.
find_package(Qt6 6.4 REQUIRED COMPONENTS LinguistTools)

set(CODERAI_TS_FILES
    ${CMAKE_CURRENT_LIST_DIR}/coderai-seller_it.ts
)
set(CODERAI_TS_EN_FILE ${CMAKE_CURRENT_LIST_DIR}/coderai-seller_en.ts)

# qt_add_translations() in Qt 6.4 reads the sources of its one target only; the user-visible text
# lives in the static libraries, so the list is gathered from all of them. A build without the
# desktop front end cannot see the GUI's strings, and -no-obsolete would drop them from the .ts:
# there is no update_translations target in such a build.
if(CODERAI_BUILD_GUI)
    set(_coderai_i18n_sources "")
    set(_coderai_i18n_includes ${PROJECT_SOURCE_DIR}/src)
    foreach(_coderai_target IN ITEMS coderai_core coderai_demo coderai_gui coderai-seller)
        get_target_property(_coderai_dir ${_coderai_target} SOURCE_DIR)
        get_target_property(_coderai_bin ${_coderai_target} BINARY_DIR)
        list(APPEND _coderai_i18n_includes ${_coderai_dir} ${_coderai_bin}/${_coderai_target}_autogen/include)
        get_target_property(_coderai_srcs ${_coderai_target} SOURCES)
        foreach(_coderai_src IN LISTS _coderai_srcs)
            if(_coderai_src MATCHES "\\.(cpp|h)$" AND NOT _coderai_src MATCHES "^\\$<")
                cmake_path(ABSOLUTE_PATH _coderai_src BASE_DIRECTORY ${_coderai_dir} NORMALIZE)
                list(APPEND _coderai_i18n_sources ${_coderai_src})
            endif()
        endforeach()
    endforeach()
    # AUTOUIC finds the forms through their ui_*.h includes; they are in no source list.
    file(GLOB _coderai_forms CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/ui/*.ui)
    list(APPEND _coderai_i18n_sources ${_coderai_forms})
    list(REMOVE_DUPLICATES _coderai_i18n_sources)

    # -no-obsolete drops strings that left the code; relative locations keep the diff of a .ts
    # small when lines move.
    qt_add_lupdate(coderai-seller
        TS_FILES ${CODERAI_TS_FILES}
        SOURCES ${_coderai_i18n_sources}
        OPTIONS -no-obsolete -locations relative
    )
    # The English plurals: the same sources and include paths, numerus messages only. A second
    # call needs a target name of its own (it names the <target>_lupdate target).
    qt_add_lupdate(coderai_translations
        TS_FILES ${CODERAI_TS_EN_FILE}
        SOURCES ${_coderai_i18n_sources}
        INCLUDE_DIRECTORIES ${_coderai_i18n_includes}
        OPTIONS -pluralonly -no-obsolete -locations relative
    )
endif()

# The .qm files and the code that installs them go into one object library that both the app and
# the translation test link, so the test reads exactly the resource the app ships.
add_library(coderai_translations OBJECT
    ${CMAKE_CURRENT_LIST_DIR}/apptranslations.cpp ${CMAKE_CURRENT_LIST_DIR}/apptranslations.h)
set_target_properties(coderai_translations PROPERTIES AUTOMOC OFF AUTOUIC OFF)
target_include_directories(coderai_translations PUBLIC ${CMAKE_CURRENT_LIST_DIR})
target_link_libraries(coderai_translations PUBLIC Qt6::Core PRIVATE coderai_build_settings)
set_source_files_properties(${CODERAI_TS_FILES} ${CODERAI_TS_EN_FILE} PROPERTIES
    OUTPUT_LOCATION ${PROJECT_BINARY_DIR}/translations)
qt_add_lrelease(coderai_translations
    TS_FILES ${CODERAI_TS_FILES} ${CODERAI_TS_EN_FILE}
    QM_FILES_OUTPUT_VARIABLE _coderai_qm_files
)
qt_add_resources(coderai_translations coderai_translations
    PREFIX /i18n
    BASE ${PROJECT_BINARY_DIR}/translations
    FILES ${_coderai_qm_files}
)
target_link_libraries(coderai-seller PRIVATE coderai_translations)

unset(_coderai_i18n_sources)
unset(_coderai_i18n_includes)
unset(_coderai_forms)
unset(_coderai_qm_files)
