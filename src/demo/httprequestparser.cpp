#include "demo/httprequestparser.h"

#include "local/httptokens.h"

#include <algorithm>
#include <utility>

namespace coderai::demo {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype kBigBody = 64 * 1024;

bool isTokenChar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
}

bool isToken(QByteArrayView text)
{
    return !text.isEmpty() && std::all_of(text.begin(), text.end(), isTokenChar);
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

/// Strict unsigned number (no sign, no spaces); -1 when it is not one or does not fit.
qint64 parseNumber(QByteArrayView text, int base)
{
    if (text.isEmpty() || text.size() > 15)
        return -1;
    qint64 value = 0;
    for (char c : text) {
        int digit = -1;
        if (c >= '0' && c <= '9')
            digit = c - '0';
        else if (base == 16 && c >= 'a' && c <= 'f')
            digit = c - 'a' + 10;
        else if (base == 16 && c >= 'A' && c <= 'F')
            digit = c - 'A' + 10;
        if (digit < 0)
            return -1;
        value = value * base + digit;
    }
    return value;
}

} // namespace

QByteArray HttpRequest::header(const QByteArray &lowerName) const
{
    return headers.value(lowerName);
}

void HttpRequestParser::feed(const QByteArray &data)
{
    if (m_stage == Stage::Failed)
        return;
    // Sharing the socket's array instead of copying it is the common case: one read, one request.
    if (m_buffer.isEmpty())
        m_buffer = data;
    else
        m_buffer.append(data);
}

HttpRequestParser::Status HttpRequestParser::parse(HttpRequest &out)
{
    for (;;) {
        switch (m_stage) {
        case Stage::Failed:
            return Status::Error;
        case Stage::Head:
            if (const Status status = parseHead(); status != Status::Ready)
                return status;
            break; // parseHead picked the body stage
        case Stage::FixedBody: {
            if (m_buffer.size() - m_pos < m_remaining)
                return Status::NeedMore;
            // A big body alone in the buffer (compacted when its head ended) is handed over whole.
            if (m_pos == 0 && m_buffer.size() == m_remaining && m_remaining > 0)
                m_current.body = std::exchange(m_buffer, {});
            else
                m_current.body = m_buffer.sliced(m_pos, m_remaining);
            m_pos += m_remaining;
            finish(out);
            return Status::Ready;
        }
        case Stage::Chunked:
            if (const Status status = parseChunked(); status != Status::Ready)
                return status;
            finish(out);
            return Status::Ready;
        }
    }
}

