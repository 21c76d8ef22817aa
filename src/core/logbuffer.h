#pragma once

#include <QDateTime>
#include <QList>
#include <QMutex>
#include <QObject>
#include <QString>

#include <atomic>
#include <deque>

namespace coderai {

/// \brief One log line as the seller sees it in the Logs window: already scrubbed of secrets.
struct LogLine
{
    /// The four levels a seller filters by; Qt's critical and fatal are both "error".
    enum class Level { Debug, Info, Warning, Error };

    qint64 sequence = 0; ///< 0, 1, 2… in the order lines arrived; never reused
    QDateTime time;
    Level level = Level::Info;
    QString category;
    QString message;

    static Level levelOf(QtMsgType type);
    /// "debug", "info", "warning", "error": the English word, as in the printed log.
    static QString levelName(Level level);
    /// The line as the printed log writes it: "2026-05-01T10:00:00.123 warning coderai.broker: text".
    QString toText() const;
};

/// \brief The last few thousand log lines of this process, for the Logs window and diagnostics.
///
/// Bounded both by line count and by bytes, so a burst of long lines cannot grow it without
/// limit. append() is thread-safe (the hardware probes log from their own threads);
/// linesAppended() is emitted on the buffer's thread, once per burst rather than once per line.
/// captureScrubbedLines() feeds it from redact's message handler, so it holds exactly what was
/// printed after scrubbing and never a registered secret.
class LogBuffer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(LogBuffer)

public:
    struct Limits
    {
        int maxLines = 5000;
        qint64 maxBytes = 4 * 1024 * 1024;
        /// Longer messages are cut: one runaway line must not push out all the others.
        int maxMessageChars = 16 * 1024;
    };

    /// A slice of the buffer: the lines after a sequence number, and the oldest one still kept.
    struct Slice
    {
        qint64 firstKept = 0; ///< lines before this were dropped to stay within the limits
        QList<LogLine> lines;
    };

    explicit LogBuffer(QObject *parent = nullptr);
    explicit LogBuffer(const Limits &limits, QObject *parent = nullptr);
    /// Stops capturing first, so no other thread can still be appending.
    ~LogBuffer() override;

    /// Receives every line redact's scrubbing handler prints (see redact::setLineSink()); the
    /// app installs that handler at start. One buffer captures at a time: the last call wins.
    void captureScrubbedLines();
    void stopCapturing();

    /// Thread-safe. \a message must already be scrubbed (the capture hook passes it so).
    void append(QtMsgType type, const QString &category, const QString &message);

    /// The lines with a sequence number of \a fromSequence or more (all of them with 0).
    Slice since(qint64 fromSequence) const;
    /// The last \a count lines at \a minimum level or above, oldest first (diagnostics' "last errors").
    QList<LogLine> lastLines(int count, LogLine::Level minimum) const;
    int lineCount() const;
    qint64 byteCount() const;

signals:
    /// New lines arrived; read them with since(). Coalesced: a burst gives one signal.
    void linesAppended();

private:
    static qint64 costOf(const LogLine &line);
    void notify();

    const Limits m_limits;
    mutable QMutex m_mutex;
    std::deque<LogLine> m_lines; ///< guarded by m_mutex
    qint64 m_nextSequence = 0;   ///< guarded by m_mutex
    qint64 m_bytes = 0;          ///< guarded by m_mutex
    std::atomic_bool m_notifyPending{false};
    bool m_capturing = false;
};

} // namespace coderai
