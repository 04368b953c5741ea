#include "NamedQuery.h"

#include <spdlog/spdlog.h>

#include <QRegularExpression>

#include "SchemaJson.h"
#include "core/ApiError.h"
#include "security/AccessTypes.h"

namespace gatehouse {
namespace {

bool isIdentStart(QChar c)
{
    return c.isLetter() || c == QLatin1Char('_');
}

bool isIdentChar(QChar c)
{
    return c.isLetterOrNumber() || c == QLatin1Char('_') || c == QLatin1Char('$');
}

bool isValidName(const QString &name)
{
    static const QRegularExpression pattern(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]{0,127}$"));
    return pattern.match(name).hasMatch();
}

QString jsonText(const Json &object, const char *key)
{
    const auto it = object.find(key);
    if (it == object.end() || !it->is_string())
        return {};
    return QString::fromStdString(it->get<std::string>());
}
} // namespace

QString NamedQuery::parse(const Json &entry, NamedQuery &out)
{
    if (!entry.is_object())
        return QStringLiteral("entry is not an object");
    out = NamedQuery();
    out.name = jsonText(entry, "name").trimmed();
    if (!isValidName(out.name))
        return QStringLiteral("invalid name '%1'").arg(out.name.left(60));
    out.description = jsonText(entry, "description");
    out.sql = jsonText(entry, "sql");
    if (out.sql.trimmed().isEmpty())
        return QStringLiteral("named query '%1' has no sql").arg(out.name);
    const auto params = entry.find("params");
    if (params != entry.end() && !params->is_null()) {
        if (!params->is_array())
            return QStringLiteral("params of '%1' is not an array").arg(out.name);
        for (const Json &p : *params) {
            if (!p.is_object())
                return QStringLiteral("a parameter of '%1' is not an object").arg(out.name);
            NamedQueryParam param;
            param.name = jsonText(p, "name").trimmed();
            if (!isValidName(param.name))
                return QStringLiteral("invalid parameter name in '%1'").arg(out.name);
            const QString type = jsonText(p, "type").trimmed().toLower();
            if (!type.isEmpty())
                param.type = type;
            if (!RoutineArguments::isKnownType(param.type))
                return QStringLiteral("parameter '%1' of '%2' has unknown type '%3'")
                    .arg(param.name, out.name, type);
            const auto required = p.find("required");
            param.required = required != p.end() && required->is_boolean() && required->get<bool>();
            param.defaultValue = p.value("default", Json(nullptr));
            param.description = jsonText(p, "description");
            for (const NamedQueryParam &other : std::as_const(out.params))
                if (other.name.compare(param.name, Qt::CaseInsensitive) == 0)
                    return QStringLiteral("parameter '%1' of '%2' is declared twice")
                        .arg(param.name, out.name);
            out.params.append(param);
        }
    }
    return {};
}

QList<NamedQuery> NamedQuery::fromConfig(const Json &config)
{
    QList<NamedQuery> out;
    if (!config.is_object())
        return out;
    const auto list = config.find("named_queries");
    if (list == config.end() || !list->is_array())
        return out;
    for (const Json &entry : *list) {
        NamedQuery query;
        const QString error = parse(entry, query);
        // Read on every request; configErrors() is the place that reports problems loudly.
        if (!error.isEmpty()) {
            spdlog::debug("named query skipped: {}", error.toStdString());
            continue;
        }
        if (std::any_of(out.begin(), out.end(), [&query](const NamedQuery &q) {
                return q.name.compare(query.name, Qt::CaseInsensitive) == 0;
            })) {
            spdlog::debug("named query '{}' is defined twice; the first one is used",
                          query.name.toStdString());
            continue;
        }
        out.append(query);
    }
    return out;
}

QStringList NamedQuery::configErrors(const Json &config, SqlDialect::Kind kind)
{
    QStringList errors;
    if (!config.is_object() || !config.contains("named_queries") || config["named_queries"].is_null())
        return errors;
    if (!config["named_queries"].is_array())
        return {QStringLiteral("named_queries must be an array")};
    QStringList seen;
    for (const Json &entry : config["named_queries"]) {
        NamedQuery query;
        const QString error = parse(entry, query);
        if (!error.isEmpty()) {
            errors << error;
            continue;
        }
        if (seen.contains(query.name, Qt::CaseInsensitive))
            errors << QStringLiteral("named query '%1' is defined twice").arg(query.name);
        seen << query.name;
        QString sql;
        QStringList placeholders;
        QString sqlError;
        if (!toPositional(query.sql, kind, &sql, &placeholders, &sqlError)) {
            errors << QStringLiteral("named query '%1': %2").arg(query.name, sqlError);
            continue;
        }
        for (const QString &placeholder : std::as_const(placeholders)) {
            const bool declared =
                std::any_of(query.params.begin(), query.params.end(), [&](const NamedQueryParam &p) {
                    return p.name.compare(placeholder, Qt::CaseInsensitive) == 0;
                });
            if (!declared) {
                errors << QStringLiteral("named query '%1' uses :%2 but does not declare it")
                              .arg(query.name, placeholder);
                break;
            }
        }
    }
    return errors;
}

std::optional<NamedQuery> NamedQuery::find(const Json &config, const QString &name)
{
    for (NamedQuery &query : fromConfig(config))
        if (query.name.compare(name, Qt::CaseInsensitive) == 0)
            return query;
    return std::nullopt;
}

bool NamedQuery::toPositional(const QString &sql, SqlDialect::Kind kind, QString *positionalSql,
                              QStringList *names, QString *error)
{
    const bool mysql = kind == SqlDialect::Kind::Mysql;
    const bool postgres = kind == SqlDialect::Kind::Postgres;
    const qsizetype n = sql.size();
    QString out;
    out.reserve(n);
    names->clear();
    const auto fail = [error](const QString &text) {
        if (error)
            *error = text;
        return false;
    };

    qsizetype i = 0;
    while (i < n) {
        const QChar c = sql.at(i);
        const QChar next = i + 1 < n ? sql.at(i + 1) : QChar();

        // Quoted text: string literals, "identifiers", `identifiers` (MySQL).
        if (c == QLatin1Char('\'') || c == QLatin1Char('"') || (mysql && c == QLatin1Char('`'))) {
            // Backslash escapes: MySQL strings, and PostgreSQL E'...' strings.
            const bool escapeString =
                c != QLatin1Char('`') &&
                (mysql || (postgres && c == QLatin1Char('\'') && i > 0 &&
                           (sql.at(i - 1) == QLatin1Char('E') || sql.at(i - 1) == QLatin1Char('e')) &&
                           (i < 2 || !isIdentChar(sql.at(i - 2)))));
            qsizetype j = i + 1;
            bool closed = false;
            while (j < n) {
                const QChar d = sql.at(j);
                if (escapeString && d == QLatin1Char('\\')) {
                    j += 2;
                    continue;
                }
                if (d == c) {
                    if (j + 1 < n && sql.at(j + 1) == c) {
                        j += 2; // doubled quote
                        continue;
                    }
                    closed = true;
                    break;
                }
                ++j;
            }
            if (!closed)
                return fail(QStringLiteral("unterminated quoted text"));
            out += QStringView(sql).mid(i, j - i + 1);
            i = j + 1;
            continue;
        }
        // Comments are dropped: Qt would otherwise see ":words" in them as placeholders.
        if ((c == QLatin1Char('-') && next == QLatin1Char('-')) || (mysql && c == QLatin1Char('#'))) {
            while (i < n && sql.at(i) != QLatin1Char('\n'))
                ++i;
            out += QLatin1Char(' ');
            continue;
        }
        if (c == QLatin1Char('/') && next == QLatin1Char('*')) {
            int depth = 0;
            qsizetype j = i;
            bool closed = false;
            while (j < n) {
                if (sql.at(j) == QLatin1Char('/') && j + 1 < n && sql.at(j + 1) == QLatin1Char('*')) {
                    ++depth;
                    j += 2;
                    continue;
                }
                if (sql.at(j) == QLatin1Char('*') && j + 1 < n && sql.at(j + 1) == QLatin1Char('/')) {
                    j += 2;
                    // PostgreSQL nests block comments; MySQL and SQLite end at the first */.
                    if (--depth == 0 || !postgres) {
                        closed = true;
                        break;
                    }
                    continue;
                }
                ++j;
            }
            if (!closed)
                return fail(QStringLiteral("unterminated comment"));
            out += QLatin1Char(' ');
            i = j;
            continue;
        }
        // PostgreSQL dollar quoting: $$...$$ or $tag$...$tag$.
        if (postgres && c == QLatin1Char('$') && (i == 0 || !isIdentChar(sql.at(i - 1)))) {
            qsizetype j = i + 1;
            while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')))
                ++j;
            if (j < n && sql.at(j) == QLatin1Char('$') && (j == i + 1 || !sql.at(i + 1).isDigit())) {
                const QString tag = sql.mid(i, j - i + 1);
                const qsizetype end = sql.indexOf(tag, j + 1);
                if (end < 0)
                    return fail(QStringLiteral("unterminated dollar-quoted text"));
                out += QStringView(sql).mid(i, end + tag.size() - i);
                i = end + tag.size();
                continue;
            }
        }
        if (c == QLatin1Char(':')) {
            if (next == QLatin1Char(':') || next == QLatin1Char('=')) {
                out += c;
                out += next; // ::cast, :=
                i += 2;
                continue;
            }
            if (isIdentStart(next)) {
                qsizetype j = i + 1;
                while (j < n && (sql.at(j).isLetterOrNumber() || sql.at(j) == QLatin1Char('_')))
                    ++j;
                names->append(sql.mid(i + 1, j - i - 1));
                out += QLatin1Char('?');
                i = j;
                continue;
            }
        }
        if (c == QLatin1Char('?'))
            return fail(QStringLiteral("a bare '?' is not allowed; use :name placeholders"));
        out += c;
        ++i;
    }
    *positionalSql = out.trimmed();
    if (positionalSql->endsWith(QLatin1Char(';')))
        positionalSql->chop(1);
    return true;
}

QHash<QString, QVariant> NamedQuery::bindValues(const RoutineArguments &arguments,
                                                SqlDialect::Kind kind) const
{
    QHash<QString, QVariant> out;
    if (arguments.isPositional() && arguments.values().size() > params.size())
        throw ApiError::badRequest(
            QStringLiteral("Too many parameters for '%1': it takes %2.").arg(name).arg(params.size()));
    for (qsizetype i = 0; i < params.size(); ++i) {
        const NamedQueryParam &param = params[i];
        const Json *given = arguments.isPositional()
                                ? (i < arguments.values().size() ? &arguments.values()[i] : nullptr)
                                : arguments.named(param.name);
        Json value = given ? *given : Json(nullptr);
        if (value.is_null()) {
            if (param.required)
                throw ApiError::badRequest(
                    QStringLiteral("Missing required parameter '%1' for '%2'.").arg(param.name, name));
            value = param.defaultValue;
        }
        out.insert(param.name.toLower(), RoutineArguments::convert(value, param.type, param.name, kind));
    }
    return out;
}

Json NamedQuery::describe(int access) const
{
    Json list = Json::array();
    int position = 0;
    for (const NamedQueryParam &p : params)
        list.push_back(Json{{"name", p.name},
                            {"position", ++position},
                            {"param_type", "IN"},
                            {"type", p.type},
                            {"db_type", nullptr},
                            {"required", p.required},
                            {"default", p.defaultValue},
                            {"description", p.description.isEmpty() ? Json(nullptr) : Json(p.description)}});
    Json out{{"name", name},
             {"label", SchemaJson::label(name)},
             {"description", description.isEmpty() ? Json(nullptr) : Json(description)},
             {"type", "named_query"},
             {"return_type", "table"},
             {"returns", "table"},
             {"return_schema", Json::array()},
             {"params", list}};
    if (access >= 0)
        out["access"] = verbNames(access);
    return out;
}
} // namespace gatehouse
