#include "envelope.h"

#include "broker/jsoncursor.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <cctype>

namespace coderai {
namespace {

struct CodeName
{
    ErrorCode code;
    QLatin1StringView name;
};

constexpr std::array kCodeNames{
    CodeName{ErrorCode::BadRequest, QLatin1StringView("bad_request")},
    CodeName{ErrorCode::UnsupportedOperation, QLatin1StringView("unsupported_operation")},
    CodeName{ErrorCode::UnsupportedEndpoint, QLatin1StringView("unsupported_endpoint")},
    CodeName{ErrorCode::ModelNotFound, QLatin1StringView("model_not_found")},
    CodeName{ErrorCode::UpstreamUnavailable, QLatin1StringView("upstream_unavailable")},
    CodeName{ErrorCode::UpstreamTimeout, QLatin1StringView("upstream_timeout")},
    CodeName{ErrorCode::UpstreamError, QLatin1StringView("upstream_error")},
    CodeName{ErrorCode::PayloadTooLarge, QLatin1StringView("payload_too_large")},
    CodeName{ErrorCode::Overloaded, QLatin1StringView("overloaded")},
    CodeName{ErrorCode::SellerPaused, QLatin1StringView("seller_paused")},
    CodeName{ErrorCode::Cancelled, QLatin1StringView("cancelled")},
    CodeName{ErrorCode::InternalError, QLatin1StringView("internal_error")},
};

EnvelopeParseResult failure(QString message, QString requestId = {})
{
    return {std::nullopt, EnvelopeParseError{ErrorCode::BadRequest, std::move(message), std::move(requestId)}};
}

// How much of an oversized frame peekEnvelopeHead reads: AISBF writes request_id and the
// payload's small fields first, and a bounded prefix keeps a refusal cheap.
constexpr qsizetype kHeadPrefixBytes = 64 * 1024;

bool isJsonSpace(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/// \brief Reads the top level of a JSON object from a prefix of it, without building a document:
/// enough to find request_id and payload.stream in a frame too large to parse whole.
///
/// Strings are decoded as the JSON parser decodes them (every escape, surrogate pairs), so the
/// id a refusal goes to is the id the broker sent. Nested values are skipped with a depth
/// counter, not recursion, so deep nesting costs no stack. It stops at the end of the prefix or
/// at anything malformed, keeping what it found until then.
class HeadReader
{
public:
    explicit HeadReader(QByteArrayView text)
        : m_text(text)
    {
    }

    EnvelopeHead read()
    {
        EnvelopeHead head;
        readObject([this, &head](const QString &key) {
            if (key == QLatin1StringView("request_id") && peek() == '"') {
                QString id;
                if (!readString(&id))
                    return false;
                head.requestId = std::move(id);
                return true;
            }
            if (key == QLatin1StringView("payload") && peek() == '{') {
                return readObject([this, &head](const QString &field) {
                    if (field == QLatin1StringView("stream") && m_text.sliced(m_pos).startsWith("true"))
                        head.stream = true;
                    return skipValue();
                });
            }
            return skipValue();
        });
        return head;
    }

private:
    char peek()
    {
        while (m_pos < m_text.size() && isJsonSpace(m_text[m_pos]))
            ++m_pos;
        return m_pos < m_text.size() ? m_text[m_pos] : '\0';
    }

    bool take(char expected)
    {
        if (peek() != expected)
            return false;
        ++m_pos;
        return true;
    }

    // An object's members, each value handed to `member` with the position on its first byte.
    template<typename Member>
    bool readObject(Member member)
    {
        if (!take('{'))
            return false;
        if (take('}'))
            return true;
        do {
            QString key;
            if (peek() != '"' || !readString(&key) || !take(':') || peek() == '\0' || !member(key))
                return false;
        } while (take(','));
        return take('}');
    }

    // A string at m_pos, decoded into *out (or only skipped when out is null).
    bool readString(QString *out)
    {
        ++m_pos; // the opening quote
        QByteArray bytes;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos++];
            if (c == '"') {
                if (out)
                    *out = QString::fromUtf8(bytes);
                return true;
            }
            if (uchar(c) < 0x20)
                return false; // a raw control character: not JSON
            if (c != '\\') {
                bytes.append(c);
                continue;
            }
            if (m_pos >= m_text.size())
                return false;
            const char escape = m_text[m_pos++];
            switch (escape) {
            case '"': case '\\': case '/': bytes.append(escape); break;
            case 'b': bytes.append('\b'); break;
            case 'f': bytes.append('\f'); break;
            case 'n': bytes.append('\n'); break;
            case 'r': bytes.append('\r'); break;
            case 't': bytes.append('\t'); break;
            case 'u': {
                char32_t unit = 0;
                if (!readHex4(&unit))
                    return false;
                if (unit >= 0xdc00 && unit <= 0xdfff)
                    return false; // a low surrogate without its high one
                if (unit >= 0xd800 && unit <= 0xdbff) {
                    char32_t low = 0;
                    if (!m_text.sliced(m_pos).startsWith("\\u"))
                        return false;
                    m_pos += 2;
                    if (!readHex4(&low) || low < 0xdc00 || low > 0xdfff)
                        return false;
                    unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
                }
                bytes += QString::fromUcs4(&unit, 1).toUtf8();
                break;
            }
            default:
                return false;
            }
        }
        return false; // the prefix ends inside the string
    }

