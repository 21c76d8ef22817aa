// A stand-in for libnvidia-ml with canned answers for two GPUs, so the NVML probe runs its real
// QLibrary path on machines without an NVIDIA driver. Built in variants (see fakenvml.cmake):
//   FAKENVML_INIT_FAILS          nvmlInit_v2 answers NVML_ERROR_DRIVER_NOT_LOADED
//   FAKENVML_NO_MEMORY_INFO      nvmlDeviceGetMemoryInfo is not exported (an old or odd library)
//   FAKENVML_INIT_DELAY_MS=n     nvmlInit_v2 takes n ms (a wedged driver)
//   FAKENVML_GPU_LOST            the second GPU has fallen off the bus
// Tests set a GPU's temperature and its running processes through fakenvmlSetTemperature() and
// fakenvmlSetProcesses(), resolved from the same loaded library.
// Only the C ABI matters here; the declarations are written from NVML's public documentation.

#include <chrono>
#include <cstring>
#include <thread>

#if defined(_WIN32)
#define FAKENVML_EXPORT extern "C" __declspec(dllexport)
#else
#define FAKENVML_EXPORT extern "C" __attribute__((visibility("default")))
#endif

using nvmlReturn_t = int;
struct nvmlDevice_st;
using nvmlDevice_t = nvmlDevice_st *;

struct nvmlMemory_t
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

struct nvmlUtilization_t
{
    unsigned int gpu;
    unsigned int memory;
};

struct nvmlProcessInfo_t // the _v2/_v3 layout
{
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};

struct nvmlPciInfo_t
{
    char busIdLegacy[16];
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubSystemId;
    char busId[32];
};

namespace {

constexpr nvmlReturn_t success = 0;
constexpr nvmlReturn_t uninitialized = 1;
constexpr nvmlReturn_t invalidArgument = 2;
constexpr nvmlReturn_t notSupported = 3;
constexpr nvmlReturn_t insufficientSize = 7;
constexpr nvmlReturn_t driverNotLoaded = 9;
constexpr nvmlReturn_t gpuIsLost = 15;
constexpr unsigned long long mib = 1024ULL * 1024ULL;

struct FakeGpu
{
    const char *name;
    const char *uuid;
    const char *busId;
    unsigned int bus;
    unsigned long long totalMib;
    unsigned long long usedMib;
    int utilization; // -1: not supported
    unsigned int temperature;
    int powerMilliwatts; // -1: not supported
    unsigned int limitMilliwatts;
    unsigned int migMode; // 1: MIG enabled
};

// GPU 0: a plain RTX 4090. GPU 1: an A100 with MIG on, which has no whole-GPU utilization.
const FakeGpu gpus[] = {
    {"NVIDIA GeForce RTX 4090", "GPU-5f3c3d4e-8a1b-4c2d-9e0f-1a2b3c4d5e6f", "00000000:01:00.0", 0x01, 24564, 1234, 7,
     45, 35120, 450000, 0},
    {"NVIDIA A100-SXM4-80GB", "GPU-7a9e2c41-13d5-4b8f-a0c2-6e4d1f3b5a79", "00000000:41:00.0", 0x41, 81920, 37, -1, 31,
     61250, 400000, 1},
};
constexpr unsigned int gpuCount = sizeof(gpus) / sizeof(gpus[0]);

int initCount = 0;
// What the tests set: -1 keeps the canned temperature; compute processes per GPU.
int temperatureOverride[gpuCount] = {-1, -1};
constexpr unsigned int maxProcesses = 8;
unsigned int processIds[gpuCount][maxProcesses] = {};
unsigned int processCount[gpuCount] = {};
bool initialized = false;

const FakeGpu *gpuOf(nvmlDevice_t device)
{
    for (const FakeGpu &gpu : gpus) {
        if (reinterpret_cast<const void *>(&gpu) == reinterpret_cast<const void *>(device))
            return &gpu;
    }
    return nullptr;
}

nvmlReturn_t copyString(const char *text, char *buffer, unsigned int length)
{
    if (!buffer)
        return invalidArgument;
    if (std::strlen(text) + 1 > length)
        return insufficientSize;
    std::strcpy(buffer, text);
    return success;
}

} // namespace

// For the tests: how often nvmlInit_v2 succeeded, to see that the probe keeps NVML initialized.
FAKENVML_EXPORT int fakenvmlInitCount()
{
    return initCount;
}

FAKENVML_EXPORT void fakenvmlSetTemperature(unsigned int gpu, int celsius)
{
    if (gpu < gpuCount)
        temperatureOverride[gpu] = celsius;
}

FAKENVML_EXPORT void fakenvmlSetProcesses(unsigned int gpu, const unsigned int *pids, unsigned int count)
{
    if (gpu >= gpuCount || count > maxProcesses)
        return;
    std::memcpy(processIds[gpu], pids, count * sizeof(unsigned int));
    processCount[gpu] = count;
}

