#pragma once

#include <QString>

namespace coderai::journal {

/// True when stderr is the systemd journal's stream ($JOURNAL_STREAM names its device and inode),
/// as for a service with StandardError=journal; false for a terminal, a pipe or a file.
bool stderrIsJournal();

/// A qSetMessagePattern() for the journal: each line starts with its syslog priority ("<4>"),
/// which journald strips and stores as the entry's priority; no time stamp (the journal keeps
/// its own) and no colours.
QString messagePattern();

} // namespace coderai::journal
