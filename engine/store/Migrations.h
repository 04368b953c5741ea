#pragma once

#include <QList>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

namespace gatehouse {

// One step of the system database schema. Statements are written once, in portable SQL with a
// few dialect tokens ({{ID}}, {{BIGINT}}, {{NOW}}) that translate() expands, so SQLite and
// PostgreSQL always get the same schema. Migrations are append-only: never edit a released
// one, add the next version instead.
struct Migration
{
    int version = 0;
    QString name;
    QStringList statements;
};

class Migrations
{
public:
    enum class Dialect
    {
        Sqlite,
        Postgres
    };

    static Dialect dialectOf(const QSqlDatabase &db);
    static const QList<Migration> &all();
    static int latestVersion();
    static QString translate(const QString &sql, Dialect dialect);

    // Applies every pending migration in order, each in its own transaction together with its
    // `schema_migrations` row. On PostgreSQL each transaction first takes an advisory lock, so
    // nodes sharing one system database can start at the same time; on SQLite BEGIN IMMEDIATE
    // gives the same exclusion. Refuses a database whose schema is newer than this build.
    static bool migrate(QSqlDatabase &db, QString *error);
    // Highest applied version, 0 for an empty database, -1 when it cannot be read.
    static int currentVersion(QSqlDatabase &db);

    // The text of "now" in UTC as the system tables store dates: "yyyy-MM-dd HH:mm:ss".
    static QString nowText();
};
} // namespace gatehouse