HttpRequestParser::Status HttpRequestParser::parseHead()
{
    // RFC 9112 §2.2: empty lines before a request line are ignored.
    while (m_buffer.size() - m_pos >= 2 && m_buffer.at(m_pos) == '\r' && m_buffer.at(m_pos + 1) == '\n')
        m_pos += 2;
    const qsizetype from = std::max(m_pos, m_scanFrom - 3);
    const qsizetype end = m_buffer.indexOf("\r\n\r\n", from);
    if (end < 0) {
        if (m_buffer.size() - m_pos > kMaxHeadSize)
            return fail(431, "request head too large"_ba);
        m_scanFrom = m_buffer.size();
        compact();
        return Status::NeedMore;
    }
    if (end - m_pos > kMaxHeadSize)
        return fail(431, "request head too large"_ba);

    const QByteArrayView head(m_buffer.constData() + m_pos, end + 2 - m_pos);
    m_pos = end + 4;
    m_scanFrom = m_pos;

    qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView requestLine = head.first(lineEnd);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || requestLine.indexOf(' ', sp2 + 1) >= 0)
        return fail(400, "malformed request line"_ba);
    const QByteArrayView method = requestLine.first(sp1);
    QByteArrayView target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1);
    const QByteArrayView version = requestLine.sliced(sp2 + 1);
    if (!isToken(method) || target.isEmpty())
        return fail(400, "malformed request line"_ba);
    if (version != "HTTP/1.1" && version != "HTTP/1.0")
        return fail(version.startsWith("HTTP/") ? 505 : 400, "unsupported HTTP version"_ba);
    // Absolute form (what a proxy gets) is legal too; only its path matters here.
    if (target.startsWith("http://") || target.startsWith("https://")) {
        const qsizetype slash = target.indexOf('/', target.indexOf("//") + 2);
        target = slash < 0 ? QByteArrayView("/") : target.sliced(slash);
    }
    if (target.front() != '/' && target != "*")
        return fail(400, "malformed request target"_ba);

    m_current = {};
    m_current.method = method.toByteArray();
    m_current.target = target.toByteArray();
    const qsizetype question = m_current.target.indexOf('?');
    m_current.path = question < 0 ? m_current.target : m_current.target.first(question);
    if (question >= 0)
        m_current.query = m_current.target.sliced(question + 1);
    m_current.http10 = version == "HTTP/1.0";

    for (qsizetype start = lineEnd + 2; start < head.size(); start = lineEnd + 2) {
        lineEnd = head.indexOf("\r\n", start);
        const QByteArrayView line = head.sliced(start, lineEnd - start);
        const qsizetype colon = line.indexOf(':');
        // Obsolete line folding and whitespace before the colon are request smuggling vectors.
        if (colon <= 0 || !isToken(line.first(colon)))
            return fail(400, "malformed header field"_ba);
        const QByteArray name = line.first(colon).toByteArray().toLower();
        const QByteArrayView value = trimmed(line.sliced(colon + 1));
        auto it = m_current.headers.find(name);
        if (it == m_current.headers.end())
            m_current.headers.insert(name, value.toByteArray());
        else
            it->append(", ").append(value);
    }

    const QByteArray connection = m_current.header("connection"_ba);
    m_current.keepAlive
        = m_current.http10 ? http::listsToken(connection, "keep-alive") : !http::listsToken(connection, "close");

    const QByteArray transferEncoding = m_current.header("transfer-encoding"_ba);
    if (!transferEncoding.isEmpty()) {
        // Chunked must be the final coding of a request (RFC 9112 §6.3); it wins over Content-Length.
        const qsizetype comma = transferEncoding.lastIndexOf(',');
        if (trimmed(QByteArrayView(transferEncoding).sliced(comma + 1)).compare("chunked", Qt::CaseInsensitive) != 0)
            return fail(501, "unsupported transfer encoding"_ba);
        m_stage = Stage::Chunked;
        m_chunked.reset();
    } else {
        m_remaining = 0;
        const QByteArray contentLength = m_current.header("content-length"_ba);
        if (!contentLength.isEmpty()) {
            // Repeated identical values ("5, 5") are allowed; anything else is ambiguous.
            const QList<QByteArray> values = contentLength.split(',');
            m_remaining = parseNumber(trimmed(values.first()), 10);
            for (const QByteArray &value : values) {
                if (parseNumber(trimmed(value), 10) != m_remaining || m_remaining < 0)
                    return fail(400, "invalid Content-Length"_ba);
            }
            if (m_remaining > kMaxBodySize)
                return fail(413, "request body too large"_ba);
        }
        m_stage = Stage::FixedBody;
        if (m_remaining > kBigBody) {
            // Move the body to the front of the buffer once, so it can be handed over without a copy.
            if (m_pos > 0) {
                m_buffer.remove(0, m_pos);
                m_scanFrom = 0;
                m_pos = 0;
            }
            m_buffer.reserve(m_remaining);
        }
    }
    const bool bodyDue = m_stage != Stage::FixedBody || m_remaining > m_buffer.size() - m_pos;
    m_continuePending = bodyDue && http::listsToken(m_current.header("expect"_ba), "100-continue");
    return Status::Ready;
}

HttpRequestParser::Status HttpRequestParser::parseChunked()
{
    for (;;) {
        const ChunkedDecoder::Step step = m_chunked.next(QByteArrayView(m_buffer).sliced(m_pos));
        m_pos += step.consumed;
        switch (step.status) {
        case ChunkedDecoder::Status::Data:
            if (m_current.body.size() + step.data.size() > kMaxBodySize)
                return fail(413, "request body too large"_ba);
            m_current.body.append(step.data);
            break;
        case ChunkedDecoder::Status::NeedMore:
            compact();
            return Status::NeedMore;
        case ChunkedDecoder::Status::Done:
            return Status::Ready;
        case ChunkedDecoder::Status::Error:
            return fail(400, m_chunked.errorString().toLatin1());
        }
    }
}

bool HttpRequestParser::takeContinueRequest()
{
    return std::exchange(m_continuePending, false);
}

int HttpRequestParser::errorStatus() const
{
    return m_errorStatus;
}

QByteArray HttpRequestParser::errorMessage() const
{
    return m_errorMessage;
}

bool HttpRequestParser::hasBufferedData() const
{
    return m_pos < m_buffer.size();
}

HttpRequestParser::Status HttpRequestParser::fail(int status, QByteArray message)
{
    m_stage = Stage::Failed;
    m_errorStatus = status;
    m_errorMessage = std::move(message);
    m_buffer.clear();
    m_pos = 0;
    return Status::Error;
}

void HttpRequestParser::finish(HttpRequest &out)
{
    out = std::move(m_current);
    m_current = {};
    m_stage = Stage::Head;
    m_remaining = 0;
    m_continuePending = false;
    compact();
}

void HttpRequestParser::compact()
{
    if (m_pos >= m_buffer.size()) {
        m_buffer.clear();
        m_scanFrom = 0;
        m_pos = 0;
    } else if (m_pos > 4096 && m_pos >= m_buffer.size() / 2) {
        // Dropping the consumed front only once it is the larger half keeps the cost linear.
        m_buffer.remove(0, m_pos);
        m_scanFrom = std::max<qsizetype>(0, m_scanFrom - m_pos);
        m_pos = 0;
    }
}

} // namespace coderai::demo
