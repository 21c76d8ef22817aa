#pragma once

#include "hardwaresnapshot.h"

#include <QObject>

namespace coderai {

/// \brief What one probe run saw: its GPUs and, when it saw less than it should, why.
struct ProbeResult
{
    QList<GpuInfo> gpus;
    QStringList diagnostics;
};

/// \brief One source of GPU facts (NVML, nvidia-smi, sysfs, …). probe() starts a reading and
/// returns at once; finished() follows exactly once per probe() call, never from inside it, so
/// no source can block the event loop or re-enter its caller.
class GpuProbe : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GpuProbe)

public:
    explicit GpuProbe(QObject *parent = nullptr);
    ~GpuProbe() override;

    /// Short and stable ("nvml", "nvidia-smi"): used in logs and to name a fallback's primary.
    virtual QString name() const = 0;
    virtual void probe() = 0;

    /// The name of the probe this one stands in for: it only runs when that one failed.
    QString fallbackFor() const;
    void setFallbackFor(const QString &primaryName);

signals:
    void finished(const QList<coderai::GpuInfo> &gpus, const QStringList &diagnostics);

protected:
    /// Emits finished() on the next event loop turn: for answers known before any work starts.
    void finishLater(const ProbeResult &result);

private:
    QString m_fallbackFor;
};

} // namespace coderai
