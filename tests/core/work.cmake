add_unit_test(NAME tst_servingchat SOURCES tst_servingchat.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_servingproxy SOURCES tst_servingproxy.cpp LIBS coderai_core coderai_test_support TIMEOUT 240)
add_unit_test(NAME tst_servinglimits SOURCES tst_servinglimits.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_localhttpclient SOURCES tst_localhttpclient.cpp LIBS coderai_core coderai_test_support)
add_unit_test(NAME tst_metadatajobs SOURCES tst_metadatajobs.cpp LIBS coderai_core coderai_demo)
add_unit_test(NAME tst_hostilebuyer SOURCES tst_hostilebuyer.cpp LIBS coderai_core coderai_test_support)
# Issue 10: job deadlines and buffer ceilings against a scripted loopback server.
add_unit_test(NAME tst_jobdeadlines
    SOURCES tst_jobdeadlines.cpp joblimitsrig.h scriptedlocalserver.cpp scriptedlocalserver.h
    LIBS coderai_core)
add_unit_test(NAME tst_jobceilings
    SOURCES tst_jobceilings.cpp joblimitsrig.h scriptedlocalserver.cpp scriptedlocalserver.h
    LIBS coderai_core)
