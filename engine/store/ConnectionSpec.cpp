#include "ConnectionSpec.h"

#include <QUrl>
#include <QUrlQuery>

namespace gatehouse {

ConnectionSpec ConnectionSpec::fromUrl(const QString &url, QString *error)
{
    ConnectionSpec spec;
    const QUrl parsed(url, QUrl::StrictMode);
    const QString scheme = parsed.scheme().toLower();
    if (scheme == QLatin1String("sqlite")) {
        spec.driver = QStringLiteral("QSQLITE");
        spec.database = parsed.path();
        return spec;
    }
    if (scheme == QLatin1String("postgresql") || scheme == QLatin1String("postgres")) {
        spec.driver = QStringLiteral("QPSQL");
        spec.port = parsed.port(5432);
    } else if (scheme == QLatin1String("mysql") || scheme == QLatin1String("mariadb")) {
        spec.driver = QStringLiteral("QMYSQL");
        spec.port = parsed.port(3306);
    } else {
        if (error)
            *error = QStringLiteral("unsupported database URL scheme '%1'").arg(scheme);
        return {};
    }
    spec.host = parsed.host().isEmpty() ? QStringLiteral("127.0.0.1") : parsed.host();
    spec.username = parsed.userName(QUrl::FullyDecoded);
    spec.password = parsed.password(QUrl::FullyDecoded);
    spec.database = parsed.path(QUrl::FullyDecoded).mid(1);
    if (spec.database.isEmpty() && error)
        *error = QStringLiteral("the database URL names no database");
    return spec;
}
} // namespace gatehouse
