# GPU and host inventory: one probe per source, a monitor that merges them, the --list-gpus table.
target_sources(coderai_core PRIVATE
    hardware/amdsysfsprobe.cpp hardware/amdsysfsprobe.h
    hardware/drmcards.cpp hardware/drmcards.h
    hardware/gpuinventory.cpp hardware/gpuinventory.h
    hardware/gpuprobe.cpp hardware/gpuprobe.h
    hardware/hardwaremonitor.cpp hardware/hardwaremonitor.h
    hardware/hardwaresnapshot.cpp hardware/hardwaresnapshot.h
    hardware/hardwaretable.cpp hardware/hardwaretable.h
    hardware/hostprobe.cpp hardware/hostprobe.h
    hardware/intelsysfsprobe.cpp hardware/intelsysfsprobe.h
    hardware/nvidiasmiprobe.cpp hardware/nvidiasmiprobe.h
    hardware/nvmlapi.h
    hardware/nvmllibrary.cpp hardware/nvmllibrary.h
    hardware/nvmlprobe.cpp hardware/nvmlprobe.h
    hardware/processprobe.cpp hardware/processprobe.h
    hardware/rocmsmiprobe.cpp hardware/rocmsmiprobe.h
    hardware/threadedprobe.cpp hardware/threadedprobe.h
)
