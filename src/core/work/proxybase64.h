#pragma once

#include <QtGlobal>

namespace coderai::proxy {

/// Characters of standard base64 (RFC 4648 §4, padded) for \a size bytes.
constexpr qsizetype base64Size(qsizetype size)
{
    return (size + 2) / 3 * 4;
}

/// Writes \a size bytes from \a source as standard padded base64 (RFC 4648 §4) to \a target,
/// which must have room for base64Size(\a size) characters; returns how many it wrote.
///
/// Why not QByteArray::toBase64(): it returns a new array, so a body encoded into a message
/// costs a temporary and a copy per slice, and Qt 6.4 encodes a byte at a time with a branch per
/// byte. This one writes straight into the message being built (a reply's body_base64 slot, an
/// output event), two characters per table lookup, six input bytes per step: measured in
/// docs/PERFORMANCE.md ("Large bodies").
qsizetype encodeBase64(const char *source, qsizetype size, char *target);

} // namespace coderai::proxy
