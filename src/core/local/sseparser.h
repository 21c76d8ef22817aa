#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace coderai {

/// \brief The fields of one server-sent event, as the SSE spec's dispatch step sees them.
struct SseEvent
{
    QByteArray event; ///< value of the last "event" field; empty means the default "message"
    QByteArray data; ///< every "data" line of the event, joined with '\n'
    QByteArray id; ///< value of the last "id" field (ignored when it holds a NUL, as the spec says)
    bool hasData = false; ///< at least one "data" line, even an empty one: the spec dispatches those
    bool commentOnly = false; ///< only ':' comment lines, e.g. a ": keep-alive" ping

    /// True for OpenAI's end-of-stream marker, "data: [DONE]".
    bool isDone() const;
};

/// \brief Splits a byte stream from a local server into complete server-sent events, verbatim.
///
/// Each event comes out exactly as the server sent it, terminating blank line included, because
/// it is relayed to the buyer unchanged (PROTOCOL.md §6). Lines may end in "\r\n", "\n" or "\r",
/// mixed at will. Blank lines that complete nothing (before the first event, or extra ones after
/// an event) are kept as the leading bytes of the next event, so the concatenation of everything
/// taken equals the input.
///
/// Use: after each read, feed() the bytes, then `while (hasEvent()) send(takeEvent());`. At end of
/// stream, takeRemainder() hands over what is left. Every byte is scanned once, however the
/// stream is cut into reads, and events are taken out of one growing buffer: no per-byte or
/// per-line allocation. (A QList-returning feed() was rejected: it would allocate a list per read
/// even though most reads carry exactly one event.)
///
/// One corner needs a guess: a blank line ending in '\r' as the last byte read may be half of
/// "\r\n". When the line before it ended in "\n" or "\r\n" the event is held until the next byte
/// shows which (servers that write "\r\n" almost never split it); when it ended in a lone '\r',
/// the server writes bare CRs and the event goes out at once rather than waiting for a byte that
/// may be seconds away. Only a stream that mixes a bare CR line with a CRLF blank line and is cut
/// exactly inside that CRLF sees its '\n' become the first byte of the next event instead.
///
/// A server may send an event that never ends. With setMaxEventBytes() the parser holds at most
/// that many bytes of one event (plus the read that crossed the line): an event that grows past
/// it, finished or not, is never returned, the parser reports overflowed() and ignores what
/// follows, and the caller ends the stream. Events completed before it are still taken.
class SseParser final
{
public:
    /// The longest event taken, leading and terminating blank lines included; 0 (the default)
    /// means no limit. Set it before the first feed().
    void setMaxEventBytes(qsizetype maxBytes);
    /// True once an event grew past the limit; feed() is a no-op from then on.
    bool overflowed() const;

    /// Appends bytes read from the stream. An empty view is a no-op.
    void feed(QByteArrayView data);

    /// True while a complete event waits in takeEvent().
    bool hasEvent() const;

    /// The oldest complete event (FIFO), with its terminating blank line; empty when none.
    QByteArray takeEvent();

    /// For end of stream: every byte not yet returned by takeEvent() (an unterminated last event,
    /// or one held for a possible '\n'), then the parser starts afresh. Empty when those bytes are
    /// only blank lines, which carry nothing. Drain takeEvent() first; queued events would be
    /// included here too rather than lost.
    QByteArray takeRemainder();

    /// Bytes held that takeEvent() has not returned yet, complete events included.
    qsizetype bufferedBytes() const;

    /// Parses one raw event (as takeEvent() returns it) into its fields. Accepts "field: value",
    /// "field:value", a field name alone, ':' comments and any of the line terminators.
    static SseEvent parse(QByteArrayView rawEvent);

private:
    enum class Terminator : quint8 { Lf, Cr, CrLf };

    void compact();
    void completeEvent(qsizetype end);
    /// Where the event being scanned begins: just past the last complete one.
    qsizetype eventStart() const;
    bool exceeds(qsizetype end) const;
    void reset();

    QByteArray m_buffer; // untaken bytes start at m_head
    QList<qsizetype> m_eventEnds; // buffer offsets just past each complete event, oldest first
    qsizetype m_nextEvent = 0; // index into m_eventEnds of the next event to take
    qsizetype m_head = 0;
    qsizetype m_scan = 0; // first byte not yet scanned
    qsizetype m_lineStart = 0; // first byte of the line being scanned
    Terminator m_lastTerminator = Terminator::Lf; // how the last resolved line ended
    bool m_afterCr = false; // the last byte scanned was a '\r' terminator: a '\n' next is its pair
    bool m_holding = false; // that '\r' ended a blank line completing an event not yet released
    bool m_eventHasContent = false; // the event being scanned has a non-blank line
    qsizetype m_maxEventBytes = 0; // 0: no limit
    bool m_overflowed = false;
};

} // namespace coderai
