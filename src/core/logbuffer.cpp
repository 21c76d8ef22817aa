#include "logbuffer.h"

#include "redact.h"

#include <QMetaObject>
#include <QMutexLocker>

namespace coderai {

LogLine::Level LogLine::levelOf(QtMsgType type)
{
    switch (type) {
    case QtDebugMsg:
        return Level::Debug;
    case QtInfoMsg:
        return Level::Info;
    case QtWarningMsg:
        return Level::Warning;
    case QtCriticalMsg:
    case QtFatalMsg:
        return Level::Error;
    }
    return Level::Info;
}

QString LogLine::levelName(Level level)
{
    switch (level) {
    case Level::Debug:
        return QStringLiteral("debug");
    case Level::Info:
        return QStringLiteral("info");
    case Level::Warning:
        return QStringLiteral("warning");
    case Level::Error:
        return QStringLiteral("error");
    }
    return {};
}

QString LogLine::toText() const
{
    return time.toString(QStringLiteral("yyyy-MM-ddThh:mm:ss.zzz")) + u' ' + levelName(level) + u' ' + category
        + QStringLiteral(": ") + message;
}

LogBuffer::LogBuffer(QObject *parent)
    : LogBuffer(Limits{}, parent)
{
}

LogBuffer::LogBuffer(const Limits &limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{
}

LogBuffer::~LogBuffer()
{
    stopCapturing();
}

void LogBuffer::captureScrubbedLines()
{
    redact::setLineSink([this](QtMsgType type, const QMessageLogContext &context, const QString &message) {
        append(type, context.category ? QString::fromLatin1(context.category) : QStringLiteral("default"), message);
    });
    m_capturing = true;
}

void LogBuffer::stopCapturing()
{
    if (!m_capturing)
        return;
    // Another buffer may have taken over the hook since; clearing it then would blind that one,
    // but one buffer per process is the design and tests capture one at a time.
    redact::setLineSink({});
    m_capturing = false;
}

qint64 LogBuffer::costOf(const LogLine &line)
{
    // The text's own bytes plus a rough fixed share for the QDateTime, the strings' headers and
    // the deque node: enough to keep the bound honest, no need to be exact.
    constexpr qint64 kOverhead = 96;
    return qint64(line.message.size() + line.category.size()) * qint64(sizeof(QChar)) + kOverhead;
}

void LogBuffer::append(QtMsgType type, const QString &category, const QString &message)
{
    LogLine line;
    line.time = QDateTime::currentDateTime();
    line.level = LogLine::levelOf(type);
    line.category = category;
    line.message = message.size() > m_limits.maxMessageChars
        ? message.left(m_limits.maxMessageChars) + QStringLiteral(" […]")
        : message;
    const qint64 cost = costOf(line);
    {
        QMutexLocker lock(&m_mutex);
        line.sequence = m_nextSequence++;
        m_lines.push_back(std::move(line));
        m_bytes += cost;
        while (!m_lines.empty()
               && (int(m_lines.size()) > m_limits.maxLines || (m_bytes > m_limits.maxBytes && m_lines.size() > 1))) {
            m_bytes -= costOf(m_lines.front());
            m_lines.pop_front();
        }
    }
    notify();
}

void LogBuffer::notify()
{
    // One queued call at a time: lines arriving before the buffer's thread gets to it ride along.
    if (m_notifyPending.exchange(true))
        return;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_notifyPending = false; // before emitting, so a line appended by a receiver is not missed
            emit linesAppended();
        },
        Qt::QueuedConnection);
}

LogBuffer::Slice LogBuffer::since(qint64 fromSequence) const
{
    QMutexLocker lock(&m_mutex);
    Slice slice;
    slice.firstKept = m_lines.empty() ? m_nextSequence : m_lines.front().sequence;
    const qint64 skip = std::max<qint64>(0, fromSequence - slice.firstKept);
    if (skip >= qint64(m_lines.size()))
        return slice;
    slice.lines.reserve(qsizetype(m_lines.size()) - skip);
    for (auto it = m_lines.begin() + skip; it != m_lines.end(); ++it)
        slice.lines.append(*it);
    return slice;
}

QList<LogLine> LogBuffer::lastLines(int count, LogLine::Level minimum) const
{
    QMutexLocker lock(&m_mutex);
    QList<LogLine> found;
    for (auto it = m_lines.rbegin(); it != m_lines.rend() && found.size() < count; ++it) {
        if (it->level >= minimum)
            found.prepend(*it);
    }
    return found;
}

int LogBuffer::lineCount() const
{
    QMutexLocker lock(&m_mutex);
    return int(m_lines.size());
}

qint64 LogBuffer::byteCount() const
{
    QMutexLocker lock(&m_mutex);
    return m_bytes;
}

} // namespace coderai
