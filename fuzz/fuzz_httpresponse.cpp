// HttpResponseParser (src/core/local/httpresponseparser.h) fed hostile local-server answers.
// Besides the sanitizers' findings, the parser promises the same verdict however the bytes are
// split across reads: the input is parsed in one read, byte by byte and in pseudo-random reads,
// and every run must see the same responses (status, headers, framing, body bytes, done or
// error and its text). Up to four responses are parsed back to back, as on a kept-alive
// connection.
#include "fuzzsupport.h"

#include "local/httpresponseparser.h"

#include <QDebug>

using namespace coderai;

namespace {

constexpr int kMaxResponses = 4;

struct Response
{
    int status = 0;
    QList<QPair<QByteArray, QByteArray>> headers;
    HttpResponseParser::Framing framing = HttpResponseParser::Framing::None;
    bool keepAlive = false;
    std::optional<qint64> contentLength;
    QByteArray body;
    bool done = false;
    bool error = false;
    QString errorString;
    qint64 consumed = 0; ///< input bytes this response used up
    // Only once the input ends without a verdict:
    bool endsAtClose = false;
    QString truncation;

    bool operator==(const Response &) const = default;
};

QByteArray describe(const QList<Response> &responses)
{
    QByteArray text;
    for (const Response &r : responses) {
        text += "status " + QByteArray::number(r.status) + " framing " + QByteArray::number(int(r.framing))
            + " body " + QByteArray::number(r.body.size()) + " done " + QByteArray::number(r.done) + " error "
            + QByteArray::number(r.error) + " '" + r.errorString.toUtf8() + "' consumed "
            + QByteArray::number(r.consumed) + " truncation '" + r.truncation.toUtf8() + "'; ";
    }
    return text;
}

QList<Response> run(QByteArrayView input, const QList<qsizetype> &ends, bool expectsNoBody)
{
    QList<Response> responses;
    HttpResponseParser parser;
    parser.reset(expectsNoBody);
    Response current;
    QByteArray received; // what the socket delivered and the parser has not consumed
    qsizetype from = 0; // first unconsumed byte of `received`
    qsizetype fed = 0;
    bool finished = false;
    for (const qsizetype end : ends) {
        received.append(input.sliced(fed, end - fed));
        fed = end;
        while (!finished) {
            const QByteArrayView rest = QByteArrayView(received).sliced(from);
            const HttpResponseParser::Step step = parser.next(rest);
            FUZZ_CHECK(step.consumed >= 0 && step.consumed <= rest.size(), "consumed outside the input");
            from += step.consumed;
            current.consumed += step.consumed;
            if (step.status == HttpResponseParser::Status::NeedMore)
                break;
            if (step.status == HttpResponseParser::Status::Head) {
                FUZZ_CHECK(step.consumed > 0 && parser.headComplete(), "a head without bytes");
                current.status = parser.statusCode();
                current.headers = parser.headers();
                current.framing = parser.framing();
                current.keepAlive = parser.keepAlive();
                current.contentLength = parser.contentLength();
                continue;
            }
            if (step.status == HttpResponseParser::Status::Body) {
                FUZZ_CHECK(!step.body.isEmpty(), "an empty body piece");
                FUZZ_CHECK(step.body.data() + step.body.size() == rest.data() + step.consumed,
                           "a body piece not at the end of the bytes consumed");
                current.body.append(step.body);
                FUZZ_CHECK(parser.bodyBytes() == current.body.size(), "bodyBytes() disagrees");
                continue;
            }
            if (step.status == HttpResponseParser::Status::Error) {
                current.error = true;
                current.errorString = parser.errorString();
                FUZZ_CHECK(!current.errorString.isEmpty(), "an error without text");
                responses.append(std::exchange(current, {}));
                finished = true;
                break;
            }
            // Done: a complete response; the next one may follow on the same connection.
            current.done = true;
            FUZZ_CHECK(parser.isDone(), "Done while not done");
            if (current.framing == HttpResponseParser::Framing::Length)
                FUZZ_CHECK(current.contentLength && *current.contentLength == current.body.size(),
                           "a Content-Length body of another length");
            responses.append(std::exchange(current, {}));
            if (responses.size() == kMaxResponses || !parser.keepAlive()) {
                finished = true;
                break;
            }
            parser.reset(expectsNoBody);
        }
        if (finished)
            break;
        // Drop consumed bytes now and then, as LocalConnection does; the parser must not care.
        if (from > 4096 && from * 2 > received.size()) {
            received.remove(0, from);
            from = 0;
        }
    }
    if (!finished) {
        current.endsAtClose = parser.endsAtClose();
        current.truncation = parser.truncation();
        responses.append(current);
    }
    return responses;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    for (const bool expectsNoBody : {false, true}) {
        const QList<Response> whole = run(input, fuzz::cuts(input, 0), expectsNoBody);
        for (const int mode : fuzz::splitModes(input)) {
            const QList<Response> split = run(input, fuzz::cuts(input, mode), expectsNoBody);
            if (split != whole)
                fuzz::fail("another split gave another result",
                           "whole: " + describe(whole) + "\nsplit (mode " + QByteArray::number(mode)
                               + "): " + describe(split));
        }
    }
    return 0;
}
