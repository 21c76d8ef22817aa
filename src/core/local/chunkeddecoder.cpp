#include "chunkeddecoder.h"

namespace coderai {
namespace {

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

QByteArrayView trimmedWhitespace(QByteArrayView text)
{
    while (!text.isEmpty() && (text.front() == ' ' || text.front() == '\t'))
        text = text.sliced(1);
    while (!text.isEmpty() && (text.back() == ' ' || text.back() == '\t'))
        text.chop(1);
    return text;
}

// A short, printable rendering of what the peer sent, for the error message.
QString quoted(QByteArrayView text)
{
    constexpr qsizetype kShown = 40;
    QString shown;
    for (const char c : text.first(std::min(text.size(), kShown)))
        shown += c >= 0x20 && c < 0x7f ? QChar::fromLatin1(c) : QChar(u'?');
    if (text.size() > kShown)
        shown += QStringLiteral("...");
    return shown;
}

} // namespace

ChunkedDecoder::ChunkedDecoder(qsizetype maxLineBytes)
    : m_maxLineBytes(maxLineBytes)
{
}

void ChunkedDecoder::reset()
{
    m_stage = Stage::Size;
    m_remaining = 0;
    m_error = Error::None;
    m_errorString.clear();
}

bool ChunkedDecoder::isDone() const
{
    return m_stage == Stage::Done;
}

ChunkedDecoder::Error ChunkedDecoder::error() const
{
    return m_error;
}

QString ChunkedDecoder::errorString() const
{
    return m_errorString;
}

ChunkedDecoder::Step ChunkedDecoder::fail(Error error, QString message)
{
    m_stage = Stage::Failed;
    m_error = error;
    m_errorString = std::move(message);
    return {Status::Error, 0, {}};
}

qsizetype ChunkedDecoder::lineLength(QByteArrayView input, Step *failure)
{
    const qsizetype end = input.indexOf("\r\n");
    // Without its end the line is at least what arrived, less a CR that may start the CRLF:
    // the limit then fails at the same byte whatever the reads were.
    const qsizetype known = end >= 0 ? end : input.size() - (input.endsWith('\r') ? 1 : 0);
    if (known > m_maxLineBytes) {
        *failure = fail(Error::LineTooLong,
                        QStringLiteral("a chunk-size or trailer line is longer than %1 bytes").arg(m_maxLineBytes));
        return -1;
    }
    return end;
}

ChunkedDecoder::Step ChunkedDecoder::next(QByteArrayView input)
{
    qsizetype used = 0;
    Step step = decode(input, used);
    if (step.status == Status::Error)
        step.consumed = used; // what came before the fault was valid and is used up
    return step;
}

ChunkedDecoder::Step ChunkedDecoder::decode(QByteArrayView input, qsizetype &used)
{
    for (;;) {
        const QByteArrayView rest = input.sliced(used);
        Step failure;
        switch (m_stage) {
        case Stage::Failed:
            return {Status::Error, used, {}};
        case Stage::Done:
            return {Status::Done, used, {}};
        case Stage::Size: {
            const qsizetype end = lineLength(rest, &failure);
            if (end < 0)
                return failure.status == Status::Error ? failure : Step {Status::NeedMore, used, {}};
            QByteArrayView line = rest.first(end);
            if (const qsizetype semicolon = line.indexOf(';'); semicolon >= 0)
                line = line.first(semicolon); // chunk extensions carry nothing we use
            line = trimmedWhitespace(line);
            qint64 size = 0;
            int digits = 0;
            for (const char c : line) {
                const int value = hexValue(c);
                if (value < 0)
                    return fail(Error::BadChunkSize,
                                QStringLiteral("invalid chunk size \"%1\"").arg(quoted(rest.first(end))));
                if (digits > 0 || value > 0)
                    ++digits;
                if (digits > kMaxSizeDigits)
                    return fail(Error::ChunkSizeTooLarge,
                                QStringLiteral("absurd chunk size \"%1\" (2^60 bytes or more)").arg(quoted(line)));
                size = size * 16 + value;
            }
            if (line.isEmpty())
                return fail(Error::BadChunkSize, QStringLiteral("empty chunk-size line"));
            used += end + 2;
            m_remaining = size;
            m_stage = size == 0 ? Stage::Trailers : Stage::Data;
            break;
        }
        case Stage::Data: {
            const qsizetype count = static_cast<qsizetype>(std::min<qint64>(m_remaining, rest.size()));
            if (count == 0)
                return {Status::NeedMore, used, {}};
            m_remaining -= count;
            if (m_remaining == 0)
                m_stage = Stage::DataEnd;
            return {Status::Data, used + count, rest.first(count)};
        }
        case Stage::DataEnd:
            // Judged byte by byte, so a wrong byte fails at once however the input was split.
            if (!rest.isEmpty() && rest.at(0) != '\r')
                return fail(Error::MissingCrlf, QStringLiteral("chunk data is not followed by CRLF"));
            if (rest.size() >= 2 && rest.at(1) != '\n')
                return fail(Error::MissingCrlf, QStringLiteral("chunk data is not followed by CRLF"));
            if (rest.size() < 2)
                return {Status::NeedMore, used, {}};
            used += 2;
            m_stage = Stage::Size;
            break;
        case Stage::Trailers: {
            const qsizetype end = lineLength(rest, &failure);
            if (end < 0)
                return failure.status == Status::Error ? failure : Step {Status::NeedMore, used, {}};
            used += end + 2; // trailer fields are read past: nothing here needs them
            if (end == 0) {
                m_stage = Stage::Done;
                return {Status::Done, used, {}};
            }
            break;
        }
        }
    }
}

} // namespace coderai