    bool readHex4(char32_t *value)
    {
        if (m_pos + 4 > m_text.size())
            return false;
        const QByteArrayView digits = m_text.sliced(m_pos, 4);
        // toUShort alone would take a sign or surrounding spaces.
        if (!std::all_of(digits.begin(), digits.end(), [](char c) { return std::isxdigit(uchar(c)); }))
            return false;
        *value = digits.toUShort(nullptr, 16);
        m_pos += 4;
        return true;
    }

    // Any value at m_pos: a string, a scalar, or an object or array skipped to its close.
    bool skipValue()
    {
        const char first = peek();
        if (first == '"')
            return readString(nullptr);
        if (first != '{' && first != '[') {
            const qsizetype start = m_pos;
            while (m_pos < m_text.size() && !isJsonSpace(m_text[m_pos]) && m_text[m_pos] != ','
                   && m_text[m_pos] != '}' && m_text[m_pos] != ']')
                ++m_pos;
            return m_pos > start && m_pos < m_text.size();
        }
        qsizetype depth = 0;
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c == '"') {
                if (!readString(nullptr))
                    return false;
                continue;
            }
            ++m_pos;
            if (c == '{' || c == '[')
                ++depth;
            else if ((c == '}' || c == ']') && --depth == 0)
                return true;
        }
        return false;
    }

    QByteArrayView m_text;
    qsizetype m_pos = 0;
};

} // namespace

QLatin1StringView errorCodeName(ErrorCode code)
{
    for (const auto &entry : kCodeNames) {
        if (entry.code == code)
            return entry.name;
    }
    return QLatin1StringView("internal_error");
}

std::optional<ErrorCode> errorCodeFromName(QStringView name)
{
    for (const auto &entry : kCodeNames) {
        if (name == entry.name)
            return entry.code;
    }
    return std::nullopt;
}

const QJsonObject &Envelope::payload() const
{
    if (!m_payload)
        m_payload = QJsonDocument::fromJson(payloadJson).object();
    return *m_payload;
}

void Envelope::setPayload(const QJsonObject &payload)
{
    m_payload = payload;
    payloadJson = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    model = payload.value(QLatin1StringView("model")).toString();
    stream = payload.value(QLatin1StringView("stream")).toBool(false);
    tokenInEnvelope = payload.value(QLatin1StringView("registration_token")).toString();
}

QJsonObject Envelope::object() const
{
    return QJsonDocument::fromJson(m_frame).object();
}

