#include "proxybase64.h"

#include <QtEndian>

#include <array>
#include <cstring>

namespace coderai::proxy {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// The two characters of every 12-bit group: 8 KiB, one lookup per two output characters.
constexpr std::array<std::array<char, 2>, 4096> kPairs = [] {
    std::array<std::array<char, 2>, 4096> pairs {};
    for (int i = 0; i < 4096; ++i)
        pairs[i] = {kAlphabet[i >> 6], kAlphabet[i & 63]};
    return pairs;
}();

inline char *putPair(char *out, quint32 group)
{
    std::memcpy(out, kPairs[group & 0xfff].data(), 2);
    return out + 2;
}

} // namespace

qsizetype encodeBase64(const char *source, qsizetype size, char *target)
{
    const auto *in = reinterpret_cast<const uchar *>(source);
    char *out = target;
    qsizetype i = 0;
    // Six bytes (48 bits, four 12-bit groups) per step, read as one big-endian 64-bit load; the
    // load needs eight readable bytes, so the last up to seven go through the loop below.
    for (; i + 8 <= size; i += 6) {
        const quint64 bits = qFromBigEndian<quint64>(in + i);
        out = putPair(out, quint32(bits >> 52));
        out = putPair(out, quint32(bits >> 40));
        out = putPair(out, quint32(bits >> 28));
        out = putPair(out, quint32(bits >> 16));
    }
    for (; i + 3 <= size; i += 3) {
        const quint32 bits = (quint32(in[i]) << 16) | (quint32(in[i + 1]) << 8) | in[i + 2];
        out = putPair(out, bits >> 12);
        out = putPair(out, bits);
    }
    if (const qsizetype rest = size - i; rest > 0) {
        const quint32 bits = (quint32(in[i]) << 16) | (rest == 2 ? quint32(in[i + 1]) << 8 : 0);
        *out++ = kAlphabet[(bits >> 18) & 63];
        *out++ = kAlphabet[(bits >> 12) & 63];
        *out++ = rest == 2 ? kAlphabet[(bits >> 6) & 63] : '=';
        *out++ = '=';
    }
    return out - target;
}

} // namespace coderai::proxy
