#pragma once

#include <optional>

#include <QString>

#include "LdapConfig.h"
#include "core/Json.h"
#include "security/ExternalIdentity.h"

namespace gatehouse {

// The blocking conversations with a directory, run on LdapService's worker pool: a password
// sign-in and the console's probe. Nothing here touches the event loop or Gatehouse state.
class LdapDirectory
{
public:
    struct Outcome
    {
        std::optional<ExternalIdentity> identity; // set on success
        int status = 0;                           // else the HTTP status of the refusal
        QString message;
    };

    static constexpr const char *kInvalidCredentials = "Invalid credentials supplied.";

    // Service-account bind, user search (exactly one entry), disabled check, user bind,
    // groups. Refusals: 401 for anything about the name or password (never saying which),
    // 403 for a disabled account, 502/504 when the directory is unusable or too slow.
    static Outcome signIn(const LdapConfig &config, const QString &username, const QString &password);
    // {"success", "steps": [{"name", "success", "detail"}]}: connect, bind, count users.
    static Json probe(const LdapConfig &config);

    // The value of a DN's first RDN ("Analysts" for cn=Analysts,ou=groups,...), unescaped.
    static QString firstRdnValue(const QString &dn);
};
} // namespace gatehouse
