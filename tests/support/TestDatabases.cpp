#include "TestDatabases.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

#include "store/ConnectionSpec.h"
#include "store/DbExecutor.h"

namespace gatehouse::test {

void TestDatabases::addEngineRows()
{
    QTest::addColumn<QString>("engine");
    QTest::newRow("sqlite") << QStringLiteral("sqlite");
    QTest::newRow("pgsql") << QStringLiteral("pgsql");
    QTest::newRow("mysql") << QStringLiteral("mysql");
}

QHash<QString, QString> TestDatabases::openConnections(const QString &prefix, const QString &sqliteFile,
                                                       QString *error)
{
    const QList<QPair<QString, QString>> urls = {
        {QStringLiteral("sqlite"), QStringLiteral("sqlite:") + sqliteFile},
        {QStringLiteral("pgsql"), pgsqlUrl()},
        {QStringLiteral("mysql"), mysqlUrl()}};
    QHash<QString, QString> connections;
    for (const auto &[engine, url] : urls) {
        if (url.isEmpty())
            continue;
        const ConnectionSpec spec = ConnectionSpec::fromUrl(url, error);
        const QString name = prefix + QLatin1Char('-') + engine;
        if (error->isEmpty()) {
            // DbExecutor::openConnection also runs the per-engine session setup the engine uses.
            const QSqlDatabase database = DbExecutor::openConnection(spec, name, error);
            if (error->isEmpty() && !database.isOpen())
                *error = QStringLiteral("connection did not open");
        }
        if (!error->isEmpty()) {
            *error = engine + QLatin1String(": ") + *error;
            closeConnections(connections);
            return {};
        }
        connections.insert(engine, name);
    }
    return connections;
}

void TestDatabases::closeConnections(const QHash<QString, QString> &connections)
{
    for (const QString &name : connections) {
        QSqlDatabase::database(name, false).close();
        QSqlDatabase::removeDatabase(name);
    }
}
bool TestDatabases::resetSystemSchema(const QString &url, QString *error)
{
    const QString name = QStringLiteral("tst-reset-system-schema");
    const ConnectionSpec spec = ConnectionSpec::fromUrl(url, error);
    bool ok = false;
    {
        QSqlDatabase db = DbExecutor::openConnection(spec, name, error);
        if (db.isOpen()) {
            QSqlQuery query(db);
            query.exec(QStringLiteral("SET client_min_messages = warning"));
            ok = query.exec(QStringLiteral("DROP SCHEMA public CASCADE")) &&
                 query.exec(QStringLiteral("CREATE SCHEMA public"));
            if (!ok)
                *error = query.lastError().text();
        }
    }
    QSqlDatabase::removeDatabase(name);
    return ok;
}
} // namespace gatehouse::test
