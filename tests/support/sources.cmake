target_sources(coderai_test_support PRIVATE
    closedport.cpp closedport.h
    fakeidlemonitor.cpp fakeidlemonitor.h
    fakeidlesource.cpp fakeidlesource.h
    fakelogind.cpp fakelogind.h
    manualpolicytime.h
    memorysecretstore.cpp memorysecretstore.h
    fixtures.cpp fixtures.h
    holdingworkhandler.cpp holdingworkhandler.h
    hostilemodelserver.cpp hostilemodelserver.h
    manualkeepaliveclock.cpp manualkeepaliveclock.h
    processmemory.cpp processmemory.h
    sanitizers.h
    tcprelay.cpp tcprelay.h
    servingfixture.cpp servingfixture.h
    testskip.cpp testskip.h
    testtls.cpp testtls.h
)
