#include "demo/httpmultipart.h"

namespace coderai::demo {

namespace {

constexpr qsizetype kMaxBoundary = 200; // RFC 2046 allows 70; be lenient, not unbounded

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

QByteArrayView trimmed(QByteArrayView text)
{
    while (!text.isEmpty() && isSpace(text.front()))
        text = text.sliced(1);
    while (!text.isEmpty() && isSpace(text.back()))
        text.chop(1);
    return text;
}

void applyPartHeader(HttpMultipartPart &part, QByteArrayView line)
{
    const qsizetype colon = line.indexOf(':');
    if (colon <= 0)
        return;
    const QByteArrayView name = trimmed(line.first(colon));
    const QByteArrayView value = trimmed(line.sliced(colon + 1));
    if (name.compare("content-type", Qt::CaseInsensitive) == 0) {
        part.contentType = value.toByteArray();
        return;
    }
    if (name.compare("content-disposition", Qt::CaseInsensitive) != 0)
        return;
    for (const auto &[key, parameter] : HttpMultipart::headerParameters(value)) {
        if (key == "name") {
            part.name = parameter;
        } else if (key == "filename") {
            part.filename = parameter;
            part.hasFilename = true;
        } else if (key == "filename*" && parameter.toLower().startsWith("utf-8''")) {
            // RFC 5987 extended value: it wins over the plain one when a client sends both.
            part.filename = QByteArray::fromPercentEncoding(parameter.sliced(7));
            part.hasFilename = true;
        }
    }
}

} // namespace

QList<std::pair<QByteArray, QByteArray>> HttpMultipart::headerParameters(QByteArrayView value)
{
    QList<std::pair<QByteArray, QByteArray>> parameters;
    qsizetype pos = value.indexOf(';');
    while (pos >= 0 && pos < value.size()) {
        ++pos; // past ';'
        while (pos < value.size() && isSpace(value.at(pos)))
            ++pos;
        qsizetype nameEnd = pos;
        while (nameEnd < value.size() && value.at(nameEnd) != '=' && value.at(nameEnd) != ';')
            ++nameEnd;
        const QByteArray name = trimmed(value.sliced(pos, nameEnd - pos)).toByteArray().toLower();
        pos = nameEnd;
        QByteArray parameter;
        if (pos < value.size() && value.at(pos) == '=') {
            ++pos;
            while (pos < value.size() && isSpace(value.at(pos)))
                ++pos;
            if (pos < value.size() && value.at(pos) == '"') {
                // Quoted string. A backslash escapes only '"' and '\\': browsers send Windows paths
                // with bare backslashes, which must survive.
                for (++pos; pos < value.size() && value.at(pos) != '"'; ++pos) {
                    if (value.at(pos) == '\\' && pos + 1 < value.size()
                        && (value.at(pos + 1) == '"' || value.at(pos + 1) == '\\'))
                        ++pos;
                    parameter.append(value.at(pos));
                }
                ++pos; // past the closing quote
            } else {
                qsizetype end = value.indexOf(';', pos);
                if (end < 0)
                    end = value.size();
                parameter = trimmed(value.sliced(pos, end - pos)).toByteArray();
                pos = end;
            }
        }
        if (!name.isEmpty())
            parameters.append({name, parameter});
        pos = value.indexOf(';', pos);
    }
    return parameters;
}

std::optional<QList<HttpMultipartPart>> HttpMultipart::parse(QByteArrayView contentType, QByteArrayView body)
{
    QByteArray boundary;
    for (const auto &[key, parameter] : headerParameters(contentType)) {
        if (key == "boundary")
            boundary = parameter;
    }
    if (boundary.isEmpty() || boundary.size() > kMaxBoundary)
        return std::nullopt;

    const QByteArray next = "\r\n--" + boundary; // every delimiter but a first one at offset 0
    const QByteArrayView delimiter = QByteArrayView(next).sliced(2);
    qsizetype pos = 0;
    if (body.startsWith(delimiter)) {
        pos = delimiter.size();
    } else {
        const qsizetype first = body.indexOf(next); // after a preamble
        if (first < 0)
            return std::nullopt;
        pos = first + next.size();
    }

    QList<HttpMultipartPart> parts;
    for (;;) {
        if (body.sliced(pos).startsWith("--"))
            return parts; // closing delimiter; an epilogue after it is ignored
        while (pos < body.size() && isSpace(body.at(pos)))
            ++pos; // transport padding
        if (!body.sliced(pos).startsWith("\r\n"))
            return std::nullopt;
        pos += 2;

        HttpMultipartPart part;
        qsizetype dataStart = pos + 2;
        if (!body.sliced(pos).startsWith("\r\n")) {
            const qsizetype headEnd = body.indexOf("\r\n\r\n", pos);
            if (headEnd < 0)
                return std::nullopt;
            for (qsizetype start = pos; start < headEnd + 2;) {
                const qsizetype lineEnd = body.indexOf("\r\n", start);
                applyPartHeader(part, body.sliced(start, lineEnd - start));
                start = lineEnd + 2;
            }
            dataStart = headEnd + 4;
        }
        const qsizetype end = body.indexOf(next, dataStart);
        if (end < 0)
            return std::nullopt;
        part.data = body.sliced(dataStart, end - dataStart);
        parts.append(std::move(part));
        pos = end + next.size();
    }
}

} // namespace coderai::demo
