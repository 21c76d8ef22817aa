#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

#include <optional>
#include <utility>

namespace coderai::demo {

/// \brief One part of a multipart/form-data body.
struct HttpMultipartPart
{
    QByteArray name; ///< from Content-Disposition
    QByteArray filename; ///< set when hasFilename
    bool hasFilename = false; ///< a file part rather than a plain field
    QByteArray contentType; ///< the part's Content-Type, empty when absent
    QByteArrayView data; ///< points into the body given to parse(): no copy of large files
};

/// \brief Binary-safe multipart/form-data parser (RFC 7578 / RFC 2046).
class HttpMultipart final
{
public:
    /// The parts of `body`, or nothing when the Content-Type lacks a boundary or the body is
    /// malformed (missing delimiter, unterminated part, no closing delimiter).
    static std::optional<QList<HttpMultipartPart>> parse(QByteArrayView contentType, QByteArrayView body);
    /// `value; name=token; name="quoted \" string"` → lower-cased names and unquoted values.
    static QList<std::pair<QByteArray, QByteArray>> headerParameters(QByteArrayView value);
};

} // namespace coderai::demo
