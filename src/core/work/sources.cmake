target_sources(coderai_core PRIVATE
    work/chatjob.cpp work/chatjob.h
    work/job.cpp work/job.h
    work/keepaliveclock.cpp work/keepaliveclock.h
    work/localerror.cpp work/localerror.h
    work/metadatajobs.cpp work/metadatajobs.h
    work/proxybase64.cpp work/proxybase64.h
    work/proxyguard.cpp work/proxyguard.h
    work/proxyjob.cpp work/proxyjob.h
    work/proxyquery.cpp work/proxyquery.h
    work/workdispatcher.cpp work/workdispatcher.h
)
