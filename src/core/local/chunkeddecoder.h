#pragma once

#include <QByteArrayView>
#include <QString>

namespace coderai {

/// \brief Incremental decoder of the chunked transfer coding (RFC 9112 §7.1), without a buffer.
///
/// The caller keeps the bytes it has not consumed yet and passes all of them to next() each
/// time; each step consumes some of them and may point at body bytes inside that input, so no
/// body byte is copied here. The limits give the same answer however the input is split across
/// reads: a chunk-size or trailer line longer than maxLineBytes fails as soon as that is
/// certain, whether the line arrived whole or a byte at a time. Shared by the seller's response
/// parser and the demo server's request parser.
class ChunkedDecoder final
{
public:
    enum class Status {
        NeedMore, ///< nothing more can be decoded from this input; consumed says what to drop
        Data, ///< `data` is a piece of the body, inside the input
        Done, ///< the last chunk and the trailers have been read
        Error, ///< the coding is broken; see error() and errorString()
    };
    enum class Error { None, LineTooLong, BadChunkSize, ChunkSizeTooLarge, MissingCrlf };

    struct Step
    {
        Status status = Status::NeedMore;
        qsizetype consumed = 0; ///< bytes at the front of the input this step used up
        QByteArrayView data; ///< Status::Data: body bytes (the last `data.size()` of `consumed`)
    };

    static constexpr qsizetype kMaxLineBytes = 4096;
    /// 15 significant hex digits: a chunk of 2^60 bytes or more is refused as absurd. Far beyond
    /// any real body, and never near qint64's overflow however many digits are sent.
    static constexpr int kMaxSizeDigits = 15;

    explicit ChunkedDecoder(qsizetype maxLineBytes = kMaxLineBytes);

    /// Decodes from the front of `input`: all bytes received and not consumed so far.
    Step next(QByteArrayView input);
    /// Ready for a new body.
    void reset();

    bool isDone() const;
    Error error() const;
    /// Why decoding failed, in English (for logs and error replies); empty without an error.
    QString errorString() const;

private:
    enum class Stage { Size, Data, DataEnd, Trailers, Done, Failed };

    Step decode(QByteArrayView input, qsizetype &used);
    Step fail(Error error, QString message);
    /// The line at the front of `input` without its CRLF; size -1 while it is incomplete.
    qsizetype lineLength(QByteArrayView input, Step *failure);

    qsizetype m_maxLineBytes;
    Stage m_stage = Stage::Size;
    qint64 m_remaining = 0; ///< bytes of the current chunk still to come
    Error m_error = Error::None;
    QString m_errorString;
};

} // namespace coderai
