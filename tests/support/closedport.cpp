#include "closedport.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace coderai::test {

quint16 closedPort()
{
    // Bound but never listening: a connection to it is refused, and, unlike a port that was only
    // free a moment ago, no other listener or outgoing connection of a parallel test can take it
    // (no SO_REUSEADDR here). The descriptor stays open until the test process ends.
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return 0;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0
        || ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
        ::close(fd);
        return 0;
    }
    return ntohs(address.sin_port);
}

} // namespace coderai::test
