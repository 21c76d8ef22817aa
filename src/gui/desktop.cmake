target_sources(coderai_gui PRIVATE
    desktopapp.cpp desktopapp.h
    singleinstance.cpp singleinstance.h
)
