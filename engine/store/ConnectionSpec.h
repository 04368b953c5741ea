#pragma once

#include <QString>
#include <QStringList>

namespace gatehouse {

// How to open one database connection. Shared by the system store and database services.
struct ConnectionSpec
{
    QString driver; // QSQLITE, QPSQL, QMYSQL
    QString host;
    int port = 0;
    QString database; // file path for SQLite
    QString username;
    QString password;
    QString options;            // driver connect options
    QStringList initStatements; // run after every (re)connect
    int statementTimeoutMs = 30'000;

    // Parses postgresql://user:pass@host:port/db and mysql:// / sqlite: URLs.
    static ConnectionSpec fromUrl(const QString &url, QString *error);
};
} // namespace gatehouse
