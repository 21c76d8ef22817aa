#include "jsoncursor.h"

#include <QJsonArray>
#include <QJsonDocument>

#include <array>
#include <bit>
#include <cstring>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

namespace coderai::json {
namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

bool isHex(char c)
{
    return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// Which bytes a JSON string can carry as they are: everything but the quote, the backslash and
// the control characters.
constexpr std::array<bool, 256> kPlain = [] {
    std::array<bool, 256> plain{};
    for (int c = 0; c < 256; ++c)
        plain[c] = c >= 0x20 && c != '"' && c != '\\';
    return plain;
}();

// What writing a byte inside a JSON string adds to it: nothing for text that goes as it is, one
// byte for a two-character escape, five for \u00XX.
constexpr std::array<quint8, 256> kEscapeCost = [] {
    std::array<quint8, 256> cost{};
    for (int c = 0; c < 0x20; ++c)
        cost[c] = 5;
    for (const int c : {'"', '\\', '\b', '\f', '\n', '\r', '\t'})
        cost[c] = 1;
    return cost;
}();

#ifdef __SSE2__
// The bytes of a 16-byte block that cannot go into a JSON string as they are: quotes,
// backslashes and control characters, one bit each (bit i for byte i).
struct Stops
{
    int quoteOrBackslash;
    int control;
    int all() const { return quoteOrBackslash | control; }
};

Stops stopsIn(__m128i bytes)
{
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    // byte < 0x20 <=> (byte ^ 0x80) < (0x20 ^ 0x80), compared as signed bytes
    const __m128i flip = _mm_set1_epi8(char(0x80));
    const __m128i control = _mm_set1_epi8(char(0x20 ^ 0x80));
    return {_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(bytes, quote), _mm_cmpeq_epi8(bytes, backslash))),
            _mm_movemask_epi8(_mm_cmplt_epi8(_mm_xor_si128(bytes, flip), control))};
}

__m128i load16(const char *at)
{
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(at));
}
#endif

// Where the run of plain bytes from \a from ends (\a size when it reaches the end); \a high
// gathers the bytes' high bits, so a run of ASCII leaves it under 0x80.
qsizetype plainRun(const char *data, qsizetype from, qsizetype size, unsigned char *high)
{
    qsizetype pos = from;
#ifdef __SSE2__
    // Sixteen bytes a step: most of a frame is a few long strings (a system prompt, a reply);
    // the table walk below finishes each run and handles short strings by itself.
    int highBits = 0;
    while (pos + 16 <= size) {
        const __m128i bytes = load16(data + pos);
        const int stops = stopsIn(bytes).all();
        if (stops != 0) {
            const int plain = std::countr_zero(unsigned(stops));
            highBits |= _mm_movemask_epi8(bytes) & ((1 << plain) - 1);
            pos += plain;
            break;
        }
        highBits |= _mm_movemask_epi8(bytes);
        pos += 16;
    }
    if (highBits != 0)
        *high |= 0x80;
#endif
    unsigned char c = 0;
    while (pos < size && kPlain[c = static_cast<unsigned char>(data[pos])]) {
        *high |= c;
        ++pos;
    }
    return pos;
}

// What escaping \a size bytes adds to them (kEscapeCost summed).
qsizetype escapedExtra(const char *data, qsizetype size)
{
    qsizetype extra = 0;
    qsizetype i = 0;
#ifdef __SSE2__
    for (; i + 16 <= size; i += 16) {
        const Stops stops = stopsIn(load16(data + i));
        if (stops.control == 0) {
            extra += std::popcount(unsigned(stops.quoteOrBackslash));
            continue;
        }
        for (int j = 0; j < 16; ++j) // control characters cost one byte or five: the table knows
            extra += kEscapeCost[static_cast<unsigned char>(data[i + j])];
    }
#endif
    for (; i < size; ++i)
        extra += kEscapeCost[static_cast<unsigned char>(data[i])];
    return extra;
}

