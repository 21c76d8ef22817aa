#pragma once

#include "hardware/hardwaresnapshot.h"
#include "policy/gpusharingrule.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace coderai {

/// \brief Tells the local model server's own GPU processes from everyone else's.
///
/// The server's processes are those holding the socket that listens on the local URL's port
/// (/proc/net/tcp and tcp6, then /proc/<pid>/fd). Where that finds nothing (a server in
/// another user's name, a container, a remote URL) the configured process names decide.
class LocalServerProcesses final
{
public:
    explicit LocalServerProcesses(const QUrl &localUrl = {}, const QStringList &fallbackNames = {},
                                  const QString &procRoot = QStringLiteral("/proc"));

    /// The GPU processes in \a snapshot that are not the local server, each with its name.
    QList<GpuProcess> foreign(const HardwareSnapshot &snapshot);

    /// The processes listening on TCP \a port (any address), read from \a procRoot.
    static QList<qint64> listeningPids(quint16 port, const QString &procRoot);
    /// /proc/<pid>/comm: the executable's name, or empty.
    static QString processName(qint64 pid, const QString &procRoot);

private:
    QUrl m_localUrl;
    QStringList m_fallbackNames;
    QString m_procRoot;
    QList<qint64> m_ownPids;
};

} // namespace coderai
