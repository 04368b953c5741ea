#include "DataPaths.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStandardPaths>

namespace gatehouse {

QString DataPaths::defaultDataDir()
{
    const QString xdg = qEnvironmentVariable("XDG_DATA_HOME");
    if (!xdg.isEmpty())
        return QDir(xdg).filePath(QStringLiteral("gatehouse"));
    return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation))
        .filePath(QStringLiteral("gatehouse"));
}

bool DataPaths::ensureDataDir(const QString &dir, QString *error)
{
    QDir d(dir);
    if (!d.exists() && !d.mkpath(QStringLiteral("."))) {
        if (error)
            *error = QStringLiteral("cannot create data folder %1").arg(dir);
        return false;
    }
    // The folder holds the master key and the system database: owner only.
    QFile::setPermissions(dir, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    if (!QFileInfo(dir).isWritable()) {
        if (error)
            *error = QStringLiteral("data folder %1 is not writable").arg(dir);
        return false;
    }
    return true;
}
} // namespace gatehouse
