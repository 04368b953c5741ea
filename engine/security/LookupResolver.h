#pragma once

#include <optional>

#include <QString>
#include <QVariantList>

#include "AccessTypes.h"

namespace gatehouse {

// Resolves DreamFactory lookup keys (`{user.id}`, `{role.name}`, custom lookups) for one
// request's Session. Built-in keys come from the session itself; custom keys from the
// session's AccessSnapshot with the precedence system < app < role < user.
//
// Private lookups are returned only when `allowPrivate` is set, which only trusted
// substitution does (service configuration); client filters, role filter values and routine
// parameters never see them.
class LookupResolver
{
public:
    explicit LookupResolver(const Session &session);

    // The value of `name` (without braces), or nothing when the key is unknown.
    std::optional<QString> value(const QString &name, bool allowPrivate = false) const;

    // Replaces every `{name}` in `text` whose key resolves; unknown keys stay as written.
    QString substitute(const QString &text, bool allowPrivate = false) const;

    // For SQL: every resolvable `{name}` in `sql` becomes a '?' placeholder with its value
    // appended to `binds`, so a lookup's text can never change the statement. Lookups inside
    // quoted SQL literals are substituted the same way (the quotes are removed with them):
    // `SET x = '{user.id}'` becomes `SET x = ?`.
    QString bind(const QString &sql, QVariantList &binds, bool allowPrivate = false) const;

private:
    std::optional<QString> builtIn(const QString &name) const;

    const Session &m_session;
};
} // namespace gatehouse
