// Unit tests for lookup resolution (reference §5): built-in keys, custom lookups and their
// precedence (system < app < role < user), DF's modifiers, the private rule, bind() for SQL and
// lookups in filters.
#include <QTest>

#include "core/ApiError.h"
#include "security/AccessSnapshot.h"
#include "security/LookupResolver.h"
#include "security/LookupSecrets.h"
#include "security/SecretBox.h"
#include "services/sql/FilterParser.h"
#include "services/sql/SqlDialect.h"

using namespace gatehouse;
using namespace Qt::StringLiterals;

namespace {
LookupEntry pub(const QString &value)
{
    return LookupEntry{value, false};
}

struct Fixture
{
    SecretBox box{QByteArray(SecretBox::KeyBytes, 'k')};
    LookupSecrets secrets{box};
    std::shared_ptr<AccessSnapshot> snapshot = std::make_shared<AccessSnapshot>();
    Session session;

    Fixture()
    {
        LookupTable &t = snapshot->lookups;
        t.system.insert(u"region"_s, pub(u"system-region"_s));
        t.system.insert(u"only_system"_s, pub(u"s"_s));
        t.system.insert(u"padded"_s, pub(u"  hello world \t"_s));
        t.system.insert(u"email_like"_s, pub(u"ann lee+x@ex.io/ü"_s));
        t.system.insert(u"db_password"_s, LookupEntry{secrets.seal(u"s3cret"_s), true});
        t.system.insert(u"shadowed"_s, pub(u"public-system"_s));
        t.byApp[7].insert(u"region"_s, pub(u"app-region"_s));
        t.byApp[7].insert(u"only_app"_s, pub(u"a"_s));
        t.byRole[3].insert(u"region"_s, pub(u"role-region"_s));
        t.byRole[3].insert(u"only_role"_s, pub(u"r"_s));
        t.byRole[3].insert(u"shadowed"_s, LookupEntry{secrets.seal(u"role-secret"_s), true});
        t.byUser[5].insert(u"region"_s, pub(u"user-region"_s));
        t.byUser[6].insert(u"region"_s, pub(u"other-user"_s));

        User user;
        user.id = 5;
        user.email = u"Ann@Example.com"_s;
        user.name = u"ann lee"_s;
        session.user = user;
        App app;
        app.id = 7;
        app.name = u"portal"_s;
        session.app = app;
        auto role = std::make_shared<Role>();
        role->id = 3;
        role->name = u"sales"_s;
        session.role = role;
        session.snapshot = snapshot;
    }
};

TableSchema docs()
{
    TableSchema t;
    t.name = u"docs"_s;
    ColumnSchema id;
    id.name = u"id"_s;
    id.type = u"integer"_s;
    id.isPrimaryKey = true;
    ColumnSchema owner;
    owner.name = u"owner_id"_s;
    owner.type = u"integer"_s;
    ColumnSchema region;
    region.name = u"region"_s;
    region.type = u"string"_s;
    t.columns = {id, owner, region};
    t.primaryKey = {u"id"_s};
    return t;
}
} // namespace

class TestLookups : public QObject
{
    Q_OBJECT

private slots:
    void builtIns()
    {
        Fixture f;
        const LookupResolver r(f.session);
        QCOMPARE(r.value(u"user.id"_s), u"5"_s);
        QCOMPARE(r.value(u"user.email"_s), u"Ann@Example.com"_s);
        QCOMPARE(r.value(u"user.is_admin"_s), u"false"_s);
        QCOMPARE(r.value(u"role.name"_s), u"sales"_s);
        QCOMPARE(r.value(u"app.id"_s), u"7"_s);
        QVERIFY(!r.value(u"user.password"_s));
        QVERIFY(!r.value(u"nope"_s));

        Session anonymous;
        anonymous.snapshot = f.snapshot;
        const LookupResolver none(anonymous);
        QCOMPARE(none.resolve(u"user.id"_s).outcome, LookupResolver::Outcome::Unknown);
        QCOMPARE(none.value(u"region"_s), u"system-region"_s); // no app, role or user: system wins
    }

