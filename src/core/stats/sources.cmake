target_sources(coderai_core PRIVATE
    stats/requestrecord.h
    stats/rollingwindow.cpp stats/rollingwindow.h
    stats/sessionstats.cpp stats/sessionstats.h
)
