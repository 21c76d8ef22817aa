target_sources(coderai_core PRIVATE
    policy/gpusharingrule.cpp policy/gpusharingrule.h
    policy/idlesource.cpp policy/idlesource.h
    policy/idlewatch.cpp policy/idlewatch.h
    policy/localserverprocesses.cpp policy/localserverprocesses.h
    policy/networkwatch.cpp policy/networkwatch.h
    policy/owneractivityrule.cpp policy/owneractivityrule.h
    policy/policyclock.cpp policy/policyclock.h
    policy/schedulerule.cpp policy/schedulerule.h
    policy/servinggate.cpp policy/servinggate.h
    policy/servingdecision.cpp policy/servingdecision.h
    policy/servingpolicy.cpp policy/servingpolicy.h
    policy/servingrule.h
    policy/sleepwatch.cpp policy/sleepwatch.h
    policy/thermalrule.cpp policy/thermalrule.h
    policy/timedpause.cpp policy/timedpause.h
    policy/weeklyschedule.cpp policy/weeklyschedule.h
)
