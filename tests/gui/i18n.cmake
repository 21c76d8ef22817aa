# The translations as shipped: the test links the same compiled-in :/i18n resource and the same
# loader as the app (coderai_translations, translations/translations.cmake) and reads the .ts files
# they came from.
add_unit_test(NAME tst_translations SOURCES tst_translations.cpp LIBS coderai_gui coderai_translations coderai_test_support)
target_compile_definitions(tst_translations PRIVATE
    CODERAI_TS_FILE="${PROJECT_SOURCE_DIR}/translations/coderai-seller_it.ts"
    CODERAI_TS_EN_FILE="${PROJECT_SOURCE_DIR}/translations/coderai-seller_en.ts")
# The GPU tab's notes: the probes' raw diagnostics as plain sentences.
add_unit_test(NAME tst_gpunotes SOURCES tst_gpunotes.cpp LIBS coderai_gui)
