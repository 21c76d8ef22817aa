#pragma once

#include <QString>

namespace coderai {

/// \brief Whether the local model server answers, as its one owner (LocalMonitor) sees it; the
/// session only asks (BrokerSession::setLocalAvailabilityQuery).
struct LocalAvailability
{
    bool up = true;
    QString reason; ///< why it is down, for the seller's eyes; may be translated, so never logged
};

} // namespace coderai
