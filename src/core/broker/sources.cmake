target_sources(coderai_core PRIVATE
    broker/backoff.cpp broker/backoff.h
    broker/brokerendpoint.cpp broker/brokerendpoint.h
    broker/brokersession.cpp broker/brokersession.h
    broker/clock.h
    broker/envelope.cpp broker/envelope.h
    broker/registration.cpp broker/registration.h
    broker/workhandler.h
)
