#pragma once

#include "processprobe.h"

#include <optional>

namespace coderai {

/// \brief Marketing names of AMD GPUs from `rocm-smi --json`, where ROCm is installed: sysfs
/// often has no product_name. Names do not change, so the tool (a slow Python script) runs once
/// and its answer is kept; it reports names and PCI addresses only, the rest comes from sysfs.
class RocmSmiProbe final : public ProcessProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(RocmSmiProbe)

public:
    explicit RocmSmiProbe(const QString &program = QStringLiteral("rocm-smi"), QObject *parent = nullptr);
    ~RocmSmiProbe() override;

    QString name() const override;
    void probe() override;

    static QStringList queryArguments();
    /// Parses the JSON the query prints (warnings before it are skipped).
    static ProbeResult parse(const QByteArray &output);

protected:
    QStringList arguments() const override;
    ProbeResult interpret(int exitCode, const QByteArray &standardOutput,
                          const QByteArray &standardError) const override;
    QString missingMessage() const override;

private:
    std::optional<ProbeResult> m_answer;
};

} // namespace coderai
