#include "rocmsmiprobe.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace coderai {
namespace {

/// A field by name, whatever its capitalization: ROCm 6 wrote "Card Series" where 5 wrote
/// "Card series".
QString field(const QJsonObject &card, QLatin1StringView key)
{
    for (auto it = card.begin(); it != card.end(); ++it) {
        if (it.key().compare(key, Qt::CaseInsensitive) == 0)
            return it.value().toString().trimmed();
    }
    return {};
}

QString productName(const QJsonObject &card)
{
    // "Navi 31 [Radeon RX 7900 XT/7900 XTX]": the bracket holds the name buyers know.
    static const QRegularExpression bracket(QStringLiteral("\\[([^\\]]+)\\]"));
    const QString series = field(card, QLatin1StringView("Card series"));
    const QRegularExpressionMatch match = bracket.match(series);
    return match.hasMatch() ? match.captured(1).trimmed() : series;
}

} // namespace

RocmSmiProbe::RocmSmiProbe(const QString &program, QObject *parent)
    : ProcessProbe(program, parent)
{
    connect(this, &GpuProbe::finished, this, [this](const QList<GpuInfo> &gpus, const QStringList &diagnostics) {
        m_answer = ProbeResult {gpus, diagnostics};
    });
}

RocmSmiProbe::~RocmSmiProbe() = default;

QString RocmSmiProbe::name() const
{
    return QStringLiteral("rocm-smi");
}

void RocmSmiProbe::probe()
{
    if (m_answer)
        finishLater(*m_answer);
    else
        ProcessProbe::probe();
}

QStringList RocmSmiProbe::queryArguments()
{
    // --showbus adds the PCI address, which is how these names find their sysfs devices.
    return {QStringLiteral("--showproductname"), QStringLiteral("--showmeminfo"), QStringLiteral("vram"),
            QStringLiteral("--showbus"), QStringLiteral("--json")};
}

ProbeResult RocmSmiProbe::parse(const QByteArray &output)
{
    ProbeResult result;
    const qsizetype start = output.indexOf('{');
    QJsonParseError error {};
    const QJsonDocument document = QJsonDocument::fromJson(start < 0 ? QByteArray() : output.mid(start), &error);
    if (!document.isObject()) {
        const QString complaint = firstLine(output);
        result.diagnostics.append(QStringLiteral("rocm-smi: unreadable output: %1")
                                      .arg(complaint.isEmpty() ? error.errorString() : complaint));
        return result;
    }
    static const QRegularExpression cardKey(QStringLiteral("^card(\\d+)$"));
    const QJsonObject cards = document.object();
    for (auto it = cards.begin(); it != cards.end(); ++it) {
        const QRegularExpressionMatch match = cardKey.match(it.key());
        if (!match.hasMatch())
            continue; // "system" and other summaries
        const QJsonObject card = it.value().toObject();
        GpuInfo gpu;
        gpu.index = match.captured(1).toInt();
        gpu.vendor = QStringLiteral("amd");
        gpu.name = productName(card);
        if (gpu.name.isEmpty())
            gpu.name = GpuInfo::genericName(gpu.vendor);
        gpu.pciBusId = GpuInfo::normalizePciBusId(field(card, QLatin1StringView("PCI Bus")));
        result.gpus.append(gpu);
    }
    return result;
}

QStringList RocmSmiProbe::arguments() const
{
    return queryArguments();
}

ProbeResult RocmSmiProbe::interpret(int exitCode, const QByteArray &standardOutput,
                                    const QByteArray &standardError) const
{
    if (exitCode != 0) {
        const QString complaint = firstLine(standardError.isEmpty() ? standardOutput : standardError);
        return {{}, {QStringLiteral("rocm-smi: exited with code %1: %2").arg(exitCode).arg(complaint)}};
    }
    return parse(standardOutput);
}

QString RocmSmiProbe::missingMessage() const
{
    return {}; // optional: sysfs already reports AMD GPUs without it
}

} // namespace coderai
