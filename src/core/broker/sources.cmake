target_sources(coderai_core PRIVATE
    broker/backoff.cpp broker/backoff.h
    broker/brokerendpoint.cpp broker/brokerendpoint.h
    broker/brokerlink.cpp broker/brokerlink.h
    broker/brokersession.cpp broker/brokersession.h
    broker/clock.h
    broker/envelope.cpp broker/envelope.h
    broker/framescreen.cpp broker/framescreen.h
    broker/liveness.cpp broker/liveness.h
    broker/registration.cpp broker/registration.h
    broker/workhandler.h
)
