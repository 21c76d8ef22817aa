#pragma once

#include <QString>

namespace coderai {

struct HardwareSnapshot;

/// \brief The plain-text view of a snapshot that `coderai-seller --list-gpus` prints: the host,
/// one row per GPU (unknown values as "-"), and the probes' diagnostics.
class HardwareTable final
{
public:
    static QString format(const HardwareSnapshot &snapshot);
};

} // namespace coderai
