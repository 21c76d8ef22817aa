# The earnings area: the status window's Earnings tab over the ledger (issue 12), its daily chart,
# per-model table and CSV export dialog; chartaxis and chartplot are shared with the throughput chart.
target_sources(coderai_gui PRIVATE
    chartaxis.cpp
    chartaxis.h
    chartplot.cpp
    chartplot.h
    earningschart.cpp
    earningschart.h
    earningsexportdialog.cpp
    earningsexportdialog.h
    earningsmodel.cpp
    earningsmodel.h
    earningstab.cpp
    earningstab.h
)