// Writes the escape of \a c, a byte kPlain refuses.
char *writeEscape(char *to, unsigned char c)
{
    static constexpr char kHex[] = "0123456789abcdef";
    *to++ = '\\';
    switch (c) {
    case '"': *to++ = '"'; break;
    case '\\': *to++ = '\\'; break;
    case '\b': *to++ = 'b'; break;
    case '\f': *to++ = 'f'; break;
    case '\n': *to++ = 'n'; break;
    case '\r': *to++ = 'r'; break;
    case '\t': *to++ = 't'; break;
    default:
        *to++ = 'u';
        *to++ = '0';
        *to++ = '0';
        *to++ = kHex[c >> 4];
        *to++ = kHex[c & 0xf];
    }
    return to;
}

// Writes \a size bytes escaped at \a to, which has room for all of them; returns the end.
char *writeEscaped(char *to, const char *data, qsizetype size)
{
    qsizetype i = 0;
#ifdef __SSE2__
    // Each block is stored whole, then the output moves on only past its plain bytes: what lies
    // beyond is written over next. The store never passes the room: every byte still to come
    // writes at least one.
    while (i + 16 <= size) {
        const __m128i bytes = load16(data + i);
        _mm_storeu_si128(reinterpret_cast<__m128i *>(to), bytes);
        const int stops = stopsIn(bytes).all();
        if (stops == 0) {
            to += 16;
            i += 16;
            continue;
        }
        const int plain = std::countr_zero(unsigned(stops));
        to += plain;
        i += plain;
        to = writeEscape(to, static_cast<unsigned char>(data[i++]));
    }
#endif
    for (; i < size; ++i) {
        const auto c = static_cast<unsigned char>(data[i]);
        if (kPlain[c])
            *to++ = char(c);
        else
            to = writeEscape(to, c);
    }
    return to;
}

} // namespace

bool Cursor::enter()
{
    return ++m_depth <= kMaxDepth;
}

Cursor::Type Cursor::peek()
{
    const char c = next();
    if (m_pos >= m_text.size())
        return Type::End;
    switch (c) {
    case '{': return Type::Object;
    case '[': return Type::Array;
    case '"': return Type::String;
    case 't': case 'f': case 'n': return Type::Literal;
    default: return c == '-' || isDigit(c) ? Type::Number : Type::Invalid;
    }
}

bool Cursor::peekTrue()
{
    next();
    return m_text.sliced(m_pos).startsWith("true");
}

qsizetype Cursor::position()
{
    next();
    return m_pos;
}

bool Cursor::atEnd()
{
    next();
    return m_pos == m_text.size();
}

bool Cursor::skipLiteral()
{
    const QByteArrayView rest = m_text.sliced(m_pos);
    for (const char *literal : {"true", "false", "null"}) {
        if (rest.startsWith(literal)) {
            m_pos += qsizetype(std::char_traits<char>::length(literal));
            return true;
        }
    }
    return false;
}

bool Cursor::skipNumber()
{
    const qsizetype size = m_text.size();
    auto digits = [&] {
        const qsizetype start = m_pos;
        while (m_pos < size && isDigit(m_text[m_pos]))
            ++m_pos;
        return m_pos > start;
    };
    const qsizetype start = m_pos;
    if (m_text[m_pos] == '-')
        ++m_pos;
    if (m_pos < size && m_text[m_pos] == '0')
        ++m_pos; // no leading zeros
    else if (!digits())
        return false;
    if (m_pos < size && m_text[m_pos] == '.') {
        ++m_pos;
        if (!digits())
            return false;
    }
    if (m_pos < size && (m_text[m_pos] == 'e' || m_text[m_pos] == 'E')) {
        ++m_pos;
        if (m_pos < size && (m_text[m_pos] == '+' || m_text[m_pos] == '-'))
            ++m_pos;
        if (!digits())
            return false;
        return representable(start);
    }
    return m_pos - start <= 300 || representable(start);
}

bool Cursor::representable(qsizetype start) const
{
    // Qt's parser refuses a number a double cannot hold (1e400, 1e-400); so does the cursor.
    bool ok = false;
    [[maybe_unused]] const double value = m_text.sliced(start, m_pos - start).toDouble(&ok);
    return ok;
}

