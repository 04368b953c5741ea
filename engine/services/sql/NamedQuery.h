#pragma once

#include <optional>

#include <QList>
#include <QString>
#include <QStringList>

#include "RoutineArguments.h"
#include "SqlDialect.h"
#include "core/Json.h"

namespace gatehouse {

struct NamedQueryParam
{
    QString name;
    QString type = QStringLiteral("string"); // integer, number, decimal, string, boolean, date, ...
    bool required = false;
    Json defaultValue; // null: none
    QString description;
};

// An admin-defined, parameterised SQL statement exposed under `_proc` on every engine. It is
// configured in the service config:
//
//   "named_queries": [{"name": "GetOrderDetails", "description": "...",
//                      "sql": "SELECT ... WHERE o.id = :order_id",
//                      "params": [{"name": "order_id", "type": "integer", "required": true,
//                                  "default": null, "description": "..."}]}]
//
// `:name` placeholders become positional `?` (see toPositional) and every value is bound,
// never put into the SQL text.
class NamedQuery
{
public:
    QString name;
    QString description;
    QString sql;
    QList<NamedQueryParam> params;

    // Every valid entry of config["named_queries"]; invalid ones are logged and left out.
    static QList<NamedQuery> fromConfig(const Json &config);
    static std::optional<NamedQuery> find(const Json &config, const QString &name);
    // Everything wrong with config["named_queries"] for an engine (invalid entries, SQL the
    // tokenizer refuses, placeholders without a declared parameter, duplicate names), for
    // checking a service config when it is saved. Empty when all is well.
    static QStringList configErrors(const Json &config, SqlDialect::Kind kind);
    // Validates one config entry; returns an error text or an empty string.
    static QString parse(const Json &entry, NamedQuery &out);

    // Replaces `:name` placeholders by `?`, skipping string literals, quoted identifiers,
    // comments (which are dropped), PostgreSQL `::casts` and dollar-quoted strings, and
    // MySQL `:=`. `names` receives the placeholder names in order (repeats included).
    // Returns false with `error` set for SQL Gatehouse will not run (bare `?`, unterminated
    // literals or comments).
    static bool toPositional(const QString &sql, SqlDialect::Kind kind, QString *positionalSql,
                             QStringList *names, QString *error);

    // Matches the call's arguments to the declared parameters, applying defaults; throws 400
    // for missing required parameters and values of the wrong type.
    QHash<QString, QVariant> bindValues(const RoutineArguments &arguments, SqlDialect::Kind kind) const;

    // DF-style describe, like a procedure's, plus "type": "named_query".
    Json describe(int access = -1) const;
};
} // namespace gatehouse
