target_sources(coderai_core PRIVATE
    work/chatjob.cpp work/chatjob.h
    work/job.cpp work/job.h
    work/localerror.cpp work/localerror.h
    work/metadatajobs.cpp work/metadatajobs.h
    work/proxyguard.cpp work/proxyguard.h
    work/proxyjob.cpp work/proxyjob.h
    work/workdispatcher.cpp work/workdispatcher.h
)