FAKENVML_EXPORT nvmlReturn_t nvmlInit_v2()
{
#if defined(FAKENVML_INIT_DELAY_MS)
    std::this_thread::sleep_for(std::chrono::milliseconds(FAKENVML_INIT_DELAY_MS));
#endif
#if defined(FAKENVML_INIT_FAILS)
    return driverNotLoaded;
#else
    initialized = true;
    ++initCount;
    return success;
#endif
}

FAKENVML_EXPORT nvmlReturn_t nvmlShutdown()
{
    if (!initialized)
        return uninitialized;
    initialized = false;
    return success;
}

FAKENVML_EXPORT const char *nvmlErrorString(nvmlReturn_t result)
{
    switch (result) {
    case success:
        return "Success";
    case uninitialized:
        return "Uninitialized";
    case invalidArgument:
        return "Invalid Argument";
    case notSupported:
        return "Not Supported";
    case driverNotLoaded:
        return "Driver Not Loaded";
    case gpuIsLost:
        return "GPU is lost";
    default:
        return "Unknown Error";
    }
}

FAKENVML_EXPORT nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length)
{
    return initialized ? copyString("550.54.15", version, length) : uninitialized;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count)
{
    if (!initialized)
        return uninitialized;
    *count = gpuCount;
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device)
{
    if (!initialized)
        return uninitialized;
    if (index >= gpuCount)
        return invalidArgument;
#if defined(FAKENVML_GPU_LOST)
    if (index == 1)
        return gpuIsLost;
#endif
    *device = reinterpret_cast<nvmlDevice_t>(const_cast<FakeGpu *>(&gpus[index]));
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length)
{
    const FakeGpu *gpu = gpuOf(device);
    return gpu ? copyString(gpu->name, name, length) : invalidArgument;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetUUID(nvmlDevice_t device, char *uuid, unsigned int length)
{
    const FakeGpu *gpu = gpuOf(device);
    return gpu ? copyString(gpu->uuid, uuid, length) : invalidArgument;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetPciInfo_v3(nvmlDevice_t device, nvmlPciInfo_t *pci)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !pci)
        return invalidArgument;
    std::memset(pci, 0, sizeof(*pci));
    std::strcpy(pci->busId, gpu->busId);
    std::strcpy(pci->busIdLegacy, gpu->busId + 4); // "0000:01:00.0"
    pci->bus = gpu->bus;
    return success;
}

#if !defined(FAKENVML_NO_MEMORY_INFO)
FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !memory)
        return invalidArgument;
    memory->total = gpu->totalMib * mib;
    memory->used = gpu->usedMib * mib;
    memory->free = memory->total - memory->used;
    return success;
}
#endif

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetUtilizationRates(nvmlDevice_t device, nvmlUtilization_t *utilization)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !utilization)
        return invalidArgument;
    if (gpu->utilization < 0)
        return notSupported;
    utilization->gpu = static_cast<unsigned int>(gpu->utilization);
    utilization->memory = 0;
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetTemperature(nvmlDevice_t device, unsigned int sensor,
                                                      unsigned int *temperature)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || sensor != 0 || !temperature)
        return invalidArgument;
    const int override = temperatureOverride[gpu - gpus];
    *temperature = override >= 0 ? static_cast<unsigned int>(override) : gpu->temperature;
    return success;
}

// Compute processes as the tests set them; graphics processes: none (the same code path).
FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetComputeRunningProcesses_v3(nvmlDevice_t device, unsigned int *count,
                                                                     nvmlProcessInfo_t *infos)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !count)
        return invalidArgument;
    const unsigned int index = static_cast<unsigned int>(gpu - gpus);
    const unsigned int available = processCount[index];
    if (*count < available || (!infos && available > 0)) {
        *count = available;
        return insufficientSize;
    }
    for (unsigned int i = 0; i < available; ++i)
        infos[i] = {processIds[index][i], 512 * mib, 0xffffffffu, 0xffffffffu};
    *count = available;
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetGraphicsRunningProcesses_v3(nvmlDevice_t device, unsigned int *count,
                                                                      nvmlProcessInfo_t *)
{
    if (!gpuOf(device) || !count)
        return invalidArgument;
    *count = 0;
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetPowerUsage(nvmlDevice_t device, unsigned int *power)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !power)
        return invalidArgument;
    if (gpu->powerMilliwatts < 0)
        return notSupported;
    *power = static_cast<unsigned int>(gpu->powerMilliwatts);
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetEnforcedPowerLimit(nvmlDevice_t device, unsigned int *limit)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !limit)
        return invalidArgument;
    *limit = gpu->limitMilliwatts;
    return success;
}

FAKENVML_EXPORT nvmlReturn_t nvmlDeviceGetMigMode(nvmlDevice_t device, unsigned int *current, unsigned int *pending)
{
    const FakeGpu *gpu = gpuOf(device);
    if (!gpu || !current || !pending)
        return invalidArgument;
    *current = gpu->migMode;
    *pending = gpu->migMode;
    return success;
}
