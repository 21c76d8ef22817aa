#pragma once

#include "gpuprobe.h"

#include <QProcess>
#include <QTimer>

#include <chrono>

namespace coderai {

/// \brief A probe that runs a vendor tool (nvidia-smi, rocm-smi) asynchronously and parses its
/// output. A tool that is not installed costs no process start; one that does not answer within
/// timeout() is killed and reported.
class ProcessProbe : public GpuProbe
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProcessProbe)

public:
    explicit ProcessProbe(const QString &program, QObject *parent = nullptr);
    ~ProcessProbe() override;

    void probe() override;

    QString program() const;
    std::chrono::milliseconds timeout() const;
    void setTimeout(std::chrono::milliseconds timeout);

protected:
    virtual QStringList arguments() const = 0;
    /// Turns a completed run into a result; \a exitCode is that of a normal exit.
    virtual ProbeResult interpret(int exitCode, const QByteArray &standardOutput,
                                  const QByteArray &standardError) const = 0;
    /// What to report when the program is not installed; empty reports nothing (an optional tool).
    virtual QString missingMessage() const;

    /// The first non-empty line of a tool's complaint, for a diagnostic.
    static QString firstLine(const QByteArray &text);

private:
    void onFinished(int exitCode, QProcess::ExitStatus status);
    void onError(QProcess::ProcessError error);
    void onTimeout();
    void conclude(const ProbeResult &result);

    QString m_program;
    QProcess *m_process = nullptr;
    QTimer m_timer;
};

} // namespace coderai
