#pragma once

#include <QList>
#include <QPair>
#include <QString>
#include <QVariant>

#include "SqlDialect.h"
#include "core/Json.h"

namespace gatehouse {

struct RequestContext;

// The arguments of one `_proc`/`_func` call as the client sent them, before they are matched
// to a signature. DF's order: the body key `params` (array of {name,value}, array of bare
// values, or an object), then inline `name(a,b)`, then every query-string key. Public lookups in
// text values ("{user.id}") are substituted for the request (reference §5).
class RoutineArguments
{
public:
    enum class Source
    {
        None,
        Body,
        Inline,
        Query
    };

    // `inlineArgs` is the text between the parentheses of "name(...)"; `hasInline` tells an
    // empty "name()" apart from no parentheses at all.
    static RoutineArguments fromRequest(const RequestContext &ctx, const QString &inlineArgs, bool hasInline);

    Source source() const { return m_source; }
    bool isPositional() const { return m_positional; }
    const QList<Json> &values() const { return m_values; }
    // The value given for `name` (case-insensitive), or nullptr.
    const Json *named(const QString &name) const;
    // Names as given, in order (named arguments only).
    QStringList names() const;

    // Converts one client value to `type` (a DF abstract type or a named-query type such as
    // "number"); throws ApiError 400 "Parameter 'x' must be a valid integer." on mismatch.
    // Values from the query string or inline arrive as text and are parsed leniently.
    static QVariant convert(const Json &value, const QString &type, const QString &param,
                            SqlDialect::Kind kind);
    static bool isKnownType(const QString &type);

private:
    // The arguments as sent, before lookups are substituted.
    static RoutineArguments collect(const RequestContext &ctx, const QString &inlineArgs, bool hasInline);

    Source m_source = Source::None;
    bool m_positional = false;
    QList<Json> m_values; // positional values, or named values in m_names order
    QStringList m_names;  // names of named values
};
} // namespace gatehouse
