// Money and limits of AI connections, below the AI service: the usage log and its summary, the
// prompt log with PII redaction, budget reservations (no overshoot under concurrency, settling,
// period roll-over, the service's own monthly budget, seeding from the usage log), threshold
// alerts (once each, retried, not repeated after a restart), system/ai_budget and
// system/ai_alias with their validation, and the prune commands. Runs on an SQLite system
// database and, when GATEHOUSE_TEST_PGSQL_SYSTEM is set, on PostgreSQL (shared counters).
#include <QDateTime>
#include <QEventLoop>
#include <QProcess>
#include <QSqlError>
#include <QSqlQuery>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimeZone>
#include <QTimer>

#include "Engine.h"
#include "TestDatabases.h"
#include "TestServer.h"
#include "WebhookReceiver.h"
#include "security/AccessSnapshot.h"
#include "security/AiBudgetLedger.h"
#include "security/PiiRedactor.h"
#include "store/AiPromptLog.h"
#include "store/AiUsageLog.h"
#include "store/DbExecutor.h"
#include "store/SystemStore.h"

using namespace gatehouse;
using namespace gatehouse::test;

namespace {
const QString kBudget = QStringLiteral("/api/v2/system/ai_budget");
const QString kAlias = QStringLiteral("/api/v2/system/ai_alias");

// The thresholds alerted for a budget, in order.
QList<int> thresholdsOf(const WebhookReceiver &receiver, qint64 budgetId)
{
    QList<int> list;
    for (const Json &doc : receiver.documents)
        if (doc.value("budget_id", qint64(0)) == budgetId)
            list.append(doc["threshold"].get<int>());
    std::sort(list.begin(), list.end());
    return list;
}

// A fixed instant inside an hour, a day and a month (UTC), far from every boundary.
qint64 fixedNow()
{
    return QDateTime(QDate(2031, 5, 14), QTime(10, 20, 0), QTimeZone::utc()).toMSecsSinceEpoch();
}
} // namespace

class TestAiLedger : public QObject
{
    Q_OBJECT

public:
    explicit TestAiLedger(QString systemDb)
        : m_systemDb(std::move(systemDb))
    {
    }

private:
    QString m_systemDb; // empty: SQLite
    std::unique_ptr<TestServer> m_server;
    WebhookReceiver m_receiver;
    qint64 m_aiServiceId = 0;
    qint64 m_otherAiServiceId = 0;

    bool isPg() const { return !m_systemDb.isEmpty(); }
    SystemStore &store() { return m_server->engine().store(); }
    AiBudgetLedger &ledger() { return *m_server->engine().aiBudgets(); }

    // Runs `work` on the system database's executor and waits for its result.
    template <typename Work>
    auto onStore(Work work)
    {
        using Result = std::invoke_result_t<Work &, QSqlDatabase &>;
        Result result{};
        QEventLoop loop;
        const ConnectionSpec spec = store().connectionSpec();
        store().executor().submit(
            [spec, work](QSqlDatabase &db) mutable {
                DbExecutor::ensureOpen(db, spec);
                return work(db);
            },
            [&](Result r) {
                result = std::move(r);
                loop.quit();
            });
        loop.exec();
        return result;
    }

