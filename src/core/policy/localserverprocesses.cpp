#include "localserverprocesses.h"

#include <QDir>
#include <QFile>
#include <QSet>

#include <unistd.h>

namespace coderai {

namespace {

/// The inodes of sockets listening on \a port in one /proc/net/tcp-style table.
QSet<QByteArray> listeningInodes(const QString &table, quint16 port)
{
    QSet<QByteArray> inodes;
    QFile file(table);
    if (!file.open(QIODevice::ReadOnly))
        return inodes;
    file.readLine(); // the header
    while (!file.atEnd()) {
        const QList<QByteArray> fields = file.readLine().simplified().split(' ');
        // sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
        if (fields.size() < 10 || fields[3] != "0A") // 0A: LISTEN
            continue;
        const QByteArray local = fields[1];
        bool ok = false;
        const uint localPort = local.mid(local.lastIndexOf(':') + 1).toUInt(&ok, 16);
        if (ok && localPort == port)
            inodes.insert(fields[9]);
    }
    return inodes;
}

} // namespace

LocalServerProcesses::LocalServerProcesses(const QUrl &localUrl, const QStringList &fallbackNames,
                                           const QString &procRoot)
    : m_localUrl(localUrl)
    , m_fallbackNames(fallbackNames)
    , m_procRoot(procRoot)
{
}

QList<qint64> LocalServerProcesses::listeningPids(quint16 port, const QString &procRoot)
{
    QSet<QByteArray> inodes = listeningInodes(procRoot + QStringLiteral("/net/tcp"), port);
    inodes.unite(listeningInodes(procRoot + QStringLiteral("/net/tcp6"), port));
    QList<qint64> pids;
    if (inodes.isEmpty())
        return pids;
    const QStringList processes = QDir(procRoot).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : processes) {
        bool isPid = false;
        const qint64 pid = entry.toLongLong(&isPid);
        if (!isPid)
            continue;
        const QString fdDir = procRoot + QLatin1Char('/') + entry + QStringLiteral("/fd");
        // Other users' fd folders are unreadable: their servers fall back to the names.
        const QStringList fds = QDir(fdDir).entryList(QDir::Files | QDir::System | QDir::NoDotAndDotDot);
        for (const QString &fd : fds) {
            char target[64];
            const QByteArray path = QFile::encodeName(fdDir + QLatin1Char('/') + fd);
            const ssize_t length = ::readlink(path.constData(), target, sizeof(target) - 1);
            if (length <= 9)
                continue;
            const QByteArray link(target, int(length));
            if (link.startsWith("socket:[") && inodes.contains(link.mid(8, link.size() - 9))) {
                pids << pid;
                break;
            }
        }
    }
    return pids;
}

QString LocalServerProcesses::processName(qint64 pid, const QString &procRoot)
{
    QFile comm(procRoot + QStringLiteral("/%1/comm").arg(pid));
    if (!comm.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(comm.readAll().trimmed());
}

QList<GpuProcess> LocalServerProcesses::foreign(const HardwareSnapshot &snapshot)
{
    QList<GpuProcess> all;
    bool unknownPid = false;
    for (const GpuInfo &gpu : snapshot.gpus) {
        for (const qint64 pid : gpu.processIds.value_or(QList<qint64>{})) {
            all.append({gpu.index, pid, processName(pid, m_procRoot)});
            unknownPid = unknownPid || !m_ownPids.contains(pid);
        }
    }
    // Scanning every process's descriptors costs something: only when a PID is new (the
    // server may have restarted under another one).
    const bool local = m_localUrl.host() == QLatin1String("localhost") || m_localUrl.host().startsWith(QLatin1String("127."))
        || m_localUrl.host() == QLatin1String("::1") || m_localUrl.host() == QLatin1String("0.0.0.0");
    if (unknownPid && local && m_localUrl.port() > 0)
        m_ownPids = listeningPids(quint16(m_localUrl.port()), m_procRoot);
    return foreignGpuProcesses(all, m_ownPids, m_fallbackNames);
}

} // namespace coderai
