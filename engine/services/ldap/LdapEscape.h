#pragma once

#include <QString>

namespace gatehouse {

// Escaping for values that come from outside (a sign-in name, a DN read back from the
// directory) before they go into an LDAP search filter or a DN. Without it a name such as
// `*)(uid=*` widens a search to every entry; with it the directory sees a literal value.
class LdapEscape
{
public:
    // RFC 4515 assertion value: `*`, `(`, `)`, `\`, NUL and every byte that is not printable
    // ASCII (control bytes, DEL and each byte of a UTF-8 sequence) become `\XX` (lower-case
    // hex), so the filter text is plain ASCII whatever the input.
    static QString filterValue(const QString &value);
    // RFC 4514 attribute value inside a DN: `,+"\<>;=` are escaped with a backslash, as are a
    // leading space or `#` and a trailing space; NUL and other control bytes become `\XX`.
    static QString dnValue(const QString &value);
};
} // namespace gatehouse
