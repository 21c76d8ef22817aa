#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

#include <optional>

namespace coderai::json {

/// \brief A strict (RFC 8259) forward reader over UTF-8 JSON text that builds no document.
///
/// The hot path reads a few fields of each frame and passes the rest on as it came: a
/// QJsonDocument round trip of every envelope cost more than everything else a request does
/// (docs/PERFORMANCE.md). Each read validates what it passes over, so a text the cursor walks
/// to its end is valid JSON; any read answers false at the first malformed byte and the cursor
/// is then unusable. Nesting deeper than kMaxDepth is refused, whatever the stack.
class Cursor
{
public:
    static constexpr int kMaxDepth = 512;

    enum class Type { Object, Array, String, Number, Literal, End, Invalid };

    explicit Cursor(QByteArrayView text)
        : m_text(text)
    {
    }

    /// The kind of the next value, after whitespace; the position is not moved past it.
    Type peek();
    /// The next value is the literal `true` (not consumed).
    bool peekTrue();
    /// Offset of the next byte, after whitespace.
    qsizetype position();
    /// Offset of the next byte as it is (right after the last value read).
    qsizetype offset() const { return m_pos; }
    /// Only whitespace is left.
    bool atEnd();

    /// Reads an object, calling `member(key)` with the position on each member's value; the
    /// callback must consume that value (a read or skip()) and answer whether it could. The key
    /// is decoded UTF-8, valid until the callback returns.
    template<typename Member>
    bool readObject(Member &&member);
    /// Reads an array, calling `element()` with the position on each element.
    template<typename Element>
    bool readArray(Element &&element);

    /// Reads a string value into *out (decoded); with a null out only validates it.
    bool readString(QString *out);
    /// Reads a string value; *empty says whether it decodes to nothing.
    bool readStringIsEmpty(bool *empty);
    /// Skips any one value, validating it.
    bool skip();
    /// Skips one value as skip() does and answers its text; nothing when it is malformed.
    std::optional<QByteArrayView> skipRaw();

private:
    bool enter();
    // Inline: called for every token.
    char next()
    {
        while (m_pos < m_text.size()) {
            const char c = m_text[m_pos];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
                return c;
            ++m_pos;
        }
        return '\0';
    }
    bool take(char expected)
    {
        if (next() != expected)
            return false;
        ++m_pos;
        return true;
    }
    bool skipLiteral();
    bool skipNumber();
    bool representable(qsizetype start) const;
    bool skipString(qsizetype *begin, qsizetype *end, bool *escaped);
    bool skipNested();
    bool readKey(QByteArray *scratch, QByteArrayView *key);

    QByteArrayView m_text;
    qsizetype m_pos = 0;
    int m_depth = 0;
};

/// Appends \a utf8 (valid UTF-8) as a JSON string, quotes included.
void appendString(QByteArray &out, QByteArrayView utf8);
/// Appends \a text as a JSON string, quotes included.
void appendString(QByteArray &out, QStringView text);

template<typename Member>
bool Cursor::readObject(Member &&member)
{
    if (!take('{') || !enter())
        return false;
    if (!take('}')) {
        QByteArray scratch;
        do {
            QByteArrayView key;
            if (!readKey(&scratch, &key) || !take(':') || !member(key))
                return false;
        } while (take(','));
        if (!take('}'))
            return false;
    }
    --m_depth;
    return true;
}

template<typename Element>
bool Cursor::readArray(Element &&element)
{
    if (!take('[') || !enter())
        return false;
    if (!take(']')) {
        do {
            if (!element())
                return false;
        } while (take(','));
        if (!take(']'))
            return false;
    }
    --m_depth;
    return true;
}

} // namespace coderai::json