    void precedence()
    {
        Fixture f;
        QCOMPARE(LookupResolver(f.session).value(u"region"_s), u"user-region"_s);
        QCOMPARE(LookupResolver(f.session).value(u"only_role"_s), u"r"_s);
        QCOMPARE(LookupResolver(f.session).value(u"only_app"_s), u"a"_s);
        QCOMPARE(LookupResolver(f.session).value(u"only_system"_s), u"s"_s);

        f.session.user->id = 99; // no user lookups: the role's value
        QCOMPARE(LookupResolver(f.session).value(u"region"_s), u"role-region"_s);
        f.session.role.reset(); // no role: the app's
        QCOMPARE(LookupResolver(f.session).value(u"region"_s), u"app-region"_s);
        f.session.app.reset(); // nothing but the system's
        QCOMPARE(LookupResolver(f.session).value(u"region"_s), u"system-region"_s);
    }

    void builtInsWinOverCustomNames()
    {
        Fixture f;
        f.snapshot->lookups.system.insert(u"user.id"_s, pub(u"666"_s));
        QCOMPARE(LookupResolver(f.session).value(u"user.id"_s), u"5"_s);
        QVERIFY(LookupResolver::isReservedName(u"user.anything"_s));
        QVERIFY(LookupResolver::isReservedName(u"DF.name"_s));
        QVERIFY(!LookupResolver::isReservedName(u"users.x"_s));
        QVERIFY(LookupResolver::isValidName(u"tenant.schema_1"_s));
        QVERIFY(!LookupResolver::isValidName(u"1abc"_s));
        QVERIFY(!LookupResolver::isValidName(u"a b"_s));
        QVERIFY(!LookupResolver::isValidName(u"a(b)"_s));
        QVERIFY(!LookupResolver::isValidName(u".abc"_s));
        QVERIFY(!LookupResolver::isValidName(u"caf\u00e9"_s));
        QVERIFY(!LookupResolver::isValidName(QString()));
        QVERIFY(LookupResolver::isValidName(u"_x9.y"_s));
    }

    void modifiers_data()
    {
        QTest::addColumn<QString>("expression");
        QTest::addColumn<QString>("expected");
        QTest::newRow("strtoupper") << u"strtoupper(user.email)"_s << u"ANN@EXAMPLE.COM"_s;
        QTest::newRow("strtolower") << u"strtolower(user.email)"_s << u"ann@example.com"_s;
        QTest::newRow("ucfirst") << u"ucfirst(user.name)"_s << u"Ann lee"_s;
        QTest::newRow("lcfirst") << u"lcfirst(user.email)"_s << u"ann@Example.com"_s;
        QTest::newRow("ucwords") << u"ucwords(user.name)"_s << u"Ann Lee"_s;
        QTest::newRow("trim") << u"trim(padded)"_s << u"hello world"_s;
        QTest::newRow("urlencode") << u"urlencode(email_like)"_s << u"ann+lee%2Bx%40ex.io%2F%C3%BC"_s;
        QTest::newRow("rawurlencode") << u"rawurlencode(email_like)"_s << u"ann%20lee%2Bx%40ex.io%2F%C3%BC"_s;
        QTest::newRow("urldecode") << u"urldecode(urlencode(email_like))"_s << u"ann lee+x@ex.io/ü"_s;
        QTest::newRow("rawurldecode")
            << u"rawurldecode(rawurlencode(email_like))"_s << u"ann lee+x@ex.io/ü"_s;
        QTest::newRow("base64_encode") << u"base64_encode(user.id)"_s << u"NQ=="_s;
        QTest::newRow("base64_decode")
            << u"base64_decode(base64_encode(email_like))"_s << u"ann lee+x@ex.io/ü"_s;
        QTest::newRow("nested") << u"strtoupper(trim(padded))"_s << u"HELLO WORLD"_s;
        QTest::newRow("spaces") << u" ucwords( trim( padded ) ) "_s << u"Hello World"_s;
        QTest::newRow("custom lookup") << u"strtoupper(region)"_s << u"USER-REGION"_s;
    }

