#pragma once

#include <optional>

#include <QString>
#include <QVariantList>

#include "AccessTypes.h"

namespace gatehouse {

class LookupSecrets;

// Resolves DreamFactory lookups (`{user.id}`, `{role.name}`, custom lookups, and modifiers such
// as `{strtoupper(trim(user.email))}`) for one request's Session (reference §5).
//
// Built-in keys come from the session itself and always win over a custom lookup of the same
// name (custom names under user./role./app./session./df. are refused on write anyway). Custom
// keys come from the session's AccessSnapshot, the most specific scope winning:
// system < app < role < user.
//
// Private lookups are returned only when the resolver was built with LookupSecrets *and* the
// caller passes `allowPrivate`. Only trusted substitution does that (a service's own
// configuration, e.g. SQL `statements`); client filters, role filter values and routine
// parameters never do. When the most specific lookup of a name is private and private values
// are not allowed, the name does not resolve at all: a less specific public value of the same
// name is not used in its place.
class LookupResolver
{
public:
    enum class Outcome
    {
        Resolved,
        Unknown,   // no such key, or a key this session has no value for ({user.id} without a user)
        Private,   // the key is a private lookup and private values are not allowed here
        BadSyntax, // an unknown modifier or unbalanced parentheses
    };
    struct Result
    {
        Outcome outcome = Outcome::Unknown;
        QString value;
        bool ok() const { return outcome == Outcome::Resolved; }
    };

    // What bind() does with a lookup that does not resolve.
    enum class Unresolved
    {
        Keep,     // leave `{name}` in the text, as DreamFactory does
        BindNull, // bind SQL NULL, so no earlier value can survive (used for per-request statements)
    };

    explicit LookupResolver(const Session &session, const LookupSecrets *secrets = nullptr);

    // `expression` is what stands between the braces: a key, optionally wrapped in modifiers.
    Result resolve(const QString &expression, bool allowPrivate = false) const;
    // The value of `expression`, or nothing when it does not resolve.
    std::optional<QString> value(const QString &expression, bool allowPrivate = false) const;

    // Replaces every `{expression}` in `text` that resolves; others stay as written.
    QString substitute(const QString &text, bool allowPrivate = false) const;

    // For SQL: every `{expression}` in `sql` becomes a '?' placeholder with its value appended to
    // `binds`, so a lookup's text can never change the statement. Lookups inside quoted SQL
    // literals are substituted the same way (the quotes are removed with them):
    // `SET x = '{user.id}'` becomes `SET x = ?`.
    QString bind(const QString &sql, QVariantList &binds, bool allowPrivate = false,
                 Unresolved unresolved = Unresolved::Keep) const;

    // The modifiers DreamFactory allows by default (DF_LOOKUP_MODIFIERS), applied as PHP would.
    static QStringList modifiers();
    static std::optional<QString> applyModifier(const QString &modifier, const QString &value);
    // True for names reserved for built-in keys (user.*, role.*, app.*, session.*, df.*).
    static bool isReservedName(const QString &name);
    // A valid custom lookup name: letters, digits, '_' and '.', not starting with a digit or '.'.
    static bool isValidName(const QString &name);
    // True for the `user.<key>` lookups resolved from the user itself (id, email, groups, ...):
    // a directory attribute or token claim mapped under such a name would never be read.
    static bool isBuiltInUserKey(const QString &key);

    // The request being served on this thread, for code that parses client text (filters)
    // without the request at hand. Installed by a service around one request's work on a
    // worker; never holds LookupSecrets. Null outside such a scope.
    static const LookupResolver *current();
    class RequestScope
    {
    public:
        explicit RequestScope(const LookupResolver *resolver);
        ~RequestScope();
        RequestScope(const RequestScope &) = delete;
        RequestScope &operator=(const RequestScope &) = delete;

    private:
        const LookupResolver *m_previous;
    };

private:
    std::optional<QString> builtIn(const QString &name) const;
    Result key(const QString &name, bool allowPrivate) const;

    const Session &m_session;
    const LookupSecrets *m_secrets;
};
} // namespace gatehouse
