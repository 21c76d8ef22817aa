#include "framescreen.h"

namespace coderai {

FrameScreen::FrameScreen(qint64 maxBytes)
    : m_maxBytes(maxBytes)
{
}

qint64 FrameScreen::maxBytes() const
{
    return m_maxBytes;
}

ScreenedFrame FrameScreen::screen(QByteArrayView utf8) const
{
    if (utf8.size() > m_maxBytes)
        return refuseOversized(utf8);
    EnvelopeParseResult parsed = parseEnvelope(utf8);
    if (!parsed.error)
        return {std::move(parsed.envelope), {}, {}};
    const EnvelopeParseError &error = *parsed.error;
    ScreenedFrame verdict;
    verdict.problem = QStringLiteral("malformed frame (%1 bytes): %2").arg(utf8.size()).arg(error.message);
    if (!error.requestId.isEmpty())
        verdict.answer = envelopes::error(error.requestId, {error.code, error.message, {}}, false);
    return verdict;
}

ScreenedFrame FrameScreen::refuseOversized(QByteArrayView utf8) const
{
    const EnvelopeHead head = peekEnvelopeHead(utf8);
    ScreenedFrame verdict;
    verdict.problem = QStringLiteral("refused an incoming message of %1 bytes (limit %2) %3")
                          .arg(utf8.size())
                          .arg(m_maxBytes)
                          .arg(head.requestId);
    if (!head.requestId.isEmpty()) {
        const WorkError refusal{ErrorCode::PayloadTooLarge,
                                QStringLiteral("The request is %1 bytes; this seller accepts at most %2.")
                                    .arg(utf8.size())
                                    .arg(m_maxBytes),
                                {}};
        verdict.answer = envelopes::error(head.requestId, refusal, head.stream);
    }
    return verdict;
}

} // namespace coderai
