#include "testskip.h"

namespace coderai::test {

bool skipsAreFailures()
{
    return qEnvironmentVariableIntValue(kRequireAllVariable) != 0;
}

QByteArray skipFailure(const char *reason)
{
    return QByteArray("skipped where skips are not allowed (") + kRequireAllVariable + "): " + reason;
}

} // namespace coderai::test