EnvelopeHead peekEnvelopeHead(QByteArrayView utf8)
{
    return HeadReader(utf8.first(std::min(utf8.size(), kHeadPrefixBytes))).read();
}

EnvelopeParseResult parseEnvelope(QByteArrayView utf8)
{
    // One pass over the frame validates all of it and reads the handful of fields routing needs;
    // the payload stays text (Envelope's comment says why).
    enum class Shape { Missing, String, Object, Null, Other };
    struct Field
    {
        Shape shape = Shape::Missing;
        QString text;
    };
    Field id, op, status, event, error, token, payloadToken;
    Shape payloadShape = Shape::Missing;
    qsizetype payloadBegin = 0;
    qsizetype payloadEnd = 0;
    QString model;
    bool stream = false;

    json::Cursor cursor(utf8);
    auto readField = [&cursor, utf8](Field *field) {
        const json::Cursor::Type type = cursor.peek();
        if (type == json::Cursor::Type::String) {
            field->shape = Shape::String;
            return cursor.readString(&field->text);
        }
        field->text.clear();
        field->shape = type == json::Cursor::Type::Literal && utf8.sliced(cursor.position()).startsWith("null")
            ? Shape::Null
            : Shape::Other;
        return cursor.skip();
    };
    auto readPayload = [&] {
        payloadBegin = cursor.position();
        model.clear(); // a repeated payload: only the last one's fields count
        stream = false;
        payloadToken = {};
        if (cursor.peek() != json::Cursor::Type::Object) {
            payloadShape = utf8.sliced(payloadBegin).startsWith("null") ? Shape::Null : Shape::Other;
            return cursor.skip();
        }
        payloadShape = Shape::Object;
        const bool ok = cursor.readObject([&](QByteArrayView key) {
            if (key == "model") {
                Field field;
                const bool read = readField(&field);
                model = field.text;
                return read;
            }
            if (key == "stream") {
                stream = cursor.peekTrue();
                return cursor.skip();
            }
            if (key == "registration_token")
                return readField(&payloadToken);
            return cursor.skip();
        });
        payloadEnd = cursor.offset();
        return ok;
    };

    const bool isObject = cursor.peek() == json::Cursor::Type::Object;
    const bool valid = isObject
        ? cursor.readObject([&](QByteArrayView key) {
              // A repeated key: the last one counts, as in Qt's parser and Python's.
              if (key == "request_id")
                  return readField(&id);
              if (key == "op")
                  return readField(&op);
              if (key == "payload")
                  return readPayload();
              if (key == "status")
                  return readField(&status);
              if (key == "event")
                  return readField(&event);
              if (key == "error")
                  return readField(&error);
              if (key == "registration_token")
                  return readField(&token);
              return cursor.skip();
          }) && cursor.atEnd()
        : cursor.skip() && cursor.atEnd();
    if (!valid)
        return failure(QStringLiteral("frame is not valid JSON (at byte %1)").arg(cursor.position()));
    if (!isObject)
        return failure(QStringLiteral("frame is not a JSON object"));

    const QString requestId = id.shape == Shape::String ? id.text : QString();
    Envelope envelope;
    envelope.sizeBytes = utf8.size();
    envelope.requestId = requestId;

    if (payloadShape == Shape::Other)
        return failure(QStringLiteral("'payload' must be an object"), requestId);
    if (payloadShape == Shape::Object) {
        envelope.payloadJson = utf8.sliced(payloadBegin, payloadEnd - payloadBegin).toByteArray();
        envelope.model = model;
        envelope.stream = stream;
    }
    envelope.tokenInEnvelope = token.shape == Shape::String && !token.text.isEmpty() ? token.text : payloadToken.text;

    if (op.shape == Shape::Missing) {
        if (status.shape != Shape::String && event.shape != Shape::String)
            return failure(QStringLiteral("frame has neither 'op' nor 'status'/'event'"), requestId);
        if (id.shape == Shape::Other)
            return failure(QStringLiteral("'request_id' must be a string"));
        envelope.kind = Envelope::Kind::Reply;
        envelope.m_frame = utf8.toByteArray();
        envelope.status = status.text;
        envelope.event = event.text;
        envelope.error = error.text;
        return {std::move(envelope), std::nullopt};
    }

    if (op.shape != Shape::String || op.text.isEmpty())
        return failure(QStringLiteral("'op' must be a non-empty string"), requestId);
    if (id.shape != Shape::String || requestId.isEmpty())
        return failure(QStringLiteral("'request_id' must be a non-empty string"));
    envelope.kind = Envelope::Kind::Request;
    envelope.op = op.text;
    return {std::move(envelope), std::nullopt};
}