    void modifiers()
    {
        QFETCH(QString, expression);
        QFETCH(QString, expected);
        Fixture f;
        const LookupResolver::Result result = LookupResolver(f.session).resolve(expression);
        QCOMPARE(result.outcome, LookupResolver::Outcome::Resolved);
        QCOMPARE(result.value, expected);
        // The same through text substitution.
        QCOMPARE(LookupResolver(f.session).substitute(u"<{"_s + expression + u"}>"_s),
                 u"<"_s + expected + u">"_s);
    }

    void badModifiers()
    {
        Fixture f;
        const LookupResolver r(f.session);
        for (const QString &expression :
             {u"system(user.id)"_s, u"strtoupper(user.id"_s, u"strtoupper user.id)"_s, u"strtoupper()"_s,
              u"a(b(c(d(e(f(g(h(i(j(user.id))))))))))"_s})
            QCOMPARE(r.resolve(expression).outcome, LookupResolver::Outcome::BadSyntax);
        // Unknown modifiers leave the text as written, as DF does.
        QCOMPARE(r.substitute(u"x{exec(user.id)}"_s), u"x{exec(user.id)}"_s);
    }

    void privateRule()
    {
        Fixture f;
        // Without secrets, or without allowPrivate, a private lookup never resolves.
        QCOMPARE(LookupResolver(f.session).resolve(u"db_password"_s, true).outcome,
                 LookupResolver::Outcome::Private);
        const LookupResolver trusted(f.session, &f.secrets);
        QCOMPARE(trusted.resolve(u"db_password"_s, false).outcome, LookupResolver::Outcome::Private);
        QCOMPARE(trusted.value(u"db_password"_s, true), u"s3cret"_s);
        QCOMPARE(trusted.value(u"strtoupper(db_password)"_s, true), u"S3CRET"_s);
        // The most specific lookup is private: the less specific public one is not used instead.
        QCOMPARE(trusted.resolve(u"shadowed"_s, false).outcome, LookupResolver::Outcome::Private);
        QCOMPARE(trusted.value(u"shadowed"_s, true), u"role-secret"_s);
        // substitute() leaves private lookups as written unless allowed.
        QCOMPARE(trusted.substitute(u"p={db_password}"_s), u"p={db_password}"_s);
        QCOMPARE(trusted.substitute(u"p={db_password}"_s, true), u"p=s3cret"_s);
        // A value sealed under another key is not usable (and never passed on sealed).
        f.snapshot->lookups.system.insert(u"foreign"_s,
                                          LookupEntry{SecretBox(QByteArray(32, 'z')).seal("x"), true});
        QCOMPARE(trusted.resolve(u"foreign"_s, true).outcome, LookupResolver::Outcome::Unknown);
    }

