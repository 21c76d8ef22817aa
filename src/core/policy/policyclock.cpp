#include "policyclock.h"

namespace coderai {

PolicyClock PolicyClock::system()
{
    return {[] { return PolicyTime{std::chrono::steady_clock::now(), QDateTime::currentDateTime()}; }};
}

} // namespace coderai
