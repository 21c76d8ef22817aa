target_sources(coderai_core PRIVATE
    broker/backoff.cpp broker/backoff.h
    broker/brokerconversation.cpp broker/brokerconversation.h
    broker/brokerendpoint.cpp broker/brokerendpoint.h
    broker/brokerlink.cpp broker/brokerlink.h
    broker/brokersession.cpp broker/brokersession.h
    broker/clock.cpp broker/clock.h
    broker/drain.cpp broker/drain.h
    broker/envelope.cpp broker/envelope.h
    broker/jsoncursor.cpp broker/jsoncursor.h
    broker/framescreen.cpp broker/framescreen.h
    broker/framewriter.cpp broker/framewriter.h
    broker/liveness.cpp broker/liveness.h
    broker/localavailability.h
    broker/registration.cpp broker/registration.h
    broker/retryschedule.cpp broker/retryschedule.h
    broker/sessionfailures.cpp broker/sessionfailures.h
    broker/workhandler.h
)