    void bindForSql()
    {
        Fixture f;
        const LookupResolver trusted(f.session, &f.secrets);
        QVariantList binds;
        QCOMPARE(trusted.bind(u"SELECT set_config('app.user_id', {user.id}, false)"_s, binds, true),
                 u"SELECT set_config('app.user_id', ?, false)"_s);
        QCOMPARE(binds, QVariantList{u"5"_s});

        binds.clear();
        QCOMPARE(trusted.bind(u"SET x = '{user.id}'; SET y = {db_password}"_s, binds, true),
                 u"SET x = ?; SET y = ?"_s);
        QCOMPARE(binds, (QVariantList{u"5"_s, u"s3cret"_s}));

        // Not private-enabled: the private lookup stays as written (Keep) or binds NULL.
        binds.clear();
        QCOMPARE(trusted.bind(u"SELECT {db_password}"_s, binds, false), u"SELECT {db_password}"_s);
        QVERIFY(binds.isEmpty());
        QCOMPARE(trusted.bind(u"SELECT {db_password}, {nope}"_s, binds, false,
                              LookupResolver::Unresolved::BindNull),
                 u"SELECT ?, ?"_s);
        QCOMPARE(binds.size(), 2);
        QVERIFY(binds.at(0).isNull() && binds.at(1).isNull());

        // Inside a longer literal a lookup cannot become a placeholder: left alone.
        binds.clear();
        QCOMPARE(trusted.bind(u"SELECT 'id-{user.id}', {user.id}, 'it''s {role.id}'"_s, binds, true),
                 u"SELECT 'id-{user.id}', ?, 'it''s {role.id}'"_s);
        QCOMPARE(binds, QVariantList{u"5"_s});

        // A value that looks like SQL is only ever a bound value.
        f.snapshot->lookups.system.insert(u"evil"_s, pub(u"1'); DROP TABLE t; --"_s));
        binds.clear();
        QCOMPARE(trusted.bind(u"SELECT {evil}"_s, binds, true), u"SELECT ?"_s);
        QCOMPARE(binds, QVariantList{u"1'); DROP TABLE t; --"_s});
    }

    void filterLookups()
    {
        Fixture f;
        const TableSchema table = docs();
        const auto dialect = SqlDialect::create(SqlDialect::Kind::Sqlite);
        const LookupResolver lookups(f.session);

        SqlFragment sql = FilterParser(table, *dialect, {}, &lookups).toSql(u"owner_id = {user.id}"_s);
        QCOMPARE(sql.sql, u"\"owner_id\" = ?"_s);
        QCOMPARE(sql.binds.size(), 1);
        QCOMPARE(sql.binds.at(0).toLongLong(), 5);

        sql = FilterParser(table, *dialect, {}, &lookups)
                  .toSql(u"region IN ({region}, {strtoupper(region)}) OR region = {only_system}"_s);
        QCOMPARE(sql.binds, (QVariantList{u"user-region"_s, u"USER-REGION"_s, u"s"_s}));

        // A lookup value is data: quotes and keywords in it change nothing.
        f.snapshot->lookups.system.insert(u"evil"_s, pub(u"x' OR '1'='1"_s));
        sql = FilterParser(table, *dialect, {}, &lookups).toSql(u"region = {evil}"_s);
        QCOMPARE(sql.sql, u"\"region\" = ?"_s);
        QCOMPARE(sql.binds, QVariantList{u"x' OR '1'='1"_s});

        const auto fails = [&](const QString &filter, const QString &expected, const LookupResolver *r) {
            try {
                FilterParser(table, *dialect, {}, r).toSql(filter);
            } catch (const ApiError &e) {
                QCOMPARE(e.status(), 400);
                QVERIFY2(e.message().contains(expected), qPrintable(e.message()));
                return;
            }
            QFAIL(qPrintable(u"no error for "_s + filter));
        };
        // Private lookups never reach a client filter, even through a resolver that holds secrets.
        const LookupResolver trusted(f.session, &f.secrets);
        fails(u"region = {db_password}"_s, u"position 10: the lookup '{db_password}' is private"_s, &trusted);
        fails(u"region = {missing}"_s, u"'{missing}' has no value for this request"_s, &lookups);
        fails(u"region = {shell(user.id)}"_s, u"unknown modifier"_s, &lookups);
        fails(u"region = {user.id}"_s, u"not available in this context"_s, nullptr);

        // The request scope a service installs serves parsers built without a resolver.
        {
            const LookupResolver::RequestScope scope(&lookups);
            QCOMPARE(LookupResolver::current(), &lookups);
            sql = FilterParser(table, *dialect).toSql(u"owner_id = {user.id}"_s);
            QCOMPARE(sql.binds.at(0).toLongLong(), 5);
        }
        QCOMPARE(LookupResolver::current(), nullptr);
        fails(u"owner_id = {user.id}"_s, u"not available in this context"_s, nullptr);
    }
};

QTEST_GUILESS_MAIN(TestLookups)
#include "tst_lookups.moc"
