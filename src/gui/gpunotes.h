#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>
#include <QStringList>

class QLabel;

namespace coderai {

/// \brief The hardware probes' diagnostics as a seller reads them.
///
/// The probes write for a log: library paths, dlerror() text, NVML codes. Known problems (no
/// NVIDIA driver, permission denied, driver/library mismatch, nvidia-smi or ROCm missing or
/// failing, a hung or lost GPU) become one plain sentence each; several raw lines about the same
/// problem become one note. The raw lines stay with the note for a tooltip or a bug report.
class GpuNotes final
{
    Q_DECLARE_TR_FUNCTIONS(coderai::GpuNotes)

public:
    struct Note
    {
        QString text; ///< what the seller reads
        QStringList raw; ///< the probes' own lines behind it
        bool operator==(const Note &) const = default;
    };

    /// One note per problem, in the order the problems first appear.
    static QList<Note> describe(const QStringList &diagnostics);

    /// \a text with a break opportunity after each '/', so a path wraps between its parts
    /// instead of in the middle of a name.
    static QString breakablePaths(QString text);

    /// Shows the notes in \a label (the GPU tab's): the sentences, wrapped between words, with
    /// the probes' raw lines as its tooltip; hidden while there is nothing to say.
    static void show(QLabel *label, const QStringList &diagnostics);
};

} // namespace coderai
