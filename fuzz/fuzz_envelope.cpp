// Incoming broker frames through the path a session uses (src/core/broker/brokerconversation.h):
// FrameScreen, parseEnvelope, heartbeats and replies, and work requests routed into a real
// WorkDispatcher (src/core/work/workdispatcher.h). The input is one frame per line. The local
// server URL points at a port nothing is asked to serve and the event loop never runs, so no
// request reaches the network: what is checked is everything decided synchronously.
//
// Invariants: every message the seller sends is a JSON object with a string request_id; a frame
// gets at most one terminal answer synchronously (an error, a success, a stream's `done`, a
// heartbeat answer); an error answer names a known code. The frame screen is also run on the raw
// bytes (not only valid UTF-8) with a small limit, so oversized frames and peekEnvelopeHead() see
// arbitrary input. peekEnvelopeHead() must also find the id the JSON parser finds (issue 10: an
// escaped id came back cut at the backslash, so a refusal went to an id the broker never sent).
#include "fuzzsupport.h"

#include "broker/brokerconversation.h"
#include "broker/framescreen.h"
#include "local/localserver.h"
#include "work/workdispatcher.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cstring>

using namespace coderai;

namespace {

constexpr int kMaxFrames = 64;

/// The answer as JSON, or a failure when it is not a JSON object with a string request_id.
QJsonObject checkedAnswer(const QByteArray &message)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(message, &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject(), message);
    const QJsonObject object = document.object();
    FUZZ_CHECK(object.value(QLatin1StringView("request_id")).isString(), message);
    const QString status = object.value(QLatin1StringView("status")).toString();
    if (status == QLatin1StringView("error")) {
        const QString code = object.value(QLatin1StringView("code")).toString();
        FUZZ_CHECK(errorCodeFromName(code).has_value(), message);
    }
    return object;
}

bool isTerminal(const QJsonObject &answer)
{
    const QString status = answer.value(QLatin1StringView("status")).toString();
    const QString event = answer.value(QLatin1StringView("event")).toString();
    if (status == QLatin1StringView("error"))
        return true;
    if (status != QLatin1StringView("ok"))
        return false; // pending
    return event.isEmpty() || event == QLatin1StringView("done") || event == QLatin1StringView("heartbeat");
}

// Qt's parser accepts what strict JSON does not: raw control characters and lone surrogate
// escapes in strings. The head reader stops at those (keeping an id it already read), so with a
// duplicate request_id after them the two can differ. The broker (Python's json) never sends
// either, so the comparison is made on strict JSON only.
bool strictJsonText(QByteArrayView frame)
{
    bool inString = false;
    for (qsizetype i = 0; i < frame.size(); ++i) {
        const auto c = static_cast<unsigned char>(frame[i]);
        if (!inString) {
            if (c < 0x20 && c != '\t' && c != '\r' && c != '\n')
                return false; // whitespace is the only control text outside strings
            inString = c == '"';
            continue;
        }
        if (c < 0x20)
            return false; // raw, not escaped
        if (c == '"') {
            inString = false;
        } else if (c == '\\' && i + 1 < frame.size()) {
            if (frame[i + 1] == 'u' && i + 3 < frame.size() && (frame[i + 2] == 'd' || frame[i + 2] == 'D')
                && frame[i + 3] != '\0' && std::strchr("89abcdefABCDEF", frame[i + 3]) != nullptr)
                return false; // a surrogate escape (strchr finds the terminator too)
            ++i; // the escaped character cannot end the string
        }
    }
    return true;
}

void checkHeadMatchesParser(QByteArrayView frame)
{
    if (frame.size() > 64 * 1024)
        return; // the head reader looks at a 64 KiB prefix only
    const QJsonValue id = QJsonDocument::fromJson(frame.toByteArray()).object().value(QLatin1StringView("request_id"));
    if (!id.isString() || !strictJsonText(frame))
        return;
    const EnvelopeHead head = peekEnvelopeHead(frame);
    FUZZ_CHECK(head.requestId.isEmpty() || head.requestId == id.toString(),
               "peekEnvelopeHead read '" + head.requestId.toUtf8() + "' where the parser read '"
                   + id.toString().toUtf8() + "'");
}

