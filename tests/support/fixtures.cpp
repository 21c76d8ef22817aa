#include "fixtures.h"

#include "testtls.h"

#include <QFile>

namespace coderai::test {

QString fixturePath(const QString &relativePath)
{
    return fixturesDir() + QLatin1Char('/') + relativePath;
}

QByteArray fixtureBytes(const QString &relativePath)
{
    QFile file(fixturePath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("missing fixture %s", qPrintable(relativePath));
    return file.readAll();
}

} // namespace coderai::test