bool Cursor::skipString(qsizetype *begin, qsizetype *end, bool *escaped)
{
    if (next() != '"')
        return false;
    const qsizetype size = m_text.size();
    const char *data = m_text.data();
    *begin = ++m_pos;
    *escaped = false;
    unsigned char seen = 0; // every byte OR-ed: its high bit says whether any was not ASCII
    while (m_pos < size) {
        m_pos = plainRun(data, m_pos, size, &seen);
        if (m_pos == size)
            break;
        const auto c = static_cast<unsigned char>(data[m_pos]);
        if (c == '"') {
            *end = m_pos++;
            // Qt's parser refuses malformed UTF-8 too: the cursor never accepts what it would not.
            return seen < 0x80 || m_text.sliced(*begin, *end - *begin).isValidUtf8();
        }
        if (c != '\\' || m_pos + 1 >= size)
            return false; // a raw control character, or the text ends inside an escape
        *escaped = true;
        const char escape = data[m_pos + 1];
        m_pos += 2;
        if (escape == 'u') {
            if (m_pos + 4 > size)
                return false;
            for (int i = 0; i < 4; ++i) {
                if (!isHex(data[m_pos++]))
                    return false;
            }
        } else if (escape != '"' && escape != '\\' && escape != '/' && escape != 'b' && escape != 'f'
                   && escape != 'n' && escape != 'r' && escape != 't') {
            return false;
        }
    }
    return false;
}

bool Cursor::readString(QString *out)
{
    qsizetype begin = 0;
    qsizetype end = 0;
    bool escaped = false;
    if (!skipString(&begin, &end, &escaped))
        return false;
    if (!out)
        return true;
    const QByteArrayView raw = m_text.sliced(begin, end - begin);
    if (!escaped) {
        *out = QString::fromUtf8(raw);
        return true;
    }
    // Escapes are rare on the hot path: Qt's own parser decodes them, exactly as it always did
    // (lone surrogate escapes included, which Python's json writes).
    QByteArray wrapped;
    wrapped.reserve(raw.size() + 4);
    wrapped.append("[\"").append(raw).append("\"]");
    *out = QJsonDocument::fromJson(wrapped).array().at(0).toString();
    return true;
}

bool Cursor::readStringIsEmpty(bool *empty)
{
    qsizetype begin = 0;
    qsizetype end = 0;
    bool escaped = false;
    if (!skipString(&begin, &end, &escaped))
        return false;
    *empty = end == begin;
    return true;
}

bool Cursor::readKey(QByteArray *scratch, QByteArrayView *key)
{
    qsizetype begin = 0;
    qsizetype end = 0;
    bool escaped = false;
    if (!skipString(&begin, &end, &escaped))
        return false;
    if (!escaped) {
        *key = m_text.sliced(begin, end - begin);
        return true;
    }
    const qsizetype after = m_pos;
    m_pos = begin - 1;
    QString decoded;
    readString(&decoded);
    m_pos = after;
    *scratch = decoded.toUtf8();
    *key = *scratch;
    return true;
}

bool Cursor::skip()
{
    switch (peek()) {
    case Type::Object:
        return readObject([this](QByteArrayView) { return skip(); });
    case Type::Array:
        return readArray([this] { return skip(); });
    case Type::String:
        return readString(nullptr);
    case Type::Number:
        return skipNumber();
    case Type::Literal:
        return skipLiteral();
    case Type::End:
    case Type::Invalid:
        break;
    }
    return false;
}

std::optional<QByteArrayView> Cursor::skipRaw()
{
    const qsizetype begin = position();
    if (!skip())
        return std::nullopt;
    return m_text.sliced(begin, m_pos - begin);
}

void appendString(QByteArray &out, QByteArrayView utf8)
{
    const char *data = utf8.data();
    const qsizetype size = utf8.size();
    // Two passes: measure, then write through a pointer into room made once. Appending piece by
    // piece cost about a hundred instructions per escaped character (a stream chunk has dozens).
    const qsizetype extra = escapedExtra(data, size);
    const qsizetype start = out.size();
    out.resize(start + size + extra + 2);
    char *to = out.data() + start;
    *to++ = '"';
    if (extra == 0) {
        if (size > 0) // an empty view may have no data pointer at all, which memcpy must not get
            std::memcpy(to, data, size_t(size));
        to += size;
    } else {
        to = writeEscaped(to, data, size);
    }
    *to = '"';
}

void appendString(QByteArray &out, QStringView text)
{
    appendString(out, QByteArrayView(text.toUtf8()));
}

} // namespace coderai::json
