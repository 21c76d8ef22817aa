// SseParser (src/core/local/sseparser.h) against a reference splitter written here from the
// rules its header states: an event ends with a blank line, lines end in CR, LF or CRLF, blank
// lines that complete nothing lead the next event, and everything taken plus the remainder is
// the input. The input is fed in one read, byte by byte and in pseudo-random reads; every run
// must give the reference's events. The one documented exception (a bare-CR stream whose
// CRLF blank line is cut between its CR and LF) is modelled in the reference, not ignored.
// Each event also goes through SseParser::parse(), which must not fail on any bytes.
#include "fuzzsupport.h"

#include "local/sseparser.h"

#include <QSet>

using namespace coderai;

namespace {


/// The events the parser should hand out for `input` read in pieces ending at `ends`, the
/// remainder (if it carries anything) as the last element.
QList<QByteArray> reference(QByteArrayView input, const QList<qsizetype> &ends)
{
    const QSet<qsizetype> readEnds(ends.cbegin(), ends.cend());
    enum class Term { Lf, Cr, CrLf };
    QList<QByteArray> events;
    const qsizetype n = input.size();
    qsizetype eventStart = 0;
    qsizetype lineStart = 0;
    bool hasContent = false;
    Term last = Term::Lf;
    qsizetype i = 0;
    while (i < n) {
        const char c = input[i];
        if (c != '\r' && c != '\n') {
            ++i;
            continue;
        }
        const bool blank = i == lineStart;
        qsizetype next = i + 1;
        Term term = c == '\n' ? Term::Lf : Term::Cr;
        qsizetype eventEnd = next;
        if (c == '\r' && next < n && input[next] == '\n') {
            term = Term::CrLf;
            ++next;
            // The documented corner: a read ends right after this CR, the CR ends a blank line
            // that completes an event, and the stream so far wrote bare CRs: the event goes
            // out at once and the LF becomes the first byte of the next one.
            const bool releasedEarly = readEnds.contains(i + 1) && blank && hasContent && last == Term::Cr;
            eventEnd = releasedEarly ? i + 1 : next;
        }
        last = term;
        if (!blank) {
            hasContent = true;
        } else if (hasContent) {
            events.append(input.sliced(eventStart, eventEnd - eventStart).toByteArray());
            eventStart = eventEnd;
            hasContent = false;
        }
        lineStart = next;
        i = next;
    }
    // takeRemainder(): what is left, unless it is blank lines only.
    if (hasContent || lineStart < n)
        events.append(input.sliced(eventStart).toByteArray());
    return events;
}

QList<QByteArray> run(QByteArrayView input, const QList<qsizetype> &ends)
{
    SseParser parser;
    QList<QByteArray> events;
    qsizetype fed = 0;
    for (const qsizetype end : ends) {
        parser.feed(input.sliced(fed, end - fed));
        fed = end;
        while (parser.hasEvent()) {
            QByteArray event = parser.takeEvent();
            FUZZ_CHECK(!event.isEmpty(), "hasEvent() with an empty event");
            events.append(std::move(event));
        }
    }
    const qsizetype buffered = parser.bufferedBytes();
    QByteArray rest = parser.takeRemainder();
    FUZZ_CHECK(rest.size() <= buffered, "a remainder larger than the buffered bytes");
    if (!rest.isEmpty())
        events.append(std::move(rest));
    FUZZ_CHECK(parser.bufferedBytes() == 0, "bytes left after takeRemainder()");
    return events;
}

QByteArray describe(const QList<QByteArray> &events)
{
    QByteArray text;
    for (const QByteArray &event : events)
        text += '[' + event.toPercentEncoding() + "] ";
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    for (const int mode : QList<int>{0} + fuzz::splitModes(input)) {
        const QList<qsizetype> ends = fuzz::cuts(input, mode);
        const QList<QByteArray> events = run(input, ends);
        const QList<QByteArray> expected = reference(input, ends);
        if (events != expected)
            fuzz::fail("the parser's events differ from the reference's",
                       "mode " + QByteArray::number(mode) + "\nparser:    " + describe(events)
                           + "\nreference: " + describe(expected));
        if (mode == 0) {
            for (const QByteArray &event : events) {
                const SseEvent fields = SseParser::parse(event);
                FUZZ_CHECK(fields.hasData || fields.data.isEmpty(), "data without a data line");
                FUZZ_CHECK(!fields.id.contains('\0'), "an id holding NUL");
            }
        }
    }
    return 0;
}