    // A statement with bound values; true when it ran.
    bool exec(const QString &sql, const QVariantList &values = {})
    {
        return onStore([sql, values](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &v : values)
                query.addBindValue(v);
            if (!query.exec()) {
                qWarning("%s: %s", qPrintable(sql), qPrintable(query.lastError().text()));
                return false;
            }
            return true;
        });
    }

    QVariant scalar(const QString &sql, const QVariantList &values = {})
    {
        return onStore([sql, values](QSqlDatabase &db) {
            QSqlQuery query(db);
            query.prepare(sql);
            for (const QVariant &v : values)
                query.addBindValue(v);
            if (!query.exec() || !query.next())
                return QVariant();
            return query.value(0);
        });
    }

    qint64 insertAiService(const QString &name)
    {
        // The `ai` type is registered by the AI service itself; a row is all these tests need.
        if (!exec(QStringLiteral("INSERT INTO service (name, label, is_active, type, config, created_date, "
                                 "last_modified_date) VALUES (?, ?, 1, 'ai', '{}', '2031-01-01 00:00:00', "
                                 "'2031-01-01 00:00:00')"),
                  {name, name}))
            return 0;
        return scalar(QStringLiteral("SELECT id FROM service WHERE name = ?"), {name}).toLongLong();
    }

    void reloadSnapshot()
    {
        QEventLoop loop;
        store().reloadAll([&loop] { loop.quit(); });
        loop.exec();
    }

    qint64 createBudget(const Json &body)
    {
        const TestResponse r = m_server->admin("POST", kBudget, body);
        if (r.status != 201) {
            qWarning("creating a budget failed: %s", r.describe().constData());
            return 0;
        }
        return r.json["resource"][0]["id"].get<qint64>();
    }

    AiBudgetVerdict reserveNow(AiBudgetLedger &l, const AiBudgetSubject &subject, double cost)
    {
        AiBudgetVerdict verdict;
        bool done = false;
        l.reserve(subject, cost, [&](AiBudgetVerdict v) {
            verdict = v;
            done = true;
        });
        if (!done && !QTest::qWaitFor([&] { return done; }, 10000))
            qWarning("a reservation got no answer");
        return verdict;
    }

    // Reservations are settled asynchronously on PostgreSQL: a harmless read queued behind
    // them on both workers lets the test continue once they are applied.
    void drainStore()
    {
        for (int i = 0; i < 4; ++i)
            scalar(QStringLiteral("SELECT 1"));
    }

    bool flushUsage()
    {
        bool ok = false;
        bool done = false;
        m_server->engine().aiUsageLog()->flush([&](bool result) {
            ok = result;
            done = true;
        });
        return QTest::qWaitFor([&] { return done; }, 10000) && ok;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (isPg()) {
            GATEHOUSE_REQUIRE_URL(m_systemDb, "GATEHOUSE_TEST_PGSQL_SYSTEM");
            QString error;
            QVERIFY2(TestDatabases::resetSystemSchema(m_systemDb, &error), qPrintable(error));
        }
        QVERIFY(m_receiver.listen());
        TestServer::Options options;
        options.systemDb = m_systemDb;
        options.settings.insert(QStringLiteral("audit_flush_ms"), QStringLiteral("50"));
        m_server = std::make_unique<TestServer>(options);
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        QVERIFY(m_server->engine().aiUsageLog());
        QVERIFY(m_server->engine().aiPromptLog());
        QVERIFY(m_server->engine().aiBudgets());
        m_aiServiceId = insertAiService(QStringLiteral("llm"));
        m_otherAiServiceId = insertAiService(QStringLiteral("llm2"));
        QVERIFY(m_aiServiceId > 0 && m_otherAiServiceId > 0);
        reloadSnapshot();
    }

    void cleanupTestCase() { m_server.reset(); }

    void cleanup() { ledger().setClock({}); }

    void usageLogAndSummary()
    {
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        auto row = [&](const char *model, qint64 user, qint64 in, qint64 out, double cost,
                       const char *status) {
            AiUsageRecord r;
            r.timeMs = now - 1000;
            r.requestId = QStringLiteral("usage-test");
            r.serviceId = m_aiServiceId;
            r.serviceName = QStringLiteral("llm");
            r.provider = QStringLiteral("openai");
            r.model = QLatin1String(model);
            r.userId = user;
            r.endpoint = QStringLiteral("chat");
            r.inputTokens = in;
            r.outputTokens = out;
            r.cachedInputTokens = in / 2;
            r.cost = cost;
            r.latencyMs = 100;
            r.ttftMs = 20;
            r.status = QLatin1String(status);
            r.httpStatus = r.status == QLatin1String("error") ? 529 : 200;
            if (r.status == QLatin1String("error"))
                r.errorMessage = QStringLiteral("overloaded");
            return r;
        };
        AiUsageLog &log = *m_server->engine().aiUsageLog();
        log.record(row("gpt-4o", 901, 100, 50, 0.25, "success"));
        log.record(row("gpt-4o", 902, 200, 10, 0.5, "partial"));
        log.record(row("claude", 901, 10, 0, 0, "error"));
        AiUsageRecord other = row("gpt-4o", 901, 1000, 1000, 9, "success");
        other.serviceId = m_otherAiServiceId;
        log.record(other);
        QVERIFY(flushUsage());

        Json summary;
        bool done = false;
        log.summary(m_aiServiceId, now - 3600 * 1000, [&](Json s) {
            summary = std::move(s);
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY2(!summary.contains("error"), summary.dump().c_str());
        const Json &totals = summary["totals"];
        QCOMPARE(totals["requests"].get<qint64>(), 3);
        QCOMPARE(totals["input_tokens"].get<qint64>(), 310);
        QCOMPARE(totals["output_tokens"].get<qint64>(), 60);
        QCOMPARE(totals["cached_input_tokens"].get<qint64>(), 155);
        QCOMPARE(totals["cost"].get<double>(), 0.75);
        QCOMPARE(totals["errors"].get<qint64>(), 1);
        QCOMPARE(summary["avg_latency_ms"].get<double>(), 100.0);
        QCOMPARE(summary["by_model"].size(), size_t(2));
        QCOMPARE(summary["by_model"][0]["model"].get<std::string>(), std::string("gpt-4o")); // by cost
        QCOMPARE(summary["by_model"][0]["requests"].get<qint64>(), 2);
        QCOMPARE(summary["by_user"].size(), size_t(2));
        QCOMPARE(summary["errors"].size(), size_t(1));
        QCOMPARE(summary["errors"][0]["http_status"].get<int>(), 529);

        // Every service, and an empty window.
        done = false;
        log.summary(0, now - 3600 * 1000, [&](Json s) {
            summary = std::move(s);
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(summary["totals"]["requests"].get<qint64>(), 4);
        done = false;
        log.summary(m_aiServiceId, now + 3600 * 1000, [&](Json s) {
            summary = std::move(s);
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QCOMPARE(summary["totals"]["requests"].get<qint64>(), 0);
        QCOMPARE(summary["totals"]["cost"].get<double>(), 0.0);
        QVERIFY(summary["by_model"].empty());

        QCOMPARE(AiUsageLog::periodMs(QStringLiteral("24h")), qint64(86400000));
        QCOMPARE(AiUsageLog::periodMs(QStringLiteral("90d")), qint64(90) * 86400000);
        QCOMPARE(AiUsageLog::periodMs(QStringLiteral("1y")), qint64(0));

        // The stored row keeps what it was given.
        QCOMPARE(scalar(QStringLiteral(
                            "SELECT COUNT(*) FROM ai_usage_log WHERE status = 'partial' AND ttft_ms = 20 "
                            "AND http_status = 200 AND model = 'gpt-4o' AND user_id = 902"))
                     .toInt(),
                 1);
    }

    void promptLogRedaction()
    {
        const PiiRedactor redactor({QStringLiteral("EMP-\\d{6}")});
        QVERIFY(redactor.error().isEmpty());
        Json messages = Json::array();
        messages.push_back(
            Json{{"role", "user"},
                 {"content", "I am ann@example.org, SSN 123-45-6789, card 4111 1111 1111 1111, "
                             "phone 555-123-4567, badge EMP-123456"}});
        redactor.redactMessages(messages);
        AiPromptRecord record;
        record.timeMs = QDateTime::currentMSecsSinceEpoch();
        record.requestId = QStringLiteral("prompt-test");
        record.serviceId = m_aiServiceId;
        record.userId = 901;
        record.model = QStringLiteral("gpt-4o");
        record.prompt = QString::fromUtf8(dumpJson(messages));
        record.response = redactor.redact(QStringLiteral("Noted, ann@example.org (EMP-123456)."));
        AiPromptLog &log = *m_server->engine().aiPromptLog();
        log.record(record);
        bool done = false;
        bool ok = false;
        log.flush([&](bool r) {
            ok = r;
            done = true;
        });
        QTRY_VERIFY_WITH_TIMEOUT(done, 10000);
        QVERIFY(ok);
        const QString prompt = scalar(QStringLiteral("SELECT prompt FROM ai_prompt_log WHERE request_id = ?"),
                                      {record.requestId})
                                   .toString();
        const QString response =
            scalar(QStringLiteral("SELECT response FROM ai_prompt_log WHERE request_id = ?"),
                   {record.requestId})
                .toString();
        for (const char *secret :
             {"ann@example.org", "123-45-6789", "4111 1111", "555-123-4567", "EMP-123456"}) {
            QVERIFY2(!prompt.contains(QLatin1String(secret)), qPrintable(prompt));
            QVERIFY2(!response.contains(QLatin1String(secret)), qPrintable(response));
        }
        for (const char *token : {"[EMAIL]", "[SSN]", "[CARD]", "[PHONE]", "[REDACTED]"})
            QVERIFY2(prompt.contains(QLatin1String(token)), qPrintable(prompt));
        QCOMPARE(response, QStringLiteral("Noted, [EMAIL] ([REDACTED])."));
    }

    void budgetResourceValidation()
    {
        const qint64 user = m_server->createUser(QStringLiteral("budget-user@test.local"),
                                                 QStringLiteral("Budget-User-Passw0rd"));
        QVERIFY(user > 0);
        const Json good{{"name", "validation"}, {"dimension", "user"}, {"target_id", user},
                        {"period", "daily"},    {"limit_amount", 5.5}, {"hard_stop", true}};
        auto with = [&](const char *key, const Json &value) {
            Json body = good;
            if (value.is_discarded())
                body.erase(key);
            else
                body[key] = value;
            return Json{{"resource", Json::array({body})}};
        };
        const QList<QPair<const char *, Json>> bad{
            {"dimension", "team"},
            {"period", "weekly"},
            {"limit_amount", 0},
            {"limit_amount", -3},
            {"limit_amount", "lots"},
            {"alert_webhook_url", "ftp://example.com/x"},
            {"alert_webhook_url", "not a url"},
            {"target_id", 987654},
            {"target_id", Json(Json::value_t::discarded)},
            {"name", ""},
            {"period", Json(Json::value_t::discarded)},
        };
        for (const auto &[key, value] : bad) {
            const TestResponse r = m_server->admin("POST", kBudget, with(key, value));
            QVERIFY2(r.status == 400,
                     qPrintable(QStringLiteral("%1=%2: %3")
                                    .arg(QLatin1String(key), QString::fromStdString(value.dump()),
                                         QString::fromLatin1(r.describe()))));
        }
        // A global budget has no target.
        TestResponse r = m_server->admin("POST", kBudget,
                                         Json{{"resource", Json::array({Json{{"name", "g"},
                                                                             {"dimension", "global"},
                                                                             {"target_id", user},
                                                                             {"period", "daily"},
                                                                             {"limit_amount", 1}}})}});
        QCOMPARE(r.status, 400);

        const qint64 id = createBudget(Json{{"resource", Json::array({good})}});
        QVERIFY(id > 0);
        r = m_server->admin("GET", kBudget + QStringLiteral("/%1").arg(id));
        QVERIFY2(r.status == 200, r.describe().constData());
        QCOMPARE(r.json["limit_amount"].get<double>(), 5.5);
        QCOMPARE(r.json["dimension"].get<std::string>(), std::string("user"));
        QVERIFY(r.json["hard_stop"].get<bool>());
        // Names are unique.
        QCOMPARE(m_server->admin("POST", kBudget, Json{{"resource", Json::array({good})}}).status, 400);
        r = m_server->admin("PATCH", kBudget + QStringLiteral("/%1").arg(id), Json{{"limit_amount", -1}});
        QCOMPARE(r.status, 400);
        // Switching to role keeps the user id as target: no such role.
        r = m_server->admin("PATCH", kBudget + QStringLiteral("/%1").arg(id),
                            Json{{"dimension", "role"}, {"target_id", 987654}});
        QCOMPARE(r.status, 400);
        r = m_server->admin("PATCH", kBudget + QStringLiteral("/%1").arg(id),
                            Json{{"limit_amount", 7}, {"alert_webhook_url", "https://hooks.example.com/b"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        const auto snapshot = store().snapshot();
        bool seen = false;
        for (const AiBudget &b : snapshot->aiBudgets)
            if (b.id == id) {
                seen = true;
                QCOMPARE(b.limit, 7.0);
                QCOMPARE(b.alertWebhookUrl, QStringLiteral("https://hooks.example.com/b"));
            }
        QVERIFY(seen);
        QCOMPARE(m_server->admin("DELETE", kBudget + QStringLiteral("/%1").arg(id)).status, 200);
        for (const AiBudget &b : store().snapshot()->aiBudgets)
            QVERIFY(b.id != id);

        // Admin-only: a role without system access gets nothing.
        const qint64 role = m_server->createRole(QStringLiteral("no-system"), Json::array());
        const QString key = m_server->createAppKey(QStringLiteral("no-system-app"), role);
        r = m_server->request("GET", kBudget, nullptr, {{"X-DreamFactory-Api-Key", key.toLatin1()}});
        QVERIFY2(r.status == 401 || r.status == 403, r.describe().constData());
    }

    void aliasResource()
    {
        auto post = [&](const Json &record) {
            return m_server->admin("POST", kAlias, Json{{"resource", Json::array({record})}});
        };
        QCOMPARE(
            post(Json{{"alias", "bad alias!"}, {"service_id", m_aiServiceId}, {"model", "gpt-4o"}}).status,
            400);
        QCOMPARE(post(Json{{"alias", std::string(129, 'a')}, {"service_id", m_aiServiceId}, {"model", "m"}})
                     .status,
                 400);
        QCOMPARE(post(Json{{"alias", "fast"}, {"service_id", 987654}, {"model", "gpt-4o"}}).status, 400);
        // The system service (id 1) is not an AI connection.
        QCOMPARE(post(Json{{"alias", "fast"}, {"service_id", 1}, {"model", "gpt-4o"}}).status, 400);
        QCOMPARE(post(Json{{"alias", "fast"}, {"service_id", m_aiServiceId}, {"model", "  "}}).status, 400);
        QCOMPARE(post(Json{{"alias", "fast"}, {"service_id", m_aiServiceId}}).status, 400);

        TestResponse r =
            post(Json{{"alias", "team/fast:v1"}, {"service_id", m_aiServiceId}, {"model", "gpt-4o-mini"}});
        QVERIFY2(r.status == 201, r.describe().constData());
        const qint64 id = r.json["resource"][0]["id"].get<qint64>();
        QCOMPARE(
            post(Json{{"alias", "team/fast:v1"}, {"service_id", m_otherAiServiceId}, {"model", "x"}}).status,
            400);
        auto target = store().snapshot()->aiAliases.resolve(QStringLiteral("team/fast:v1"));
        QVERIFY(target);
        QCOMPARE(target->serviceId, m_aiServiceId);
        QCOMPARE(target->model, QStringLiteral("gpt-4o-mini"));
        QVERIFY(!store().snapshot()->aiAliases.resolve(QStringLiteral("TEAM/FAST:V1")));

        r = m_server->admin("PATCH", kAlias + QStringLiteral("/%1").arg(id),
                            Json{{"service_id", m_otherAiServiceId}, {"model", "llama3"}});
        QVERIFY2(r.status == 200, r.describe().constData());
        target = store().snapshot()->aiAliases.resolve(QStringLiteral("team/fast:v1"));
        QVERIFY(target);
        QCOMPARE(target->serviceId, m_otherAiServiceId);
        QCOMPARE(target->model, QStringLiteral("llama3"));
        QCOMPARE(
            m_server->admin("PATCH", kAlias + QStringLiteral("/%1").arg(id), Json{{"service_id", 1}}).status,
            400);

        r = m_server->admin("GET", kAlias);
        QVERIFY2(r.status == 200 && r.json["resource"].size() == 1, r.describe().constData());
        QCOMPARE(m_server->admin("DELETE", kAlias + QStringLiteral("/%1").arg(id)).status, 200);
        QVERIFY(!store().snapshot()->aiAliases.resolve(QStringLiteral("team/fast:v1")));

        r = m_server->admin("GET", QStringLiteral("/api/v2/system"));
        QVERIFY(r.json.dump().find("\"ai_alias\"") != std::string::npos);
        QVERIFY(r.json.dump().find("\"ai_budget\"") != std::string::npos);
    }

    void concurrentReservationsNeverOvershoot()
    {
        const qint64 id = createBudget(Json{{"resource", Json::array({Json{{"name", "fits-ten"},
                                                                           {"dimension", "service"},
                                                                           {"target_id", m_aiServiceId},
                                                                           {"period", "monthly"},
                                                                           {"limit_amount", 10},
                                                                           {"hard_stop", true}}})}});
        QVERIFY(id > 0);
        ledger().setClock(fixedNow);
        // On PostgreSQL a second ledger stands for a second node sharing the counters.
        std::unique_ptr<AiBudgetLedger> secondNode;
        if (isPg()) {
            secondNode = std::make_unique<AiBudgetLedger>(store());
            secondNode->setClock(fixedNow);
        }
        AiBudgetSubject subject;
        subject.serviceId = m_aiServiceId;
        subject.userId = 901;
        int allowed = 0;
        int refused = 0;
        QList<QPair<AiBudgetLedger *, quint64>> reservations;
        for (int i = 0; i < 40; ++i) {
            AiBudgetLedger *node = (secondNode && i % 2) ? secondNode.get() : &ledger();
            node->reserve(subject, 1.0, [&, node](AiBudgetVerdict v) {
                if (v.allowed) {
                    ++allowed;
                    reservations.append({node, v.reservation});
                } else {
                    QCOMPARE(v.failureStatus, 429);
                    QCOMPARE(v.dimension, QStringLiteral("service"));
                    QCOMPARE(v.period, QStringLiteral("monthly"));
                    QCOMPARE(v.limit, 10.0);
                    QVERIFY(v.retryAfterSeconds > 0);
                    ++refused;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(allowed + refused, 40, 30000);
        QCOMPARE(allowed, 10);
        QCOMPARE(refused, 30);

        // Settling at half the worst case frees room for exactly five more.
        for (const auto &[node, reservation] : reservations)
            node->settle(reservation, 0.5);
        drainStore();
        allowed = 0;
        refused = 0;
        reservations.clear();
        for (int i = 0; i < 20; ++i) {
            AiBudgetLedger *node = (secondNode && i % 2) ? secondNode.get() : &ledger();
            node->reserve(subject, 1.0, [&, node](AiBudgetVerdict v) {
                if (v.allowed) {
                    ++allowed;
                    reservations.append({node, v.reservation});
                } else {
                    ++refused;
                }
            });
        }
        QTRY_COMPARE_WITH_TIMEOUT(allowed + refused, 20, 30000);
        QCOMPARE(allowed, 5);
        for (const auto &[node, reservation] : reservations)
            node->settle(reservation, 1.0);
        drainStore();
        // Spent exactly the limit: the next call is refused even at zero cost.
        QVERIFY(!reserveNow(ledger(), subject, 0).allowed);
        // Another service is not charged to this budget.
        AiBudgetSubject other;
        other.serviceId = m_otherAiServiceId;
        QVERIFY(reserveNow(ledger(), other, 100).allowed);
        QCOMPARE(m_server->admin("DELETE", kBudget + QStringLiteral("/%1").arg(id)).status, 200);
        QVERIFY(reserveNow(ledger(), subject, 100).allowed);
    }

    void periodRollOverAndServiceBudget()
    {
        const qint64 user =
            m_server->createUser(QStringLiteral("hourly@test.local"), QStringLiteral("Hourly-Passw0rd-1"));
        QVERIFY(user > 0);
        const qint64 id = createBudget(Json{{"resource", Json::array({Json{{"name", "hourly-two"},
                                                                           {"dimension", "user"},
                                                                           {"target_id", user},
                                                                           {"period", "hourly"},
                                                                           {"limit_amount", 2}}})}});
        QVERIFY(id > 0);
        qint64 now = fixedNow();
        ledger().setClock([&now] { return now; });
        AiBudgetSubject subject;
        subject.serviceId = m_aiServiceId;
        subject.userId = user;
        AiBudgetVerdict v = reserveNow(ledger(), subject, 1);
        QVERIFY(v.allowed);
        ledger().settle(v.reservation, 1);
        v = reserveNow(ledger(), subject, 1);
        QVERIFY(v.allowed);
        ledger().settle(v.reservation, 1);
        drainStore();
        v = reserveNow(ledger(), subject, 0.01);
        QVERIFY(!v.allowed);
        QCOMPARE(v.period, QStringLiteral("hourly"));
        QCOMPARE(v.dimension, QStringLiteral("user"));
        QCOMPARE(v.spent, 2.0);
        // 10:20 → the window ends at 11:00.
        QCOMPARE(v.retryAfterSeconds, qint64(40 * 60));
        QVERIFY(v.message.contains(QStringLiteral("hourly-two")));
        // Another user is not affected.
        AiBudgetSubject someoneElse = subject;
        someoneElse.userId = user + 1000;
        QVERIFY(reserveNow(ledger(), someoneElse, 1).allowed);

        now += 3600 * 1000; // the next hour
        v = reserveNow(ledger(), subject, 1);
        QVERIFY(v.allowed);
        ledger().settle(v.reservation, 0);

        // The service's own monthly_budget is a hard budget too.
        AiBudgetSubject capped;
        capped.serviceId = m_otherAiServiceId;
        capped.serviceMonthlyBudget = 1.0;
        v = reserveNow(ledger(), capped, 0.75);
        QVERIFY(v.allowed);
        QVERIFY(!reserveNow(ledger(), capped, 0.5).allowed);
        ledger().settle(v.reservation, 0.25);
        drainStore();
        const AiBudgetVerdict fits = reserveNow(ledger(), capped, 0.5);
        QVERIFY(fits.allowed);
        ledger().settle(fits.reservation, 0.5);
        QCOMPARE(m_server->admin("DELETE", kBudget + QStringLiteral("/%1").arg(id)).status, 200);
    }

    void budgetsStartFromTheUsageLog()
    {
        // Spend already logged this period (before the budget existed, or before a restart)
        // counts against a new budget.
        const qint64 user = 7007;
        const qint64 now = QDateTime::currentMSecsSinceEpoch();
        AiUsageRecord r;
        r.timeMs = now;
        r.requestId = QStringLiteral("seed-test");
        r.serviceId = m_aiServiceId;
        r.userId = user;
        r.model = QStringLiteral("gpt-4o");
        r.cost = 3.0;
        m_server->engine().aiUsageLog()->record(r);
        QVERIFY(flushUsage());
        QVERIFY(
            exec(QStringLiteral("INSERT INTO \"user\" (id, email, name, created_date, last_modified_date) "
                                "VALUES (?, 'seed@test.local', 'seed', '2031-01-01 00:00:00', "
                                "'2031-01-01 00:00:00')"),
                 {QVariant::fromValue<qlonglong>(user)}));
        const qint64 id = createBudget(Json{{"resource", Json::array({Json{{"name", "seeded"},
                                                                           {"dimension", "user"},
                                                                           {"target_id", user},
                                                                           {"period", "daily"},
                                                                           {"limit_amount", 4}}})}});
        QVERIFY(id > 0);
        AiBudgetSubject subject;
        subject.serviceId = m_otherAiServiceId;
        subject.userId = user;
        AiBudgetVerdict v = reserveNow(ledger(), subject, 1.5);
        QVERIFY(!v.allowed);
        QCOMPARE(v.spent, 3.0);
        v = reserveNow(ledger(), subject, 1.0);
        QVERIFY(v.allowed);
        ledger().settle(v.reservation, 1.0);
        QCOMPARE(m_server->admin("DELETE", kBudget + QStringLiteral("/%1").arg(id)).status, 200);
    }

    void alertsFireOncePerThreshold()
    {
        m_receiver.failFirst = 1; // the first delivery is retried
        const qint64 id = createBudget(Json{
            {"resource",
             Json::array({Json{{"name", "alerting"},
                               {"dimension", "global"},
                               {"period", "daily"},
                               {"limit_amount", 10},
                               {"hard_stop", false},
                               {"alert_webhook_url",
                                QStringLiteral("http://127.0.0.1:%1/alerts").arg(m_receiver.port())}}})}});
        QVERIFY(id > 0);
        ledger().setClock(fixedNow);
        AiBudgetSubject subject;
        subject.serviceId = m_aiServiceId;
        auto spend = [&](AiBudgetLedger &l, double cost) {
            const AiBudgetVerdict v = reserveNow(l, subject, cost);
            QVERIFY(v.allowed); // alert-only: never refuses
            l.settle(v.reservation, cost);
            drainStore();
        };
        spend(ledger(), 5); // 50 %
        QTRY_COMPARE_WITH_TIMEOUT(thresholdsOf(m_receiver, id), QList<int>({50}), 15000);
        spend(ledger(), 3); // 80 %
        QTRY_COMPARE_WITH_TIMEOUT(thresholdsOf(m_receiver, id), QList<int>({50, 80}), 15000);
        spend(ledger(), 1); // 90 %: nothing new
        spend(ledger(), 3); // 120 %
        QTRY_COMPARE_WITH_TIMEOUT(thresholdsOf(m_receiver, id), QList<int>({50, 80, 100}), 15000);
        QCOMPARE(m_receiver.failed, 1);
        const Json *last = nullptr;
        for (const Json &doc : m_receiver.documents)
            if (doc["threshold"] == 100)
                last = &doc;
        QVERIFY(last);
        QCOMPARE((*last)["budget"].get<std::string>(), std::string("alerting"));
        QCOMPARE((*last)["dimension"].get<std::string>(), std::string("global"));
        QCOMPARE((*last)["period"].get<std::string>(), std::string("daily"));
        QCOMPARE((*last)["period_start"].get<std::string>(), std::string("2031-05-14 00:00:00.000"));
        QCOMPARE((*last)["spent"].get<double>(), 12.0);
        QCOMPARE((*last)["limit"].get<double>(), 10.0);
        QCOMPARE((*last)["utilisation"].get<double>(), 1.2);
        QTRY_COMPARE_WITH_TIMEOUT(
            scalar(QStringLiteral("SELECT COUNT(*) FROM ai_budget_alert WHERE budget_id = ? "
                                  "AND sent_date IS NOT NULL"),
                   {QVariant::fromValue<qlonglong>(id)})
                .toInt(),
            3, 10000);

        // A restarted node (a new ledger) crossing the same thresholds again sends nothing.
        {
            AiBudgetLedger restarted(store());
            restarted.setClock(fixedNow);
            spend(restarted, 12);
            drainStore();
            QTest::qWait(300);
        }
        QCOMPARE(m_receiver.documents.size(), qsizetype(3));
        QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM ai_budget_alert WHERE budget_id = ?"),
                        {QVariant::fromValue<qlonglong>(id)})
                     .toInt(),
                 3);

        // The next period alerts again.
        ledger().setClock([] { return fixedNow() + 24 * 3600 * 1000; });
        spend(ledger(), 6);
        QTRY_COMPARE_WITH_TIMEOUT(thresholdsOf(m_receiver, id), QList<int>({50, 50, 80, 100}), 15000);
        QCOMPARE(m_server->admin("DELETE", kBudget + QStringLiteral("/%1").arg(id)).status, 200);
    }

    void pruneCommands()
    {
        const QString binary = qEnvironmentVariable("GATEHOUSED");
        QVERIFY(!binary.isEmpty());
        for (const char *table : {"ai_usage_log", "ai_prompt_log"}) {
            for (const char *date : {"2001-01-01 00:00:00.000", "2002-06-01 12:00:00.500"})
                QVERIFY(exec(QStringLiteral("INSERT INTO %1 (created_date, request_id) VALUES (?, 'old-row')")
                                 .arg(QLatin1String(table)),
                             {QString::fromLatin1(date)}));
            QVERIFY(
                exec(QStringLiteral("INSERT INTO %1 (created_date, request_id) VALUES (?, 'fresh-row')")
                         .arg(QLatin1String(table)),
                     {QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"))}));
        }
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QString &key : env.keys())
            if (key.startsWith(QLatin1String("GATEHOUSE_")))
                env.remove(key);
        if (isPg())
            env.insert(QStringLiteral("GATEHOUSE_SYSTEM_DB"), m_systemDb);
        for (const char *command : {"prune-usage-logs", "prune-prompt-logs"}) {
            const QString table = QLatin1String(command) == QLatin1String("prune-usage-logs")
                                      ? QStringLiteral("ai_usage_log")
                                      : QStringLiteral("ai_prompt_log");
            QProcess p;
            p.setProcessEnvironment(env);
            p.start(binary, {QLatin1String(command), QStringLiteral("--data-dir"), m_server->dataDir(),
                             QStringLiteral("--older-than-days"), QStringLiteral("30")});
            QVERIFY(p.waitForFinished(60000));
            const QString out = QString::fromUtf8(p.readAllStandardOutput());
            QVERIFY2(p.exitCode() == 0, qPrintable(out + QString::fromUtf8(p.readAllStandardError())));
            QVERIFY2(out.contains(QStringLiteral("pruned 2 ")), qPrintable(out));
            QCOMPARE(scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE request_id = 'old-row'").arg(table))
                         .toInt(),
                     0);
            QCOMPARE(
                scalar(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE request_id = 'fresh-row'").arg(table))
                    .toInt(),
                1);
            p.start(binary, {QLatin1String(command), QStringLiteral("--data-dir"), m_server->dataDir(),
                             QStringLiteral("--older-than-days"), QStringLiteral("soon")});
            QVERIFY(p.waitForFinished(60000));
            QCOMPARE(p.exitCode(), 2);
        }
    }
};

int main(int argc, char **argv)
{
    return TestDatabases::runOnSystemDatabases<TestAiLedger>(argc, argv);
}

#include "tst_ailedger.moc"
