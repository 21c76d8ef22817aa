target_sources(coderai_core PRIVATE
    stats/memorytrim.cpp stats/memorytrim.h
    stats/requestrecord.h
    stats/rollingwindow.cpp stats/rollingwindow.h
    stats/sessionstats.cpp stats/sessionstats.h
)
