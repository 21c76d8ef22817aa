#include "local/sseparser.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace coderai {
namespace {

// The first '\r' or '\n' in [from, to), or nullptr. Two memchr passes beat a byte loop: both are
// vectorised, and the '\r' pass only covers the line itself.
const char *findTerminator(const char *from, const char *to)
{
    const auto *lf = static_cast<const char *>(std::memchr(from, '\n', size_t(to - from)));
    const char *lineEnd = lf ? lf : to;
    const auto *cr = static_cast<const char *>(std::memchr(from, '\r', size_t(lineEnd - from)));
    return cr ? cr : lf;
}

} // namespace

bool SseEvent::isDone() const
{
    return data == QByteArrayView("[DONE]");
}

void SseParser::setMaxEventBytes(qsizetype maxBytes)
{
    m_maxEventBytes = std::max<qsizetype>(maxBytes, 0);
}

bool SseParser::overflowed() const
{
    return m_overflowed;
}

void SseParser::feed(QByteArrayView data)
{
    if (data.isEmpty() || m_overflowed)
        return;
    compact();
    m_buffer.append(data.data(), data.size());

    const char *const begin = m_buffer.constData();
    const qsizetype size = m_buffer.size();
    qsizetype i = m_scan;

    if (m_afterCr) {
        // The previous read ended in '\r'; this byte says whether it was half of "\r\n".
        m_afterCr = false;
        if (begin[i] == '\n') {
            ++i;
            m_lineStart = i;
            m_lastTerminator = Terminator::CrLf;
        } else {
            m_lastTerminator = Terminator::Cr;
        }
        if (m_holding) {
            m_holding = false;
            completeEvent(i);
            if (m_overflowed)
                return;
        }
    }

    while (i < size) {
        const char *hit = findTerminator(begin + i, begin + size);
        if (!hit) {
            i = size;
            break;
        }
        const qsizetype at = hit - begin;
        const bool blank = at == m_lineStart;
        qsizetype next = at + 1;
        if (*hit == '\r') {
            if (next == size) {
                m_afterCr = true;
                m_lineStart = next;
                i = next;
                if (!blank) {
                    m_eventHasContent = true;
                } else if (m_eventHasContent) {
                    // See the class comment: only a server that writes bare CRs goes out at once.
                    if (m_lastTerminator == Terminator::Cr)
                        completeEvent(next);
                    else
                        m_holding = true;
                }
                break;
            }
            if (begin[next] == '\n') {
                ++next;
                m_lastTerminator = Terminator::CrLf;
            } else {
                m_lastTerminator = Terminator::Cr;
            }
        } else {
            m_lastTerminator = Terminator::Lf;
        }
        m_lineStart = next;
        i = next;
        if (!blank)
            m_eventHasContent = true;
        else if (m_eventHasContent)
            completeEvent(next);
        if (m_overflowed)
            break;
    }
    m_scan = i;
    // An event still open is checked once per read, not per line: linear whatever the splits.
    if (exceeds(size))
        m_overflowed = true;
}

bool SseParser::hasEvent() const
{
    return m_nextEvent < m_eventEnds.size();
}

QByteArray SseParser::takeEvent()
{
    if (!hasEvent())
        return {};
    const qsizetype end = m_eventEnds.at(m_nextEvent++);
    QByteArray event;
    // The usual case is one read carrying one event: hand the buffer over instead of copying it,
    // unless it grew for an earlier large event and would drag that capacity along.
    if (m_head == 0 && end == m_buffer.size() && m_buffer.capacity() <= 2 * end + 256) {
        event = std::exchange(m_buffer, QByteArray());
    } else {
        event = m_buffer.sliced(m_head, end - m_head);
        m_head = end;
    }
    if (m_nextEvent == m_eventEnds.size()) {
        m_eventEnds.clear(); // keeps its capacity
        m_nextEvent = 0;
    }
    if (m_head == m_buffer.size()) {
        // Nothing partial left: restart at offset 0 and keep the capacity for the next read.
        m_buffer.resize(0);
        m_head = m_scan = m_lineStart = 0;
    }
    return event;
}

QByteArray SseParser::takeRemainder()
{
    if (m_overflowed) {
        reset();
        return {}; // nothing of an event over the limit is handed out
    }
    const bool partialLine = m_lineStart < m_buffer.size();
    QByteArray rest;
    if (hasEvent() || m_holding || m_eventHasContent || partialLine)
        rest = m_head == 0 ? std::move(m_buffer) : m_buffer.sliced(m_head);
    reset();
    return rest;
}

qsizetype SseParser::bufferedBytes() const
{
    return m_buffer.size() - m_head;
}

SseEvent SseParser::parse(QByteArrayView rawEvent)
{
    SseEvent out;
    // The spec strips a UTF-8 byte order mark at the start of the stream; it can only show up
    // at the start of the first event.
    if (rawEvent.startsWith("\xEF\xBB\xBF"))
        rawEvent = rawEvent.sliced(3);

    bool sawField = false;
    bool sawComment = false;
    const char *p = rawEvent.data();
    const char *const end = p + rawEvent.size();
    while (p < end) {
        const char *eol = findTerminator(p, end);
        if (!eol)
            eol = end;
        const QByteArrayView line(p, eol - p);
        p = eol;
        if (p < end)
            p += (*p == '\r' && p + 1 < end && p[1] == '\n') ? 2 : 1;

        if (line.isEmpty())
            continue;
        if (line.front() == ':') {
            sawComment = true;
            continue;
        }
        sawField = true;
        const qsizetype colon = line.indexOf(':');
        const QByteArrayView name = colon < 0 ? line : line.first(colon);
        QByteArrayView value = colon < 0 ? QByteArrayView() : line.sliced(colon + 1);
        if (value.startsWith(' '))
            value = value.sliced(1);

        if (name == QByteArrayView("data")) {
            if (out.hasData)
                out.data.append('\n');
            out.data.append(value);
            out.hasData = true;
        } else if (name == QByteArrayView("event")) {
            out.event = value.toByteArray();
        } else if (name == QByteArrayView("id")) {
            if (!value.contains('\0'))
                out.id = value.toByteArray();
        }
        // "retry" and unknown fields are ignored, as the spec says.
    }
    out.commentOnly = sawComment && !sawField;
    return out;
}

void SseParser::compact()
{
    // Drop bytes already taken before appending, so the buffer holds at most one partial event
    // plus what the caller has not taken. Offsets shift by the same amount.
    if (m_head == 0)
        return;
    m_buffer.remove(0, m_head);
    m_eventEnds.remove(0, m_nextEvent);
    m_nextEvent = 0;
    for (qsizetype &end : m_eventEnds)
        end -= m_head;
    m_scan -= m_head;
    m_lineStart -= m_head;
    m_head = 0;
}

void SseParser::completeEvent(qsizetype end)
{
    if (exceeds(end)) {
        m_overflowed = true;
        return;
    }
    m_eventEnds.append(end);
    m_eventHasContent = false;
}

qsizetype SseParser::eventStart() const
{
    // Taken events stay listed until the last one is taken; then the list is empty and m_head
    // marks the first untaken byte.
    return m_eventEnds.isEmpty() ? m_head : m_eventEnds.constLast();
}

bool SseParser::exceeds(qsizetype end) const
{
    return m_maxEventBytes > 0 && end - eventStart() > m_maxEventBytes;
}

void SseParser::reset()
{
    const qsizetype maxEventBytes = m_maxEventBytes;
    *this = SseParser();
    m_maxEventBytes = maxEventBytes; // a setting, not state
}

} // namespace coderai
