#include "envelope.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <algorithm>
#include <array>
#include <cctype>

namespace coderai {
namespace {

constexpr int kProtocolVersion = 1;

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

QJsonObject base(const QString &requestId)
{
    return QJsonObject{{QLatin1StringView("v"), kProtocolVersion},
                       {QLatin1StringView("request_id"), requestId}};
}

QByteArray serialize(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

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

bool Envelope::isStream() const
{
    return payload.value(QLatin1StringView("stream")).toBool(false);
}

QString Envelope::registrationToken() const
{
    const QLatin1StringView key("registration_token");
    const QString top = object.value(key).toString();
    return top.isEmpty() ? payload.value(key).toString() : top;
}

EnvelopeHead peekEnvelopeHead(QByteArrayView utf8)
{
    return HeadReader(utf8.first(std::min(utf8.size(), kHeadPrefixBytes))).read();
}

EnvelopeParseResult parseEnvelope(QByteArrayView utf8)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(utf8.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return failure(QStringLiteral("frame is not valid JSON: %1").arg(parseError.errorString()));
    if (!document.isObject())
        return failure(QStringLiteral("frame is not a JSON object"));

    const QJsonObject object = document.object();
    const QJsonValue idValue = object.value(QLatin1StringView("request_id"));
    const QString requestId = idValue.isString() ? idValue.toString() : QString();

    Envelope envelope;
    envelope.object = object;
    envelope.sizeBytes = utf8.size();
    envelope.requestId = requestId;

    const QJsonValue payload = object.value(QLatin1StringView("payload"));
    if (!payload.isUndefined() && !payload.isNull() && !payload.isObject())
        return failure(QStringLiteral("'payload' must be an object"), requestId);
    envelope.payload = payload.toObject();

    const QJsonValue op = object.value(QLatin1StringView("op"));
    if (op.isUndefined()) {
        const QJsonValue status = object.value(QLatin1StringView("status"));
        const QJsonValue event = object.value(QLatin1StringView("event"));
        if (!status.isString() && !event.isString())
            return failure(QStringLiteral("frame has neither 'op' nor 'status'/'event'"), requestId);
        if (!idValue.isUndefined() && !idValue.isString() && !idValue.isNull())
            return failure(QStringLiteral("'request_id' must be a string"));
        envelope.kind = Envelope::Kind::Reply;
        envelope.status = status.toString();
        envelope.event = event.toString();
        envelope.error = object.value(QLatin1StringView("error")).toString();
        return {std::move(envelope), std::nullopt};
    }

    if (!op.isString() || op.toString().isEmpty())
        return failure(QStringLiteral("'op' must be a non-empty string"), requestId);
    if (!idValue.isString() || requestId.isEmpty())
        return failure(QStringLiteral("'request_id' must be a non-empty string"));
    envelope.kind = Envelope::Kind::Request;
    envelope.op = op.toString();
    return {std::move(envelope), std::nullopt};
}

namespace envelopes {

QByteArray request(QStringView op, const QString &requestId, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("op"), op.toString());
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray success(const QString &requestId, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray error(const QString &requestId, const WorkError &error, bool asStreamEvent)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("error"));
    if (asStreamEvent)
        object.insert(QLatin1StringView("event"), QLatin1StringView("done"));
    object.insert(QLatin1StringView("error"), error.message);
    object.insert(QLatin1StringView("code"), errorCodeName(error.code));
    if (!error.details.isEmpty())
        object.insert(QLatin1StringView("details"), error.details);
    return serialize(object);
}

QByteArray event(const QString &requestId, QStringView event, const QJsonObject &payload)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("event"), event.toString());
    object.insert(QLatin1StringView("payload"), payload);
    return serialize(object);
}

QByteArray pending(const QString &requestId, const QString &message, int estimatedTimeoutSeconds)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("pending"));
    object.insert(QLatin1StringView("event"), QLatin1StringView("pending"));
    object.insert(QLatin1StringView("payload"),
                  QJsonObject{{QLatin1StringView("message"), message},
                              {QLatin1StringView("estimated_timeout"), estimatedTimeoutSeconds}});
    return serialize(object);
}

QByteArray heartbeatAnswer(const QString &requestId, qint64 unixSeconds)
{
    QJsonObject object = base(requestId);
    object.insert(QLatin1StringView("status"), QLatin1StringView("ok"));
    object.insert(QLatin1StringView("event"), QLatin1StringView("heartbeat"));
    object.insert(QLatin1StringView("payload"), QJsonObject{{QLatin1StringView("ts"), unixSeconds}});
    return serialize(object);
}

} // namespace envelopes
} // namespace coderai
