#include "gpunotes.h"

#include <QLabel>
#include <QRegularExpression>

#include <algorithm>
#include <optional>

namespace coderai {
namespace {

using namespace Qt::StringLiterals;

/// The problems the probes are known to report (src/core/hardware), most specific first.
enum class Problem {
    PermissionDenied,
    VersionMismatch,
    DriverNotLoaded,
    NoNvidiaDriver,
    DriverTooOld,
    NvidiaSmiMissing,
    GpuLost,
    Mig,
    Hung,
    ToolCrashed,
    ToolNotStarting,
    RocmUnreadable,
    AmdNoMemorySize,
};

struct Match
{
    Problem problem;
    QString subject; ///< the GPU or tool the sentence names, when it names one
};

bool has(const QString &line, QStringView text)
{
    return line.contains(text, Qt::CaseInsensitive);
}

/// The probe a line comes from: "NVML", "nvidia-smi", "rocm-smi", "amd-sysfs", …
QString probeOf(const QString &line)
{
    const qsizetype colon = line.indexOf(u':');
    return colon > 0 ? line.left(colon) : QString();
}

QString captured(const QString &line, const QRegularExpression &pattern)
{
    return pattern.match(line).captured(1);
}

std::optional<Match> classify(const QString &line)
{
    static const QRegularExpression gpuNumber(u"\\bGPU (\\d+)"_s);
    static const QRegularExpression cardNumber(u"\\bcard(\\d+)"_s);
    // Causes first: they show up inside the messages of every probe (NVML's hints, dlerror(),
    // nvidia-smi's own complaints).
    if (has(line, u"permission denied") || has(line, u"insufficient permissions") || has(line, u"no permission"))
        return Match {Problem::PermissionDenied, {}};
    if (has(line, u"version mismatch") || has(line, u"versions differ"))
        return Match {Problem::VersionMismatch, {}};
    if (has(line, u"driver is not loaded") || has(line, u"couldn't communicate with the NVIDIA driver")
        || has(line, u"driver not loaded"))
        return Match {Problem::DriverNotLoaded, {}};
    if (line.startsWith(u"NVML: ") && has(line, u"could not be loaded"))
        return Match {Problem::NoNvidiaDriver, {}};
    if (line.startsWith(u"NVML: ") && has(line, u"driver too old"))
        return Match {Problem::DriverTooOld, {}};
    if (line.startsWith(u"nvidia-smi: not installed"))
        return Match {Problem::NvidiaSmiMissing, {}};
    if (has(line, u"fallen off the bus"))
        return Match {Problem::GpuLost, captured(line, gpuNumber)};
    if (has(line, u"has MIG enabled"))
        return Match {Problem::Mig, captured(line, gpuNumber)};
    if (has(line, u"no answer within") || has(line, u"still running from the previous refresh"))
        return Match {Problem::Hung, probeOf(line)};
    if (line.endsWith(u": crashed"))
        return Match {Problem::ToolCrashed, probeOf(line)};
    if (has(line, u": cannot start "))
        return Match {Problem::ToolNotStarting, probeOf(line)};
    if (line.startsWith(u"rocm-smi: unreadable output"))
        return Match {Problem::RocmUnreadable, {}};
    if (line.startsWith(u"amd-sysfs: ") && has(line, u"reports no VRAM size"))
        return Match {Problem::AmdNoMemorySize, captured(line, cardNumber)};
    return std::nullopt;
}

QString sentence(const Match &match)
{
    switch (match.problem) {
    case Problem::PermissionDenied:
        return GpuNotes::tr("This user may not read the GPU (permission denied). Add the user to the group "
                            "that owns the GPU devices, usually \"video\" or \"render\", then log out and in again.");
    case Problem::VersionMismatch:
        return GpuNotes::tr("The NVIDIA driver was updated, but the old one is still running. Restart the "
                            "computer.");
    case Problem::DriverNotLoaded:
        return GpuNotes::tr("The NVIDIA driver is installed but not running. Restart the computer; if that does "
                            "not help, check that Secure Boot lets the driver load.");
    case Problem::NoNvidiaDriver:
        return GpuNotes::tr("No NVIDIA driver is installed, so NVIDIA GPUs cannot be seen. If this computer has "
                            "one, install the NVIDIA driver.");
    case Problem::DriverTooOld:
        return GpuNotes::tr("The NVIDIA driver is too old to report the GPUs. Update the driver.");
    case Problem::NvidiaSmiMissing:
        return GpuNotes::tr("nvidia-smi, which comes with the NVIDIA driver, is not installed.");
    case Problem::GpuLost:
        return GpuNotes::tr("GPU %1 stopped responding. Restart the computer to bring it back.").arg(match.subject);
    case Problem::Mig:
        return GpuNotes::tr("GPU %1 is split into MIG instances: its utilization is not shown, and its memory "
                            "is that of all instances together.")
            .arg(match.subject);
    case Problem::Hung:
        return GpuNotes::tr("%1 did not answer in time: a GPU or its driver may be stuck.").arg(match.subject);
    case Problem::ToolCrashed:
        return GpuNotes::tr("%1 crashed while reading the GPUs.").arg(match.subject);
    case Problem::ToolNotStarting:
        return GpuNotes::tr("%1 is installed but cannot be started.").arg(match.subject);
    case Problem::RocmUnreadable:
        return GpuNotes::tr("rocm-smi (AMD ROCm) gave an answer this app cannot read, so some AMD GPU figures "
                            "are missing.");
    case Problem::AmdNoMemorySize:
        return GpuNotes::tr("AMD card %1 does not report its memory size. Check that it uses the amdgpu "
                            "driver.")
            .arg(match.subject);
    }
    return {};
}

} // namespace

QList<GpuNotes::Note> GpuNotes::describe(const QStringList &diagnostics)
{
    QList<Note> notes;
    QList<std::optional<Problem>> problems; // beside notes, one each
    for (const QString &line : diagnostics) {
        if (line.trimmed().isEmpty())
            continue;
        const std::optional<Match> match = classify(line);
        const QString text = match ? sentence(*match) : breakablePaths(line);
        const auto same = std::find_if(notes.begin(), notes.end(), [&text](const Note &note) { return note.text == text; });
        if (same != notes.end()) {
            same->raw << line;
            continue;
        }
        notes << Note {text, {line}};
        problems << (match ? std::optional(match->problem) : std::nullopt);
    }
    // Without the driver there is no nvidia-smi either: one problem, one note.
    const qsizetype driver = problems.indexOf(Problem::NoNvidiaDriver);
    const qsizetype smi = problems.indexOf(Problem::NvidiaSmiMissing);
    if (driver >= 0 && smi >= 0) {
        notes[driver].raw << notes[smi].raw;
        notes.removeAt(smi);
    }
    return notes;
}

QString GpuNotes::breakablePaths(QString text)
{
    // U+200B ZERO WIDTH SPACE: invisible, but a place where a line may break.
    return text.replace(u'/', u"/\u200b"_s);
}

void GpuNotes::show(QLabel *label, const QStringList &diagnostics)
{
    QStringList texts;
    QStringList raw;
    for (const Note &note : describe(diagnostics)) {
        texts << note.text;
        raw << note.raw;
    }
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setText(texts.join(u'\n'));
    // The exact words of the driver and the tools, for a search or a bug report.
    label->setToolTip(raw.join(u'\n'));
    label->setVisible(!texts.isEmpty());
}

} // namespace coderai
