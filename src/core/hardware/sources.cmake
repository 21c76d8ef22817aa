target_sources(coderai_core PRIVATE
    hardware/hardwaresnapshot.cpp hardware/hardwaresnapshot.h
)
