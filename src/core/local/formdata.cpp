#include "formdata.h"

#include <QRandomGenerator>
#include <QStringBuilder>

namespace coderai {

FormData::FormData()
{
    // 96 random bits: a file that happens to contain the delimiter is practically impossible.
    quint32 words[3];
    QRandomGenerator::global()->fillRange(words);
    m_boundary = "coderai-" + QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex();
}

QByteArray FormData::cleaned(const QByteArray &text)
{
    QByteArray value = text;
    value.replace('"', "'");
    value.replace('\r', "");
    value.replace('\n', "");
    return value;
}

void FormData::beginPart(const QByteArray &disposition, const QByteArray &contentType)
{
    m_body += "--" + m_boundary + "\r\nContent-Disposition: " + disposition + "\r\n";
    if (!contentType.isEmpty())
        m_body += "Content-Type: " + contentType + "\r\n";
    m_body += "\r\n";
}

void FormData::addField(const QByteArray &name, const QByteArray &value)
{
    beginPart("form-data; name=\"" + cleaned(name) + '"', {});
    m_body += value;
    m_body += "\r\n";
}

void FormData::addFile(const QByteArray &name, const QByteArray &fileName, const QByteArray &contentType,
                       const QByteArray &data)
{
    beginPart("form-data; name=\"" + cleaned(name) + "\"; filename=\"" + cleaned(fileName) + '"',
              cleaned(contentType.isEmpty() ? QByteArray("application/octet-stream") : contentType));
    // Room for this file and the closing delimiter: no reallocation of a large body later.
    m_body.reserve(m_body.size() + data.size() + 2 * m_boundary.size() + 16);
    m_body += data;
    m_body += "\r\n";
}

QByteArray FormData::contentType() const
{
    return "multipart/form-data; boundary=" + m_boundary;
}

QByteArray FormData::body() const
{
    return m_body + "--" + m_boundary + "--\r\n";
}

QByteArray FormData::takeBody()
{
    m_body += "--" + m_boundary + "--\r\n";
    return std::exchange(m_body, QByteArray());
}

} // namespace coderai
