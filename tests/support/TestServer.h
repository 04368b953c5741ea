#pragma once

#include <memory>

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPair>
#include <QString>
#include <QTemporaryDir>

#include "Engine.h"
#include "core/Json.h"

namespace gatehouse::test {

using Headers = QList<QPair<QByteArray, QByteArray>>;

// A JSON value as text for QCOMPARE: a string as it is, anything else as its JSON.
inline QString str(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

struct TestResponse
{
    int status = 0;
    Json json; // discarded when the body is not JSON
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; // lower-case names

    QByteArray header(const QByteArray &lowerName) const { return headers.value(lowerName); }
    // Short description for QVERIFY2 messages.
    QByteArray describe() const;
};

// The whole engine running in-process on a random loopback port with a throw-away data
// folder, plus a synchronous HTTP client for it. Requests spin the test's event loop, which
// is also the engine's, so the engine serves them while the test waits.
class TestServer
{
public:
    static constexpr const char *kAdminEmail = "admin@test.local";
    static constexpr const char *kAdminPassword = "Admin-Passw0rd-For-Tests";

    struct Options
    {
        QString systemDb; // empty: SQLite in the data folder
        bool demo = false;
        QString dataDir;                  // empty: a new temporary folder
        QHash<QString, QString> settings; // ini-style overrides, e.g. {"max_records", "50"}
        QString configFile;               // empty: none (a file that does not exist)
    };

    TestServer();
    explicit TestServer(Options options);
    ~TestServer();

    bool start();
    void stop();
    QString errorString() const { return m_error; }

    Engine &engine() { return *m_engine; }
    // Writes every queued audit record now (waits up to 30 s); false when the write failed.
    bool flushAudit();
    quint16 port() const;
    QString dataDir() const { return m_dataDir; }
    QString baseUrl() const;

    TestResponse request(const QByteArray &method, const QString &pathAndQuery, const Json &body = nullptr,
                         const Headers &headers = {});
    TestResponse rawRequest(const QByteArray &method, const QString &pathAndQuery, const QByteArray &body,
                            const Headers &headers = {});

    // Signs in as the first admin (once) and sends the request with that session token.
    QString adminToken();
    TestResponse admin(const QByteArray &method, const QString &pathAndQuery, const Json &body = nullptr);

    // Conveniences built on the system API; each QFAILs-friendly: returns 0/empty on failure.
    qint64 createService(const Json &definition);
    qint64 createRole(const QString &name, const Json &accessRules);
    // Creates an app with `roleId` as its default role and returns its API key.
    QString createAppKey(const QString &name, qint64 roleId);
    // Creates an active non-admin user through system/user and returns its id (0 on failure).
    qint64 createUser(const QString &email, const QString &password, const Json &extra = Json::object());
    // Signs a user in through user/session with an app's API key.
    TestResponse userLogin(const QString &email, const QString &password, const QString &apiKey);
    // The id of the service called `name`, or 0.
    qint64 serviceId(const QString &name);
    // The audit records (params parsed) of the internal calls the request `parentRequestId` caused,
    // among the newest `scan` records; flushes the audit log first.
    Json childAuditRecords(const QString &parentRequestId, int scan = 500);

private:
    Options m_options;
    std::unique_ptr<QTemporaryDir> m_tempDir;
    QString m_dataDir;
    std::unique_ptr<Engine> m_engine;
    QString m_adminToken;
    QString m_error;
};
} // namespace gatehouse::test
