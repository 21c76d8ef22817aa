#pragma once

// The part of NVML's C ABI that NvmlLibrary calls, declared from NVIDIA's public documentation
// so that nothing at build time depends on CUDA or on the driver: the library is opened at run
// time, and a machine without it simply reports no NVIDIA GPU.

namespace coderai::nvml {

using Return = int; // nvmlReturn_t: a C enum, int-sized on every platform NVML ships for
using Device = struct DeviceOpaque *;

// nvmlReturn_t values the probe reacts to.
constexpr Return Success = 0;
constexpr Return ErrorNotSupported = 3;
constexpr Return ErrorInsufficientSize = 7;
constexpr Return ErrorNoPermission = 4;
constexpr Return ErrorDriverNotLoaded = 9;
constexpr Return ErrorLibRmVersionMismatch = 18;
constexpr Return ErrorGpuIsLost = 15;

constexpr unsigned TemperatureGpu = 0; // NVML_TEMPERATURE_GPU
constexpr unsigned MigEnabled = 1; // NVML_DEVICE_MIG_ENABLE

// Buffer sizes NVML documents as large enough (the _V2_ sizes, the newest ones).
constexpr unsigned NameBufferSize = 96;
constexpr unsigned UuidBufferSize = 96;
constexpr unsigned DriverVersionBufferSize = 80;

struct Memory // nvmlMemory_t, bytes
{
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
};

struct Utilization // nvmlUtilization_t, percent over the last sample period
{
    unsigned int gpu;
    unsigned int memory;
};

struct ProcessInfo // nvmlProcessInfo_t as filled by the _v3 (and _v2) process lists
{
    unsigned int pid;
    unsigned long long usedGpuMemory;
    unsigned int gpuInstanceId;
    unsigned int computeInstanceId;
};

struct PciInfo // nvmlPciInfo_t as filled by nvmlDeviceGetPciInfo_v3 (and _v2)
{
    char busIdLegacy[16];
    unsigned int domain;
    unsigned int bus;
    unsigned int device;
    unsigned int pciDeviceId;
    unsigned int pciSubSystemId;
    char busId[32];
};

// The C entry points.
using InitFn = Return (*)();
using ShutdownFn = Return (*)();
using ErrorStringFn = const char *(*)(Return);
using SystemGetDriverVersionFn = Return (*)(char *, unsigned int);
using DeviceGetCountFn = Return (*)(unsigned int *);
using DeviceGetHandleByIndexFn = Return (*)(unsigned int, Device *);
using DeviceGetStringFn = Return (*)(Device, char *, unsigned int); // name, UUID
using DeviceGetPciInfoFn = Return (*)(Device, PciInfo *);
using DeviceGetMemoryInfoFn = Return (*)(Device, Memory *);
using DeviceGetUtilizationRatesFn = Return (*)(Device, Utilization *);
using DeviceGetTemperatureFn = Return (*)(Device, unsigned int, unsigned int *);
using DeviceGetUIntFn = Return (*)(Device, unsigned int *); // power usage and limit, milliwatts
using DeviceGetProcessesFn = Return (*)(Device, unsigned int *, ProcessInfo *); // compute, graphics
using DeviceGetMigModeFn = Return (*)(Device, unsigned int *, unsigned int *);

/// \brief The resolved entry points. The first group is required; the rest may be missing
/// from older drivers and only leave their values unknown.
struct Api
{
    InitFn init = nullptr;
    ShutdownFn shutdown = nullptr;
    DeviceGetCountFn deviceGetCount = nullptr;
    DeviceGetHandleByIndexFn deviceGetHandleByIndex = nullptr;
    DeviceGetStringFn deviceGetName = nullptr;
    DeviceGetMemoryInfoFn deviceGetMemoryInfo = nullptr;

    ErrorStringFn errorString = nullptr;
    SystemGetDriverVersionFn systemGetDriverVersion = nullptr;
    DeviceGetStringFn deviceGetUuid = nullptr;
    DeviceGetPciInfoFn deviceGetPciInfo = nullptr;
    DeviceGetUtilizationRatesFn deviceGetUtilizationRates = nullptr;
    DeviceGetTemperatureFn deviceGetTemperature = nullptr;
    DeviceGetUIntFn deviceGetPowerUsage = nullptr;
    DeviceGetUIntFn deviceGetEnforcedPowerLimit = nullptr;
    DeviceGetMigModeFn deviceGetMigMode = nullptr;
    DeviceGetProcessesFn deviceGetComputeProcesses = nullptr;
    DeviceGetProcessesFn deviceGetGraphicsProcesses = nullptr;
};

} // namespace coderai::nvml
