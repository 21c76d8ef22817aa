#pragma once

#include <QByteArray>
#include <QObject>
#include <QTcpServer>
#include <QUrl>

class QTcpSocket;

namespace coderai::test {

/// \brief A tiny local model server that answers GET /v1/files/<name> with a generated body of
/// any size, written only as its socket drains, so it never holds more than a few MiB itself.
///
/// The body is deterministic: block i (1 MiB each, the last one possibly short) is one
/// pseudo-random base block whose first eight bytes hold i, little-endian. A test checks the
/// received body against a sha256 computed once elsewhere. It also answers GET /v1/models, which
/// the seller polls.
class BodyGenerator final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BodyGenerator)

public:
    static constexpr qint64 kBlockBytes = 1024 * 1024;

    explicit BodyGenerator(qint64 size, bool chunked, QObject *parent = nullptr);

    bool listen();
    QUrl url() const;
    void setSize(qint64 size);
    /// Block `index` of every body, as the generator writes it.
    static QByteArray block(qint64 index);

private:
    void onReadyRead(QTcpSocket *socket);
    void topUp(QTcpSocket *socket);

    QTcpServer m_server;
    QByteArray m_base;
    qint64 m_size;
    bool m_chunked;
};

} // namespace coderai::test
