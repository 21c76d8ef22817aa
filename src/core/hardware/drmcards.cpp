#include "drmcards.h"

#include "hardwaresnapshot.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

#include <algorithm>

namespace coderai {
namespace {

QString pciAddressOf(const QString &deviceDir)
{
    // device is a link to the PCI function's folder, named by its address ("0000:03:00.0").
    static const QRegularExpression address(QStringLiteral("^[0-9a-fA-F]{4,8}:[0-9a-fA-F]{2}:[0-9a-fA-F]{2}\\.[0-7]$"));
    const QString linkName = QFileInfo(QFileInfo(deviceDir).canonicalFilePath()).fileName();
    if (address.match(linkName).hasMatch())
        return GpuInfo::normalizePciBusId(linkName);
    // Where the link is not there to read (copies of sysfs, some containers), uevent says it too.
    QFile uevent(deviceDir + QStringLiteral("/uevent"));
    if (uevent.open(QIODevice::ReadOnly)) {
        for (const QByteArray &line : uevent.readAll().split('\n')) {
            if (line.startsWith("PCI_SLOT_NAME="))
                return GpuInfo::normalizePciBusId(QString::fromLatin1(line.mid(14).trimmed()));
        }
    }
    return {};
}

} // namespace

QList<DrmCards::Card> DrmCards::list(const QString &root, const QString &vendorId)
{
    static const QRegularExpression cardName(QStringLiteral("^card(\\d+)$"));
    const QDir drm(QDir(root).filePath(QStringLiteral("sys/class/drm")));
    QList<Card> cards;
    for (const QString &entry : drm.entryList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::System)) {
        const QRegularExpressionMatch match = cardName.match(entry);
        if (!match.hasMatch())
            continue; // connectors (card0-DP-1), render nodes, version
        Card card;
        card.number = match.captured(1).toInt();
        card.deviceDir = drm.filePath(entry + QStringLiteral("/device"));
        card.vendorId = readText(card.deviceDir + QStringLiteral("/vendor")).toLower();
        if (card.vendorId.isEmpty() || (!vendorId.isEmpty() && card.vendorId != vendorId))
            continue;
        card.pciBusId = pciAddressOf(card.deviceDir);
        cards.append(card);
    }
    std::sort(cards.begin(), cards.end(), [](const Card &a, const Card &b) { return a.number < b.number; });
    return cards;
}

QString DrmCards::readText(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readLine(4096)).trimmed();
}

std::optional<qint64> DrmCards::readInteger(const QString &path)
{
    bool ok = false;
    const qint64 value = readText(path).toLongLong(&ok);
    return ok ? std::optional<qint64>(value) : std::nullopt;
}

QString DrmCards::hwmonDir(const QString &deviceDir)
{
    const QDir hwmon(deviceDir + QStringLiteral("/hwmon"));
    const QStringList entries
        = hwmon.entryList({QStringLiteral("hwmon*")}, QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name);
    return entries.isEmpty() ? QString() : hwmon.filePath(entries.first());
}

} // namespace coderai
