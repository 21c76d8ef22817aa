#pragma once

#include "local/chunkeddecoder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QHash>

namespace coderai::demo {

/// \brief One parsed HTTP/1.x request: head and complete body.
struct HttpRequest
{
    QByteArray method;
    QByteArray target; ///< as sent: path plus `?query`
    QByteArray path; ///< target up to `?`, still percent-encoded
    QByteArray query; ///< after `?`, still percent-encoded
    QHash<QByteArray, QByteArray> headers; ///< names lower-cased; repeated fields joined with ", "
    QByteArray body; ///< de-chunked when it came with `Transfer-Encoding: chunked`
    bool http10 = false;
    bool keepAlive = true; ///< what the client asked for (Connection header and version)

    /// The value of a header; `lowerName` must already be lower case.
    QByteArray header(const QByteArray &lowerName) const;
};

/// \brief Incremental, pipelining-safe HTTP/1.1 request parser.
///
/// Bytes from the socket are fed in as they come; parse() hands out complete requests one at a
/// time and leaves the bytes of the next (pipelined) request in the buffer. Consumed bytes are
/// released in bulk and the head terminator is never searched twice, so a large body or many
/// small requests on one connection cost linear time.
class HttpRequestParser final
{
public:
    enum class Status { NeedMore, Ready, Error };

    void feed(const QByteArray &data);
    /// Moves the next complete request into `out` when there is one.
    Status parse(HttpRequest &out);
    /// True once per request whose head asked for `Expect: 100-continue` and whose body is due.
    bool takeContinueRequest();
    /// After Status::Error: the status to answer with (400, 413, 431, 501) and why.
    int errorStatus() const;
    QByteArray errorMessage() const;
    bool hasBufferedData() const;

    static constexpr qsizetype kMaxHeadSize = 64 * 1024;
    static constexpr qint64 kMaxBodySize = qint64(512) * 1024 * 1024;
    static constexpr qsizetype kMaxChunkLine = 1024;

private:
    enum class Stage { Head, FixedBody, Chunked, Failed };

    Status parseHead();
    Status parseChunked();
    Status fail(int status, QByteArray message);
    void finish(HttpRequest &out);
    void compact();

    ChunkedDecoder m_chunked {kMaxChunkLine};
    QByteArray m_buffer;
    qsizetype m_pos = 0; // first unconsumed byte of m_buffer
    qsizetype m_scanFrom = 0; // where the search for the end of the head resumes
    Stage m_stage = Stage::Head;
    HttpRequest m_current;
    qint64 m_remaining = 0; // body or chunk bytes still expected
    bool m_continuePending = false;
    int m_errorStatus = 0;
    QByteArray m_errorMessage;
};

} // namespace coderai::demo
