// IdentityRoleMap: which role a directory or identity-provider group earns in which app.

#include <QTest>

#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/IdentityRoleMap.h"

using namespace gatehouse;

namespace {
AccessSnapshot snapshotWith(std::initializer_list<qint64> apps, std::initializer_list<qint64> roles)
{
    AccessSnapshot snapshot;
    for (const qint64 id : apps) {
        App app;
        app.id = id;
        app.name = QStringLiteral("app%1").arg(id);
        snapshot.appsById.insert(id, app);
    }
    for (const qint64 id : roles) {
        auto role = std::make_shared<Role>();
        role->id = id;
        role->name = QStringLiteral("role%1").arg(id);
        snapshot.roles.insert(id, role);
    }
    return snapshot;
}
} // namespace

class TestIdentityRoleMap : public QObject
{
    Q_OBJECT

private slots:
    void groupsMatchByDnOrName_data()
    {
        QTest::addColumn<QString>("configured");
        QTest::addColumn<QString>("group");
        QTest::addColumn<bool>("matches");
        QTest::newRow("same name") << "analysts"
                                   << "Analysts" << true;
        QTest::newRow("name of a DN") << "analysts"
                                      << "cn=Analysts,ou=groups,dc=example,dc=org" << true;
        QTest::newRow("full DN") << "CN=Analysts,OU=Groups,DC=example,DC=org"
                                 << "cn=analysts,ou=groups,dc=example,dc=org" << true;
        QTest::newRow("other group") << "analysts"
                                     << "cn=analysts-ro,ou=groups" << false;
        QTest::newRow("not the first RDN") << "groups"
                                           << "cn=analysts,ou=groups" << false;
        QTest::newRow("escaped value") << "a"
                                       << "cn=a\\,b,ou=groups" << false;
        QTest::newRow("empty group") << "analysts"
                                     << "" << false;
    }
    void groupsMatchByDnOrName()
    {
        QFETCH(QString, configured);
        QFETCH(QString, group);
        QFETCH(bool, matches);
        QCOMPARE(IdentityRoleMap::groupMatches(configured, group), matches);
    }

    void precedence()
    {
        const AccessSnapshot snapshot = snapshotWith({1, 2, 3}, {10, 20, 30, 40});
        const Json config{
            {"default_role", 40},
            {"app_role_map", Json::array({{{"app_id", 2}, {"role_id", 30}}})},
            {"group_role_map", Json::array({{{"group", "admins"}, {"app_id", 1}, {"role_id", 10}},
                                            {{"group", "staff"}, {"role_id", 20}}})}};
        const IdentityRoleMap map = IdentityRoleMap::fromConfig(config, &snapshot);
        QVERIFY(map.managesRoles());

        // The first matching group rule for the app wins; rules without an app cover every app.
        auto roles = map.rolesFor({QStringLiteral("cn=staff,ou=g"), QStringLiteral("admins")}, snapshot);
        QCOMPARE(roles.value(1), std::optional<qint64>(10));
        QCOMPARE(roles.value(2), std::optional<qint64>(20));
        QCOMPARE(roles.value(3), std::optional<qint64>(20));
        // No group: the app's entry, else the default role.
        roles = map.rolesFor({}, snapshot);
        QCOMPARE(roles.value(1), std::optional<qint64>(40));
        QCOMPARE(roles.value(2), std::optional<qint64>(30));
        QCOMPARE(roles.size(), 3);
    }

    void aDeletedRoleMapsToNothing()
    {
        const AccessSnapshot before = snapshotWith({1}, {10});
        const IdentityRoleMap map = IdentityRoleMap::fromConfig(Json{{"default_role", 10}}, &before);
        const AccessSnapshot after = snapshotWith({1}, {});
        const auto roles = map.rolesFor({}, after);
        QVERIFY(roles.contains(1));
        QVERIFY(!roles.value(1).has_value());
    }

    void withoutRoleKeysTheAdminDecides()
    {
        const AccessSnapshot snapshot = snapshotWith({1}, {10});
        const IdentityRoleMap map =
            IdentityRoleMap::fromConfig(Json{{"admin_groups", Json::array({"root"})}}, &snapshot);
        QVERIFY(!map.managesRoles());
        QVERIFY(map.rolesFor({QStringLiteral("root")}, snapshot).isEmpty());
        QCOMPARE(map.isSysAdmin({QStringLiteral("cn=root,ou=g")}), std::optional<bool>(true));
        QCOMPARE(map.isSysAdmin({QStringLiteral("staff")}), std::optional<bool>(false));
        QCOMPARE(IdentityRoleMap::fromConfig(Json::object()).isSysAdmin({QStringLiteral("root")}),
                 std::nullopt);
    }

    void badConfigIsRefused_data()
    {
        QTest::addColumn<QString>("config");
        QTest::addColumn<QString>("key");
        QTest::newRow("default_role text") << R"({"default_role": "admin"})"
                                           << "default_role";
        QTest::newRow("default_role unknown") << R"({"default_role": 99})"
                                              << "default_role";
        QTest::newRow("app map not array") << R"({"app_role_map": {"app_id": 1}})"
                                           << "app_role_map";
        QTest::newRow("app map without role") << R"({"app_role_map": [{"app_id": 1}]})"
                                              << "app_role_map";
        QTest::newRow("app map unknown app") << R"({"app_role_map": [{"app_id": 5, "role_id": 10}]})"
                                             << "app_role_map";
        QTest::newRow("group without name") << R"({"group_role_map": [{"role_id": 10}]})"
                                            << "group_role_map";
        QTest::newRow("group blank") << R"({"group_role_map": [{"group": " ", "role_id": 10}]})"
                                     << "group_role_map";
        QTest::newRow("group negative role") << R"({"group_role_map": [{"group": "a", "role_id": -1}]})"
                                             << "group_role_map";
        QTest::newRow("admin groups not names") << R"({"admin_groups": [1]})"
                                                << "admin_groups";
    }
    void badConfigIsRefused()
    {
        QFETCH(QString, config);
        QFETCH(QString, key);
        const AccessSnapshot snapshot = snapshotWith({1}, {10});
        try {
            IdentityRoleMap::fromConfig(parseJsonOrDiscarded(config.toUtf8()), &snapshot);
            QFAIL("accepted");
        } catch (const ApiError &error) {
            QCOMPARE(error.status(), 400);
            QVERIFY2(error.message().contains(key), qPrintable(error.message()));
        }
    }
};

QTEST_GUILESS_MAIN(TestIdentityRoleMap)
#include "tst_identityrolemap.moc"
