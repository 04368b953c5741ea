#pragma once

#include <memory>
#include <optional>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

struct AccessSnapshot;

// Verb mask bits, as DreamFactory defines them.
enum VerbBit : int
{
    VerbGet = 1,
    VerbPost = 2,
    VerbPut = 4,
    VerbPatch = 8,
    VerbDelete = 16,
    VerbAll = 31
};

enum RequestorBit : int
{
    RequestorApi = 1,
    RequestorScript = 2
};

int verbBit(const QByteArray &method);
QStringList verbNames(int mask);

struct AccessRule
{
    qint64 id = 0;
    std::optional<qint64> serviceId; // empty: every service
    QString component;               // "", "*", "_table/*", "_table/orders" ...
    int verbMask = 0;
    int requestorMask = RequestorApi;
    Json filters = Json::array();
    QString filterOp = QStringLiteral("AND");
};

struct Role
{
    qint64 id = 0;
    QString name;
    QString description;
    bool isActive = true;
    QList<AccessRule> rules;
};

struct App
{
    qint64 id = 0;
    QString name;
    bool isActive = true;
    std::optional<qint64> roleId;
};

struct User
{
    qint64 id = 0;
    QString email;
    QString name;
    QString firstName;
    QString lastName;
    bool isActive = true;
    bool isSysAdmin = false;
    // Tokens carry the epoch they were issued under; bumping it (password change, deactivation)
    // revokes every session of the user at once.
    qint64 tokenEpoch = 0;
    // Users signed in through a directory or identity provider (LDAP, OIDC): the service they
    // came from and what it said about them at their last sign-in. They feed the
    // {user.ldap_username}, {user.groups} and {user.<attribute>} lookups.
    qint64 identityServiceId = 0; // 0: a local account
    QString directoryUsername;
    QStringList groups;
    QHash<QString, QString> directoryAttributes;
};

// Who is asking, resolved once by the gate for each request.
struct Session
{
    std::optional<User> user;
    std::optional<App> app;
    std::shared_ptr<const Role> role;
    // The state the request was judged against (custom lookups, masking rules, ...); set for
    // every authenticated request.
    std::shared_ptr<const AccessSnapshot> snapshot;
    QString tokenId; // jti of the JWT used, if any
    qint64 tokenExpiry = 0;
    bool isSysAdmin() const { return user && user->isSysAdmin; }
};
} // namespace gatehouse
