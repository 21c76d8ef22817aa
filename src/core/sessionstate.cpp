#include "sessionstate.h"

#include <QMetaEnum>

namespace coderai {

QString sessionStateName(SessionState state)
{
    return QString::fromLatin1(QMetaEnum::fromType<SessionState>().valueToKey(static_cast<int>(state)));
}

} // namespace coderai