namespace envelopes {
namespace {

// `{"v":1,"request_id":"…"`: every message starts so; the caller appends the rest and the `}`.
QByteArray opened(const QString &requestId, qsizetype room)
{
    QByteArray out;
    out.reserve(room + requestId.size() + 64);
    out.append(R"({"v":1,"request_id":)");
    json::appendString(out, QStringView(requestId));
    return out;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

QByteArray request(QStringView op, const QString &requestId, const QJsonObject &payload)
{
    const QByteArray body = compact(payload);
    QByteArray out = opened(requestId, body.size());
    out.append(R"(,"op":)");
    json::appendString(out, op);
    out.append(R"(,"payload":)").append(body).append('}');
    return out;
}

QByteArray success(const QString &requestId, const QJsonObject &payload)
{
    return successJson(requestId, compact(payload));
}

QByteArray successJson(const QString &requestId, QByteArrayView payloadJson)
{
    QByteArray out = opened(requestId, payloadJson.size());
    out.append(R"(,"status":"ok","payload":)").append(payloadJson).append('}');
    return out;
}

QByteArray error(const QString &requestId, const WorkError &error, bool asStreamEvent)
{
    QByteArray out = opened(requestId, error.message.size());
    out.append(R"(,"status":"error")");
    if (asStreamEvent)
        out.append(R"(,"event":"done")");
    out.append(R"(,"error":)");
    json::appendString(out, QStringView(error.message));
    out.append(R"(,"code":")").append(errorCodeName(error.code)).append('"');
    if (!error.details.isEmpty())
        out.append(R"(,"details":)").append(compact(error.details));
    out.append('}');
    return out;
}

QByteArray event(const QString &requestId, QStringView event, const QJsonObject &payload)
{
    const QByteArray body = compact(payload);
    QByteArray out = opened(requestId, body.size());
    out.append(R"(,"status":"ok","event":)");
    json::appendString(out, event);
    out.append(R"(,"payload":)").append(body).append('}');
    return out;
}

QByteArray chunkEvent(const QString &requestId, QByteArrayView utf8)
{
    QByteArray out = opened(requestId, utf8.size() + utf8.size() / 8);
    out.append(R"(,"status":"ok","event":"chunk","payload":{"chunk":)");
    if (utf8.isValidUtf8())
        json::appendString(out, utf8);
    else
        json::appendString(out, QStringView(QString::fromUtf8(utf8))); // as Qt always did: U+FFFD
    out.append("}}");
    return out;
}

QByteArray pending(const QString &requestId, const QString &message, int estimatedTimeoutSeconds)
{
    QByteArray out = opened(requestId, message.size());
    out.append(R"(,"status":"pending","event":"pending","payload":{"message":)");
    json::appendString(out, QStringView(message));
    out.append(R"(,"estimated_timeout":)").append(QByteArray::number(estimatedTimeoutSeconds)).append("}}");
    return out;
}

QByteArray heartbeatAnswer(const QString &requestId, qint64 unixSeconds)
{
    QByteArray out = opened(requestId, 0);
    out.append(R"(,"status":"ok","event":"heartbeat","payload":{"ts":)")
        .append(QByteArray::number(unixSeconds))
        .append("}}");
    return out;
}

} // namespace envelopes
} // namespace coderai
