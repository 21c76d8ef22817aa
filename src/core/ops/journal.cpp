#include "ops/journal.h"

#include <QByteArray>

#ifdef Q_OS_UNIX
#include <sys/stat.h>
#include <unistd.h>
#endif

namespace coderai::journal {

bool stderrIsJournal()
{
#ifdef Q_OS_UNIX
    // "DEVICE:INODE" of the stream systemd connected; a child started with stderr redirected
    // elsewhere inherits the variable, hence the comparison with what stderr really is.
    const QByteArray stream = qgetenv("JOURNAL_STREAM");
    const qsizetype colon = stream.indexOf(':');
    if (colon <= 0)
        return false;
    bool deviceOk = false;
    bool inodeOk = false;
    const qulonglong device = stream.left(colon).toULongLong(&deviceOk);
    const qulonglong inode = stream.mid(colon + 1).toULongLong(&inodeOk);
    struct stat info {};
    if (!deviceOk || !inodeOk || fstat(STDERR_FILENO, &info) != 0)
        return false;
    return qulonglong(info.st_dev) == device && qulonglong(info.st_ino) == inode;
#else
    return false;
#endif
}

QString messagePattern()
{
    // Priorities of sd-daemon.h: SD_DEBUG 7, SD_INFO 6, SD_WARNING 4, SD_ERR 3, SD_CRIT 2.
    return QStringLiteral("%{if-debug}<7>%{endif}%{if-info}<6>%{endif}%{if-warning}<4>%{endif}"
                          "%{if-critical}<3>%{endif}%{if-fatal}<2>%{endif}%{category}: %{message}");
}

} // namespace coderai::journal
