#include "httpresponseparser.h"

#include "local/httptokens.h"

namespace coderai {
namespace {

constexpr int kMaxLengthDigits = 18; // fits qint64 with room to spare

bool equalsNoCase(QByteArrayView a, QByteArrayView b)
{
    return a.compare(b, Qt::CaseInsensitive) == 0;
}

// Strict decimal: digits only, no sign, no spaces inside; -1 when it is not one.
qint64 parseLength(QByteArrayView text)
{
    text = text.trimmed();
    if (text.isEmpty() || text.size() > kMaxLengthDigits)
        return -1;
    qint64 value = 0;
    for (const char c : text) {
        if (c < '0' || c > '9')
            return -1;
        value = value * 10 + (c - '0');
    }
    return value;
}

QString shown(QByteArrayView text)
{
    QString result;
    for (const char c : text.first(std::min<qsizetype>(text.size(), 40)))
        result += c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : QChar(u'?');
    return result;
}

} // namespace

void HttpResponseParser::reset(bool expectsNoBody)
{
    m_chunked.reset();
    m_headers.clear();
    m_errorString.clear();
    m_stage = Stage::Head;
    m_framing = Framing::None;
    m_scanned = 0;
    m_length = -1;
    m_remaining = 0;
    m_bodyBytes = 0;
    m_status = 0;
    m_expectsNoBody = expectsNoBody;
    m_keepAlive = true;
}

HttpResponseParser::Step HttpResponseParser::fail(QString message)
{
    m_stage = Stage::Failed;
    m_errorString = std::move(message);
    return {Status::Error, 0, {}};
}

HttpResponseParser::Step HttpResponseParser::next(QByteArrayView input)
{
    qsizetype used = 0;
    while (m_stage == Stage::Head) {
        const QByteArrayView rest = input.sliced(used);
        // Resume the search where the last one stopped (less a partial "\r\n\r"): linear
        // however the head trickles in.
        const qsizetype end = rest.indexOf("\r\n\r\n", std::max<qsizetype>(0, m_scanned - 3));
        // The head with its blank line must fit; without the blank line yet, it is at least one
        // byte longer than what arrived. Either way the verdict does not depend on the reads.
        if ((end >= 0 && end + 4 > kMaxHeadBytes) || (end < 0 && rest.size() >= kMaxHeadBytes)) {
            Step failure = fail(QStringLiteral("the response head is larger than %1 bytes").arg(kMaxHeadBytes));
            failure.consumed = used;
            return failure;
        }
        if (end < 0) {
            m_scanned = rest.size();
            return {Status::NeedMore, used, {}};
        }
        m_scanned = 0;
        if (!parseHead(rest.first(end)))
            return {Status::Error, used, {}};
        used += end + 4;
        if (m_stage == Stage::Body || m_stage == Stage::Done)
            return {Status::Head, used, {}};
        // A 1xx interim answer (100 Continue, 103 Early Hints): the real one follows.
    }
    const QByteArrayView rest = input.sliced(used);
    switch (m_stage) {
    case Stage::Head: // handled above
    case Stage::Failed:
        return {Status::Error, used, {}};
    case Stage::Done:
        return {Status::Done, used, {}};
    case Stage::Body:
        break;
    }
    switch (m_framing) {
    case Framing::None:
        m_stage = Stage::Done;
        return {Status::Done, used, {}};
    case Framing::UntilClose:
        if (rest.isEmpty())
            return {Status::NeedMore, used, {}};
        m_bodyBytes += rest.size();
        return {Status::Body, used + rest.size(), rest};
    case Framing::Length: {
        if (m_remaining == 0) {
            m_stage = Stage::Done;
            return {Status::Done, used, {}};
        }
        const qsizetype count = static_cast<qsizetype>(std::min<qint64>(m_remaining, rest.size()));
        if (count == 0)
            return {Status::NeedMore, used, {}};
        m_remaining -= count;
        m_bodyBytes += count;
        return {Status::Body, used + count, rest.first(count)};
    }
    case Framing::Chunked: {
        const ChunkedDecoder::Step step = m_chunked.next(rest);
        switch (step.status) {
        case ChunkedDecoder::Status::NeedMore:
            return {Status::NeedMore, used + step.consumed, {}};
        case ChunkedDecoder::Status::Data:
            m_bodyBytes += step.data.size();
            return {Status::Body, used + step.consumed, step.data};
        case ChunkedDecoder::Status::Done:
            m_stage = Stage::Done;
            return {Status::Done, used + step.consumed, {}};
        case ChunkedDecoder::Status::Error:
            break;
        }
        Step failure = fail(QStringLiteral("malformed chunked body: %1").arg(m_chunked.errorString()));
        failure.consumed = used + step.consumed;
        return failure;
    }
    }
    return {Status::Error, used, {}};
}

bool HttpResponseParser::parseHead(QByteArrayView head)
{
    qsizetype lineEnd = head.indexOf("\r\n");
    const QByteArrayView statusLine = lineEnd < 0 ? head : head.first(lineEnd);
    // "HTTP/1.1 200 OK": the version, then a three-digit code and (usually) a reason.
    bool ok = statusLine.startsWith("HTTP/1.") && statusLine.size() >= 12 && statusLine.at(8) == ' '
        && (statusLine.size() == 12 || statusLine.at(12) == ' ');
    int status = 0;
    for (qsizetype i = 9; ok && i < 12; ++i) {
        ok = statusLine.at(i) >= '0' && statusLine.at(i) <= '9';
        status = status * 10 + (statusLine.at(i) - '0');
    }
    if (!ok || status < 100) {
        fail(QStringLiteral("the answer is not HTTP/1.x (\"%1\")").arg(shown(statusLine)));
        return false;
    }
    const bool http10 = statusLine.at(7) == '0';

    QList<QPair<QByteArray, QByteArray>> headers;
    headers.reserve(16); // a local server's usual handful, without regrowing the list line by line
    QByteArray connection;
    QByteArray transferEncoding;
    qint64 length = -1;
    int lines = 0;
    while (lineEnd >= 0) {
        const qsizetype from = lineEnd + 2;
        lineEnd = head.indexOf("\r\n", from);
        if (++lines > kMaxHeaderLines) {
            fail(QStringLiteral("the response head has more than %1 header lines").arg(kMaxHeaderLines));
            return false;
        }
        const QByteArrayView line = head.sliced(from, (lineEnd < 0 ? head.size() : lineEnd) - from);
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue; // obsolete line folding or junk: nothing a local server needs
        QByteArray name = line.first(colon).trimmed().toByteArray();
        QByteArray value = line.sliced(colon + 1).trimmed().toByteArray();
        if (equalsNoCase(name, "connection")) {
            connection += (connection.isEmpty() ? "" : ",") + value;
        } else if (equalsNoCase(name, "transfer-encoding")) {
            transferEncoding += (transferEncoding.isEmpty() ? "" : ",") + value;
        } else if (equalsNoCase(name, "content-length") && !readLength(value, length)) {
            return false;
        }
        headers.append({std::move(name), std::move(value)});
    }

    m_status = status;
    if (status < 200 && status != 101)
        return true; // interim: the stage stays Head
    m_headers = std::move(headers);
    m_keepAlive = http10 ? http::listsToken(connection, "keep-alive") : !http::listsToken(connection, "close");
    if (m_expectsNoBody || status == 204 || status == 304 || status == 101) {
        m_framing = Framing::None;
    } else if (!transferEncoding.isEmpty()) {
        // The last coding must be chunked; anything else is delimited by the close.
        m_framing = transferEncoding.trimmed().toLower().endsWith("chunked") ? Framing::Chunked : Framing::UntilClose;
    } else if (length >= 0) {
        m_length = length;
        m_remaining = length;
        m_framing = length > 0 ? Framing::Length : Framing::None;
    } else {
        m_framing = Framing::UntilClose;
    }
    if (m_framing == Framing::UntilClose)
        m_keepAlive = false;
    m_stage = Stage::Body;
    return true;
}

bool HttpResponseParser::readLength(QByteArrayView value, qint64 &length)
{
    // "5, 5" and repeated equal fields are one length (RFC 9110 §8.6). A length that is not a
    // number, or two that differ, leave the body's end unknown: the answer cannot be trusted,
    // even where Transfer-Encoding would take precedence (RFC 9112 §6.3 calls that an error).
    for (const QByteArrayView item : value.toByteArray().split(',')) {
        const qint64 parsed = parseLength(item);
        if (parsed < 0) {
            fail(QStringLiteral("invalid Content-Length \"%1\"").arg(shown(value)));
            return false;
        }
        if (length >= 0 && parsed != length) {
            fail(QStringLiteral("invalid Content-Length: conflicting values %1 and %2").arg(length).arg(parsed));
            return false;
        }
        length = parsed;
    }
    return true;
}

bool HttpResponseParser::headComplete() const
{
    return m_stage == Stage::Body || m_stage == Stage::Done;
}

bool HttpResponseParser::isDone() const
{
    return m_stage == Stage::Done;
}

int HttpResponseParser::statusCode() const
{
    return headComplete() ? m_status : 0;
}

const QList<QPair<QByteArray, QByteArray>> &HttpResponseParser::headers() const
{
    return m_headers;
}

QList<QPair<QByteArray, QByteArray>> HttpResponseParser::takeHeaders()
{
    return std::exchange(m_headers, {});
}

HttpResponseParser::Framing HttpResponseParser::framing() const
{
    return m_framing;
}

bool HttpResponseParser::keepAlive() const
{
    return m_keepAlive;
}

std::optional<qint64> HttpResponseParser::contentLength() const
{
    if (m_length < 0)
        return std::nullopt;
    return m_length;
}

qint64 HttpResponseParser::bodyBytes() const
{
    return m_bodyBytes;
}

bool HttpResponseParser::endsAtClose() const
{
    return m_stage == Stage::Body && m_framing == Framing::UntilClose;
}

QString HttpResponseParser::truncation() const
{
    if (m_stage == Stage::Head)
        return QStringLiteral("(the head is incomplete)");
    if (m_framing == Framing::Length)
        return QStringLiteral("(%1 of %2 body bytes)").arg(m_bodyBytes).arg(m_length);
    if (m_framing == Framing::Chunked)
        return QStringLiteral("(the chunked body ended before the last chunk)");
    return {};
}

QString HttpResponseParser::errorString() const
{
    return m_errorString;
}

} // namespace coderai
