#pragma once

#include <QByteArray>

namespace coderai {

/// \brief Builds a multipart/form-data body (RFC 7578) in memory, byte for byte as given.
///
/// The proxy op's uploads are already in memory as decoded base64, so one contiguous body is the
/// cheapest thing to send. Names, file names and content types are cleaned of quotes and line
/// breaks so that a buyer cannot forge extra part headers.
class FormData final
{
public:
    FormData();

    void addField(const QByteArray &name, const QByteArray &value);
    void addFile(const QByteArray &name, const QByteArray &fileName, const QByteArray &contentType,
                 const QByteArray &data);

    /// "multipart/form-data; boundary=…", for the Content-Type header.
    QByteArray contentType() const;
    /// The whole body, closing delimiter included.
    QByteArray body() const;
    /// The same, moved out without a copy (a large upload); the form is empty afterwards.
    QByteArray takeBody();

    static QByteArray cleaned(const QByteArray &text);

private:
    void beginPart(const QByteArray &disposition, const QByteArray &contentType);

    QByteArray m_boundary;
    QByteArray m_body;
};

} // namespace coderai
