#pragma once

#include "broker/envelope.h"

#include <QByteArray>
#include <QString>

#include <optional>

namespace coderai {

/// \brief The verdict on one incoming frame: a usable envelope, or why not and what to answer.
struct ScreenedFrame
{
    std::optional<Envelope> envelope; ///< set when the frame can be acted on
    QByteArray answer;                ///< an error reply for the broker, when a request id could be read
    QString problem;                  ///< English, for the log; empty when the frame is usable
};

/// \brief Screens incoming text frames before the session acts on them (PROTOCOL.md §9).
///
/// The size limit comes first, so an oversized frame is never parsed whole (only its head is
/// read for a request id); then the envelope's shape. A refused frame costs only that request:
/// it is answered where an id can be read, and the session goes on.
class FrameScreen final
{
public:
    explicit FrameScreen(qint64 maxBytes);

    qint64 maxBytes() const;
    ScreenedFrame screen(QByteArrayView utf8) const;

private:
    ScreenedFrame refuseOversized(QByteArrayView utf8) const;

    qint64 m_maxBytes;
};

} // namespace coderai
