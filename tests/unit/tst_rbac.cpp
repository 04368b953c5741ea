#include <QTest>

#include "security/Rbac.h"

using namespace gatehouse;

Q_DECLARE_METATYPE(QList<gatehouse::AccessRule>)

// DreamFactory's component matching: only the most specific matching level counts.
class TestRbac : public QObject
{
    Q_OBJECT

    static AccessRule rule(std::optional<qint64> service, const char *component, int verbs,
                           int requestors = RequestorApi)
    {
        AccessRule r;
        r.serviceId = service;
        r.component = QLatin1String(component);
        r.verbMask = verbs;
        r.requestorMask = requestors;
        return r;
    }

private Q_SLOTS:
    void normalize()
    {
        QCOMPARE(Rbac::normalizeComponent(QStringLiteral("_Table/Orders/")), QStringLiteral("_table/orders"));
        QCOMPARE(Rbac::normalizeComponent(QStringLiteral("_proc/GetThing(1,abc)")),
                 QStringLiteral("_proc/getthing"));
    }

    void levels_data()
    {
        QTest::addColumn<QList<AccessRule>>("rules");
        QTest::addColumn<QString>("component");
        QTest::addColumn<int>("expected");
        const QList<AccessRule> mixed = {rule(7, "_table/*", VerbGet), rule(7, "_table/orders/*", VerbPost),
                                         rule(7, "_table/orders", VerbDelete), rule(7, "*", VerbAll),
                                         rule(std::nullopt, "*", VerbPatch)};
        QTest::newRow("exact wins over everything") << mixed << "_table/orders" << int(VerbDelete);
        QTest::newRow("wildcards are ORed at their level")
            << mixed << "_table/orders/5" << int(VerbGet | VerbPost);
        QTest::newRow("wildcard covers another table") << mixed << "_table/customers" << int(VerbGet);
        QTest::newRow("wildcard covers the list itself") << mixed << "_table" << int(VerbGet);
        QTest::newRow("service-wide star") << mixed << "_schema/orders" << int(VerbAll);
        QTest::newRow("case-insensitive") << mixed << "_TABLE/ORDERS" << int(VerbDelete);
        QTest::newRow("all services only")
            << QList<AccessRule>{rule(std::nullopt, "*", VerbPatch)} << "_table/x" << int(VerbPatch);
        QTest::newRow("other service does not count")
            << QList<AccessRule>{rule(8, "*", VerbAll)} << "_table/x" << 0;
        QTest::newRow("prefix is not a substring match")
            << QList<AccessRule>{rule(7, "_table/ord*", VerbGet)} << "_table/orders" << int(VerbGet);
        QTest::newRow("exact does not cover children")
            << QList<AccessRule>{rule(7, "_table/orders", VerbGet)} << "_table/orders/5" << 0;
        QTest::newRow("root request matches empty component")
            << QList<AccessRule>{rule(7, "", VerbGet)} << "" << int(VerbGet);
    }

    void levels()
    {
        QFETCH(QList<AccessRule>, rules);
        QFETCH(QString, component);
        QFETCH(int, expected);
        Role role;
        role.rules = rules;
        QCOMPARE(Rbac::allowedVerbs(role, 7, component, RequestorApi), expected);
    }

    void requestorMask()
    {
        Role role;
        role.rules = {rule(7, "_table/*", VerbGet, RequestorScript), rule(7, "*", VerbPost, RequestorApi)};
        QCOMPARE(Rbac::allowedVerbs(role, 7, QStringLiteral("_table/a"), RequestorScript), int(VerbGet));
        // For API callers the script-only rule does not exist, so the service-wide one applies.
        QCOMPARE(Rbac::allowedVerbs(role, 7, QStringLiteral("_table/a"), RequestorApi), int(VerbPost));
    }

    void inactiveRoleDeniesEverything()
    {
        Role role;
        role.isActive = false;
        role.rules = {rule(7, "*", VerbAll)};
        QCOMPARE(Rbac::allowedVerbs(role, 7, QStringLiteral("_table/a"), RequestorApi), 0);
    }

    void adminBypassesAndNoRoleDenies()
    {
        Session admin;
        admin.user = User{};
        admin.user->isSysAdmin = true;
        QVERIFY(Rbac::isAllowed(admin, 7, QStringLiteral("_table/a"), VerbDelete, RequestorApi));
        Session nobody;
        QVERIFY(!Rbac::isAllowed(nobody, 7, QStringLiteral("_table/a"), VerbGet, RequestorApi));
    }

    void ruleForPicksTheGrantingRuleAtTheWinningLevel()
    {
        Role role;
        role.rules = {rule(7, "_table/orders/*", VerbGet), rule(7, "_table/orders/*", VerbPut),
                      rule(7, "*", VerbAll)};
        role.rules[1].filters = Json::array({Json{{"name", "owner_id"}}});
        const AccessRule *r = Rbac::ruleFor(role, 7, QStringLiteral("_table/orders"), VerbPut, RequestorApi);
        QVERIFY(r);
        QCOMPARE(r->verbMask, int(VerbPut));
        QVERIFY(!Rbac::ruleFor(role, 7, QStringLiteral("_table/orders"), VerbDelete, RequestorApi));
    }

    void filterRuleAndRoutineGrants()
    {
        auto role = std::make_shared<Role>();
        role->rules = {rule(7, "_table/*", VerbGet | VerbPut), rule(7, "_table/orders", VerbGet),
                       rule(7, "_proc/*", VerbGet), rule(7, "_proc/Report", VerbGet)};
        role->rules[0].filters = Json::array({Json{{"name", "owner_id"}, {"value", "{user.id}"}}});
        Session session;
        session.role = role;
        // The wildcard row carries the filter; the exact row for orders has none and wins.
        QVERIFY(Rbac::filterRule(session, 7, QStringLiteral("_table/items"), VerbGet, RequestorApi) ==
                &role->rules[0]);
        QVERIFY(!Rbac::filterRule(session, 7, QStringLiteral("_table/orders"), VerbGet, RequestorApi));
        QVERIFY(!Rbac::filterRule(session, 8, QStringLiteral("_table/items"), VerbGet, RequestorApi));
        Session admin = session;
        admin.user = User{};
        admin.user->isSysAdmin = true;
        QVERIFY(!Rbac::filterRule(admin, 7, QStringLiteral("_table/items"), VerbGet, RequestorApi));

        QVERIFY(Rbac::hasTableFilters(*role, 7));
        QVERIFY(!Rbac::hasTableFilters(*role, 8));
        QVERIFY(Rbac::grantsExactly(*role, 7, QStringLiteral("_proc/report"), VerbGet, RequestorApi));
        QVERIFY(!Rbac::grantsExactly(*role, 7, QStringLiteral("_proc/other"), VerbGet, RequestorApi));
        QVERIFY(!Rbac::grantsExactly(*role, 7, QStringLiteral("_proc/report"), VerbPost, RequestorApi));
    }
};

QTEST_APPLESS_MAIN(TestRbac)
#include "tst_rbac.moc"
