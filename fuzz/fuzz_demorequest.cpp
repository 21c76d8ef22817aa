// The demo servers' HTTP request parser and multipart parser (src/demo/httprequestparser.h,
// httpmultipart.h): the peers every test talks to, so a parser bug there hides seller bugs.
// Requests are parsed from one read, byte by byte and from pseudo-random reads, and every run
// must see the same pipelined requests and the same error. Each request with a multipart body
// goes through HttpMultipart::parse(); so does the input itself, read as a Content-Type line
// followed by a body, so the multipart parser also sees bytes no request parser let through.
#include "fuzzsupport.h"

#include "demo/httpmultipart.h"
#include "demo/httprequestparser.h"

#include <algorithm>

using namespace coderai;
using namespace coderai::demo;

namespace {

constexpr int kMaxRequests = 8;

struct Parsed
{
    QList<QByteArray> requests; ///< each request written out field by field
    int errorStatus = 0;
    QByteArray errorMessage;

    bool operator==(const Parsed &) const = default;
};

QByteArray written(const HttpRequest &request)
{
    QList<QByteArray> names = request.headers.keys();
    std::sort(names.begin(), names.end());
    QByteArray text = request.method + ' ' + request.target + " path=" + request.path + " query=" + request.query
        + (request.http10 ? " 1.0" : " 1.1") + (request.keepAlive ? " keep-alive" : " close") + '\n';
    for (const QByteArray &name : std::as_const(names))
        text += name + ": " + request.headers.value(name) + '\n';
    return text + "body " + QByteArray::number(request.body.size()) + ": " + request.body;
}

void checkMultipart(QByteArrayView contentType, QByteArrayView body)
{
    const std::optional<QList<HttpMultipartPart>> parts = HttpMultipart::parse(contentType, body);
    if (!parts)
        return;
    for (const HttpMultipartPart &part : *parts) {
        const bool inside = part.data.isEmpty()
            || (part.data.data() >= body.data() && part.data.data() + part.data.size() <= body.data() + body.size());
        FUZZ_CHECK(inside, "a part's data outside the body");
        FUZZ_CHECK(part.hasFilename || part.filename.isEmpty(), "a filename on a plain field");
    }
}

Parsed run(QByteArrayView input, const QList<qsizetype> &ends)
{
    Parsed parsed;
    HttpRequestParser parser;
    qsizetype fed = 0;
    for (const qsizetype end : ends) {
        parser.feed(input.sliced(fed, end - fed).toByteArray());
        fed = end;
        for (;;) {
            HttpRequest request;
            const HttpRequestParser::Status status = parser.parse(request);
            if (status == HttpRequestParser::Status::NeedMore)
                break;
            if (status == HttpRequestParser::Status::Error) {
                parsed.errorStatus = parser.errorStatus();
                parsed.errorMessage = parser.errorMessage();
                FUZZ_CHECK(parsed.errorStatus >= 400 && parsed.errorStatus < 600, "an error status outside 4xx/5xx");
                return parsed;
            }
            const QByteArray contentType = request.header("content-type");
            if (contentType.startsWith("multipart/"))
                checkMultipart(contentType, request.body);
            parsed.requests.append(written(request));
            if (parsed.requests.size() == kMaxRequests)
                return parsed;
        }
    }
    return parsed;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    const Parsed whole = run(input, fuzz::cuts(input, 0));
    for (const int mode : fuzz::splitModes(input)) {
        const Parsed split = run(input, fuzz::cuts(input, mode));
        if (split != whole)
            fuzz::fail("another split gave other requests",
                       "mode " + QByteArray::number(mode) + ": " + QByteArray::number(split.requests.size())
                           + " requests, error " + QByteArray::number(split.errorStatus) + ' ' + split.errorMessage
                           + " against " + QByteArray::number(whole.requests.size()) + " requests, error "
                           + QByteArray::number(whole.errorStatus) + ' ' + whole.errorMessage);
    }

    const qsizetype newline = input.indexOf('\n');
    if (newline >= 0) {
        checkMultipart(input.first(newline), input.sliced(newline + 1));
        HttpMultipart::headerParameters(input.first(newline));
    }
    return 0;
}
