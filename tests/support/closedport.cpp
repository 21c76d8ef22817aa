#include "closedport.h"

#include <QTcpServer>

namespace coderai::test {

quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    return server.serverPort(); // closed when server goes out of scope
}

} // namespace coderai::test
