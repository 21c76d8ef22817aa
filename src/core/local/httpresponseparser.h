#pragma once

#include "local/chunkeddecoder.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

#include <optional>

namespace coderai {

/// \brief A pure HTTP/1.x response parser: bytes in; status, headers, body pieces, done or error out.
///
/// It owns no socket and no buffer. The caller keeps the bytes it has not consumed and passes
/// all of them to next(); each step says how many it used up and may point at body bytes inside
/// that input, so the body is never copied here. 1xx interim answers are skipped. Every limit
/// (64 KiB and 200 header lines per head, 4,096-byte chunk-size and trailer lines, chunk sizes
/// below 2^60, one valid Content-Length) gives the same answer however the bytes were split
/// across reads: a head is judged only once it is whole, or once it is certain to be too large.
class HttpResponseParser final
{
public:
    enum class Status {
        NeedMore, ///< nothing more can be parsed from this input
        Head, ///< the final head is in: statusCode(), headers(), framing are known
        Body, ///< `body` is a piece of the body, inside the input
        Done, ///< the response is complete
        Error, ///< not HTTP, or a framing that cannot be trusted; see errorString()
    };
    enum class Framing { None, Length, Chunked, UntilClose };

    struct Step
    {
        Status status = Status::NeedMore;
        qsizetype consumed = 0; ///< bytes at the front of the input this step used up
        QByteArrayView body; ///< Status::Body: the piece (the last `body.size()` of `consumed`)
    };

    /// A local server's head is a few hundred bytes. These caps (status line and header lines,
    /// with their line ends and the blank line) keep a hostile head from costing memory or CPU
    /// further down, where headers are looked up and relayed.
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr int kMaxHeaderLines = 200;

    /// Ready for the next response. `expectsNoBody`: the request was HEAD, so the answer has
    /// no body whatever its headers announce.
    void reset(bool expectsNoBody = false);

    /// Parses from the front of `input`: all bytes received and not consumed so far.
    Step next(QByteArrayView input);

    bool headComplete() const;
    bool isDone() const;
    int statusCode() const;
    const QList<QPair<QByteArray, QByteArray>> &headers() const;
    QList<QPair<QByteArray, QByteArray>> takeHeaders();
    Framing framing() const;
    /// Whether the connection may carry another request after this response.
    bool keepAlive() const;
    /// The Content-Length that frames the body, when it does.
    std::optional<qint64> contentLength() const;
    /// Body bytes handed out so far.
    qint64 bodyBytes() const;
    /// The connection closed here: true when that ends the body (close-delimited framing).
    bool endsAtClose() const;
    /// What is missing when the connection closed too early, e.g. "(10 of 100 body bytes)".
    QString truncation() const;
    QString errorString() const;

private:
    enum class Stage { Head, Body, Done, Failed };

    Step fail(QString message);
    /// Parses one head; false with the stage Failed on a broken head.
    bool parseHead(QByteArrayView head);
    /// Folds one Content-Length field into `length` (-1: none yet); false, failed, when invalid.
    bool readLength(QByteArrayView value, qint64 &length);

    ChunkedDecoder m_chunked;
    QList<QPair<QByteArray, QByteArray>> m_headers;
    QString m_errorString;
    Stage m_stage = Stage::Head;
    Framing m_framing = Framing::None;
    qsizetype m_scanned = 0; ///< head bytes already searched for the blank line
    qint64 m_length = -1;
    qint64 m_remaining = 0;
    qint64 m_bodyBytes = 0;
    int m_status = 0;
    bool m_expectsNoBody = false;
    bool m_keepAlive = true;
};

} // namespace coderai
