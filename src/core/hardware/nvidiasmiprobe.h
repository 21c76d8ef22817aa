#pragma once

#include "processprobe.h"

namespace coderai {

/// \brief NVIDIA GPUs through `nvidia-smi --query-gpu … --format=csv,noheader,nounits`: the
/// fallback where NVML cannot be opened from here but the tool works (another library path,
/// containers that only ship the tool).
class NvidiaSmiProbe final : public ProcessProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(NvidiaSmiProbe)

public:
    explicit NvidiaSmiProbe(const QString &program = QStringLiteral("nvidia-smi"), QObject *parent = nullptr);
    ~NvidiaSmiProbe() override;

    QString name() const override;

    /// The exact arguments passed to the tool.
    static QStringList queryArguments();
    /// Parses the CSV the query prints: one GPU per line; "[N/A]", "[Not Supported]" and blank
    /// fields are omitted; any line that is not a GPU (an error text) becomes a diagnostic.
    static ProbeResult parse(const QByteArray &csv);

protected:
    QStringList arguments() const override;
    ProbeResult interpret(int exitCode, const QByteArray &standardOutput,
                          const QByteArray &standardError) const override;
};

} // namespace coderai
