#pragma once

#include "core/Json.h"
#include "security/ExternalIdentity.h"

namespace gatehouse {

struct OidcSettings;

// Verified token claims → the person they name. Decisions (docs/configuration.md):
// - the subject is `sub` (stable at the IdP); the user name is `username_claim`, falling back to
//   the e-mail address, then `sub`;
// - `email` is taken only when `email_verified` is not false: an IdP that lets people type any
//   address must not let them take over the Gatehouse account that owns it. Absent
//   `email_verified` counts as verified (many IdPs only issue managed addresses and omit it);
// - groups come from `groups_claim` as an array or a space/comma separated string; a dotted
//   name ("realm_access.roles") walks nested objects when no claim has the literal name;
// - each `claims` entry becomes an attribute ({user.<name>}): strings as they are, arrays
//   comma-joined, other JSON as text;
// - scopes from `scope` (space separated) or `scp` (string or array).
class OidcIdentityMapper
{
public:
    static ExternalIdentity map(const Json &claims, const OidcSettings &settings);
    // A claim by name, following dots into nested objects when no literal key exists.
    static const Json *claim(const Json &claims, const QString &name);
    static QStringList stringList(const Json *value);
};
} // namespace gatehouse