// parseEnvelope reads frames with its own strict cursor, not Qt's parser: whatever it takes, Qt's
// parser takes too, and both read the same id, payload, model and stream flag.
void checkEnvelopeMatchesParser(QByteArrayView frame)
{
    const EnvelopeParseResult parsed = parseEnvelope(frame);
    if (!parsed.envelope)
        return;
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(frame.toByteArray(), &error);
    FUZZ_CHECK(error.error == QJsonParseError::NoError && document.isObject(), "the cursor took what Qt refuses");
    const QJsonObject object = document.object();
    const Envelope &envelope = *parsed.envelope;
    FUZZ_CHECK(envelope.requestId == object.value(QLatin1StringView("request_id")).toString(), "request_id differs");
    const QJsonObject payload = object.value(QLatin1StringView("payload")).toObject();
    FUZZ_CHECK(envelope.payload() == payload, "payload differs");
    FUZZ_CHECK(envelope.model == payload.value(QLatin1StringView("model")).toString(), "model differs");
    FUZZ_CHECK(envelope.isStream() == payload.value(QLatin1StringView("stream")).toBool(false), "stream differs");
}

void screenRawFrame(QByteArrayView frame)
{
    checkHeadMatchesParser(frame);
    checkEnvelopeMatchesParser(frame);
    const FrameScreen screen(256);
    const ScreenedFrame verdict = screen.screen(frame);
    FUZZ_CHECK(verdict.envelope.has_value() == verdict.problem.isEmpty(), "a verdict both usable and refused");
    if (!verdict.answer.isEmpty()) {
        FUZZ_CHECK(!verdict.envelope, "an answer to a usable frame");
        const QJsonObject answer = checkedAnswer(verdict.answer);
        FUZZ_CHECK(isTerminal(answer), verdict.answer);
        FUZZ_CHECK(!answer.value(QLatin1StringView("request_id")).toString().isEmpty(), verdict.answer);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input = fuzz::bytes(data, size);
    {
        SellerConfig config;
        // One slot and one queue place, so that `overloaded` is reachable by a few frames. The
        // frame limit stays large enough for generate-seeds' 0.8 MB proxy envelope to reach the
        // dispatcher; screenRawFrame() covers oversized frames.
        config.maxConcurrent = 1;
        config.maxQueued = 1;
        config.maxIncomingMessageBytes = 1024 * 1024;
        config.maxOutgoingMessageBytes = 64 * 1024;
        LocalServer local(QUrl(QStringLiteral("http://127.0.0.1:9")), QString(), config.maxConcurrent);
        JobContext context;
        context.local = &local;
        WorkDispatcher dispatcher(config, context);
        BrokerConversation conversation(config, QStringLiteral("fuzz-registration-token"));
        conversation.setWorkHandler(&dispatcher);

        QList<QByteArray> sent;
        QObject::connect(&conversation, &BrokerConversation::outgoing, [&sent](const QByteArray &m) { sent.append(m); });
        QObject::connect(&dispatcher, &WorkHandler::replyReady, [&sent](const QByteArray &m) { sent.append(m); });

        qsizetype from = 0;
        for (int frames = 0; frames < kMaxFrames && from <= input.size(); ++frames) {
            qsizetype end = input.indexOf('\n', from);
            if (end < 0)
                end = input.size();
            const QByteArrayView frame = input.sliced(from, end - from);
            from = end + 1;
            screenRawFrame(frame);

            sent.clear();
            conversation.receive(QString::fromUtf8(frame));
            int terminals = 0;
            for (const QByteArray &message : std::as_const(sent)) {
                FUZZ_CHECK(message.size() <= config.maxOutgoingMessageBytes, "an answer over the outgoing limit");
                terminals += isTerminal(checkedAnswer(message)) ? 1 : 0;
            }
            FUZZ_CHECK(terminals <= 1, "more than one terminal answer to one frame");
        }
        dispatcher.cancelAll();
    }
    // Jobs and local replies are deleted with deleteLater(); no event loop runs here.
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    return 0;
}
