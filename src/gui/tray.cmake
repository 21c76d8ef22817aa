# Tray icon, tray menu, notifications and the status window (DESIGN.md, "Syncthing Tray").
target_sources(coderai_gui PRIVATE
    activityjournal.cpp activityjournal.h
    activitymodel.cpp activitymodel.h
    connectioncard.cpp connectioncard.h
    todayfigures.cpp todayfigures.h
    gpunotes.cpp gpunotes.h
    gputablemodel.cpp gputablemodel.h
    notificationmenu.cpp notificationmenu.h
    notifier.cpp notifier.h
    servingpause.cpp servingpause.h
    sessiontext.cpp sessiontext.h
    statspanel.cpp statspanel.h
    statuswindow.cpp statuswindow.h
    throughputchart.cpp throughputchart.h
    throughputseries.cpp throughputseries.h
    traycontroller.cpp traycontroller.h
    trayicons.cpp trayicons.h
    traymenu.cpp traymenu.h
    vrambardelegate.cpp vrambardelegate.h
    # Compiled in by AUTORCC; TrayIcons calls Q_INIT_RESOURCE(icons), as a static library must.
    ${PROJECT_SOURCE_DIR}/resources/icons.qrc
)
