#pragma once

#include <QHostAddress>
#include <QObject>
#include <QString>
#include <QTcpServer>

#include <chrono>
#include <optional>

namespace coderai {

class SellerMetrics;

/// \brief Where `--metrics-listen [ADDR:]PORT` asks the endpoints to listen.
struct MetricsListen
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0; ///< 0: any free port (tests)

    /// "9464", "0.0.0.0:9464", "[::1]:9464", "localhost:9464"; no address means 127.0.0.1, so
    /// nothing is exposed beyond the host unless asked. nullopt when unparsable.
    static std::optional<MetricsListen> parse(const QString &text);
    /// "127.0.0.1:9464", "[::1]:9464".
    QString toString() const;
};

/// \brief The three GET endpoints a monitoring system reads: /metrics, /healthz and /readyz.
///
/// A small server of our own rather than Qt 6.4's QHttpServer, which can bound neither the
/// request head and body nor the number of connections (docs/PERFORMANCE.md, "Metrics
/// endpoint"). Each connection carries one request and is closed after the answer; the head is
/// at most MaxRequestBytes, at most MaxConnections are open, and a client that does not finish
/// its request within RequestTimeout is dropped. Runs on the thread that owns it: /healthz
/// answering is itself the proof that the event loop turns.
class MetricsServer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(MetricsServer)

public:
    static constexpr qsizetype MaxRequestBytes = 8 * 1024;
    static constexpr int MaxConnections = 16;
    static constexpr std::chrono::seconds RequestTimeout{5};

    /// Serves \a metrics (not owned; it must outlive this object).
    explicit MetricsServer(SellerMetrics *metrics, QObject *parent = nullptr);
    ~MetricsServer() override;

    /// False, with the reason in \a error, when the address cannot be bound.
    bool listen(const MetricsListen &where, QString *error = nullptr);
    /// The address and port actually bound (the port chosen when 0 was asked).
    MetricsListen boundAddress() const;

private:
    struct Answer
    {
        int status = 200;
        QByteArray body;
        QByteArray contentType = QByteArrayLiteral("text/plain; charset=utf-8");
    };

    void accept();
    void readRequest(QTcpSocket *socket);
    Answer answer(const QByteArray &method, const QByteArray &path) const;
    static void send(QTcpSocket *socket, const Answer &answer);

    SellerMetrics *m_metrics;
    int m_open = 0; ///< before m_server: its sockets' destroyed() still count down while it goes
    QTcpServer m_server;
};

} // namespace coderai
