#include "RoutineArguments.h"

#include <cmath>

#include <QDate>
#include <QDateTime>
#include <QTime>
#include <QUuid>

#include "core/ApiError.h"
#include "security/LookupResolver.h"
#include "services/RequestContext.h"

namespace gatehouse {
namespace {

QString unquote(QString text)
{
    text = text.trimmed();
    if (text.size() >= 2 && ((text.startsWith(QLatin1Char('\'')) && text.endsWith(QLatin1Char('\''))) ||
                             (text.startsWith(QLatin1Char('"')) && text.endsWith(QLatin1Char('"')))))
        return text.mid(1, text.size() - 2);
    return text;
}

bool isIntegerType(const QString &t)
{
    static const QStringList types = {QStringLiteral("integer"),
                                      QStringLiteral("int"),
                                      QStringLiteral("bigint"),
                                      QStringLiteral("smallint"),
                                      QStringLiteral("mediumint"),
                                      QStringLiteral("tinyint"),
                                      QStringLiteral("id"),
                                      QStringLiteral("bigid"),
                                      QStringLiteral("smallid"),
                                      QStringLiteral("mediumid"),
                                      QStringLiteral("reference"),
                                      QStringLiteral("user_id"),
                                      QStringLiteral("user_id_on_create"),
                                      QStringLiteral("user_id_on_update")};
    return types.contains(t);
}

bool isNumberType(const QString &t)
{
    return t == QLatin1String("number") || t == QLatin1String("double") || t == QLatin1String("float") ||
           t == QLatin1String("real");
}

bool isDecimalType(const QString &t)
{
    return t == QLatin1String("decimal") || t == QLatin1String("numeric") || t == QLatin1String("money");
}

QString textOf(const Json &value)
{
    return value.is_string() ? QString::fromStdString(value.get<std::string>())
                             : QString::fromStdString(value.dump());
}

bool parseDateTime(const QString &text)
{
    QString t = text.trimmed();
    t.replace(QLatin1Char(' '), QLatin1Char('T'));
    if (QDateTime::fromString(t, Qt::ISODateWithMs).isValid() ||
        QDateTime::fromString(t, Qt::ISODate).isValid())
        return true;
    return QDate::fromString(t, Qt::ISODate).isValid();
}

// DF substitutes public lookups in procedure and function arguments: "{user.id}" or
// "id-{user.id}" become text, which is then bound like any argument (never spliced into SQL).
// Private lookups and lookups with no value stay as written.
void substituteLookups(Json &value, const LookupResolver &lookups)
{
    if (value.is_string()) {
        const QString text = QString::fromStdString(value.get<std::string>());
        if (text.contains(QLatin1Char('{')))
            value = lookups.substitute(text, false).toStdString();
    } else if (value.is_array() || value.is_object()) {
        for (Json &item : value)
            substituteLookups(item, lookups);
    }
}
} // namespace

RoutineArguments RoutineArguments::fromRequest(const RequestContext &ctx, const QString &inlineArgs,
                                               bool hasInline)
{
    RoutineArguments args = collect(ctx, inlineArgs, hasInline);
    const LookupResolver lookups(ctx.session);
    for (Json &value : args.m_values)
        substituteLookups(value, lookups);
    return args;
}

RoutineArguments RoutineArguments::collect(const RequestContext &ctx, const QString &inlineArgs,
                                           bool hasInline)
{
    RoutineArguments args;
    if (ctx.body.is_object() && ctx.body.contains("params") && !ctx.body["params"].is_null()) {
        const Json &params = ctx.body["params"];
        args.m_source = Source::Body;
        if (params.is_object()) {
            for (auto it = params.begin(); it != params.end(); ++it) {
                args.m_names << QString::fromStdString(it.key());
                args.m_values << it.value();
            }
        } else if (params.is_array()) {
            const bool named = !params.empty() &&
                               std::all_of(params.begin(), params.end(),
                                           [](const Json &p) { return p.is_object() && p.contains("name"); });
            if (named) {
                for (const Json &p : params) {
                    args.m_names << textOf(p["name"]);
                    args.m_values << p.value("value", Json(nullptr));
                }
            } else {
                args.m_positional = true;
                for (const Json &p : params) {
                    if (p.is_object() && p.contains("value"))
                        args.m_values << p["value"];
                    else
                        args.m_values << p;
                }
            }
        } else {
            throw ApiError::badRequest(QStringLiteral("'params' must be an array or an object."));
        }
        return args;
    }
    if (hasInline) {
        args.m_source = Source::Inline;
        args.m_positional = true;
        if (!inlineArgs.trimmed().isEmpty())
            for (const QString &part : inlineArgs.split(QLatin1Char(',')))
                args.m_values << Json(unquote(part).toStdString());
        return args;
    }
    if (!ctx.request.query.isEmpty()) {
        args.m_source = Source::Query;
        for (const auto &[key, value] : ctx.request.query) {
            args.m_names << key;
            args.m_values << Json(value.toStdString());
        }
    }
    return args;
}

const Json *RoutineArguments::named(const QString &name) const
{
    if (m_positional)
        return nullptr;
    for (qsizetype i = 0; i < m_names.size(); ++i)
        if (m_names[i].compare(name, Qt::CaseInsensitive) == 0)
            return &m_values[i];
    return nullptr;
}

QStringList RoutineArguments::names() const
{
    return m_positional ? QStringList() : m_names;
}

bool RoutineArguments::isKnownType(const QString &typeIn)
{
    const QString t = typeIn.toLower();
    static const QStringList others = {
        QStringLiteral("string"),   QStringLiteral("text"),      QStringLiteral("boolean"),
        QStringLiteral("bool"),     QStringLiteral("date"),      QStringLiteral("time"),
        QStringLiteral("datetime"), QStringLiteral("timestamp"), QStringLiteral("uuid"),
        QStringLiteral("json"),     QStringLiteral("jsonb"),     QStringLiteral("binary")};
    return isIntegerType(t) || isNumberType(t) || isDecimalType(t) || others.contains(t);
}

QVariant RoutineArguments::convert(const Json &value, const QString &typeIn, const QString &param,
                                   SqlDialect::Kind kind)
{
    if (value.is_null())
        return QVariant();
    const QString type = typeIn.toLower();
    const auto invalid = [&param](const char *what) {
        return ApiError::badRequest(
            QStringLiteral("Parameter '%1' must be a valid %2.").arg(param, QLatin1String(what)));
    };
    const bool structured = value.is_object() || value.is_array();

    if (isIntegerType(type)) {
        if (value.is_number_integer())
            return QVariant::fromValue<qlonglong>(value.get<qint64>());
        if (value.is_number_unsigned())
            return QVariant::fromValue<qlonglong>(qint64(value.get<quint64>()));
        if (value.is_number_float()) {
            const double d = value.get<double>();
            if (!std::isfinite(d) || d != std::floor(d) || std::fabs(d) > 9.0e15)
                throw invalid("integer");
            return QVariant::fromValue<qlonglong>(qint64(d));
        }
        if (value.is_string()) {
            bool ok = false;
            const qint64 n = QString::fromStdString(value.get<std::string>()).trimmed().toLongLong(&ok);
            if (ok)
                return QVariant::fromValue<qlonglong>(n);
        }
        throw invalid("integer");
    }
    if (isNumberType(type) || isDecimalType(type)) {
        if (value.is_number()) {
            if (isDecimalType(type) && value.is_number_integer())
                return QString::number(value.get<qint64>());
            return isDecimalType(type) ? QVariant(QString::number(value.get<double>(), 'g', 17))
                                       : QVariant(value.get<double>());
        }
        if (value.is_string()) {
            bool ok = false;
            const QString text = QString::fromStdString(value.get<std::string>()).trimmed();
            const double d = text.toDouble(&ok);
            if (ok && std::isfinite(d))
                // Decimals keep their text so no precision is lost on the way in.
                return isDecimalType(type) ? QVariant(text) : QVariant(d);
        }
        throw invalid("number");
    }
    if (type == QLatin1String("boolean") || type == QLatin1String("bool")) {
        bool result = false;
        if (value.is_boolean()) {
            result = value.get<bool>();
        } else if (value.is_number_integer() && (value.get<qint64>() == 0 || value.get<qint64>() == 1)) {
            result = value.get<qint64>() == 1;
        } else if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>()).trimmed().toLower();
            if (text == QLatin1String("true") || text == QLatin1String("1"))
                result = true;
            else if (text == QLatin1String("false") || text == QLatin1String("0"))
                result = false;
            else
                throw invalid("boolean");
        } else {
            throw invalid("boolean");
        }
        return kind == SqlDialect::Kind::Postgres ? QVariant(result) : QVariant(result ? 1 : 0);
    }
    if (type == QLatin1String("date")) {
        const QString text =
            value.is_string() ? QString::fromStdString(value.get<std::string>()).trimmed() : QString();
        const QDate date = QDate::fromString(text, Qt::ISODate);
        if (!date.isValid())
            throw invalid("date (YYYY-MM-DD)");
        return date.toString(Qt::ISODate);
    }
    if (type == QLatin1String("time") || type == QLatin1String("time_tz")) {
        const QString text =
            value.is_string() ? QString::fromStdString(value.get<std::string>()).trimmed() : QString();
        if (!QTime::fromString(text.left(12), Qt::ISODateWithMs).isValid() &&
            !QTime::fromString(text.left(8), Qt::ISODate).isValid())
            throw invalid("time (HH:MM:SS)");
        return text;
    }
    if (type == QLatin1String("datetime") || type.startsWith(QLatin1String("timestamp")) ||
        type == QLatin1String("datetime_tz")) {
        const QString text =
            value.is_string() ? QString::fromStdString(value.get<std::string>()).trimmed() : QString();
        if (!parseDateTime(text))
            throw invalid("date and time (YYYY-MM-DD HH:MM:SS)");
        return text;
    }
    if (type == QLatin1String("uuid")) {
        const QString text =
            value.is_string() ? QString::fromStdString(value.get<std::string>()).trimmed() : QString();
        if (QUuid::fromString(text).isNull())
            throw invalid("UUID");
        return text;
    }
    if (type == QLatin1String("json") || type == QLatin1String("jsonb")) {
        if (value.is_string()) {
            const std::string text = value.get<std::string>();
            if (!Json::accept(text))
                throw invalid("JSON value");
            return QString::fromStdString(text);
        }
        return QString::fromStdString(value.dump());
    }
    if (type == QLatin1String("binary")) {
        if (!value.is_string())
            throw invalid("base64 value");
        const QByteArray decoded = QByteArray::fromBase64(QByteArray::fromStdString(value.get<std::string>()),
                                                          QByteArray::AbortOnBase64DecodingErrors);
        if (decoded.isEmpty() && !value.get<std::string>().empty())
            throw invalid("base64 value");
        return decoded;
    }
    // Strings and every native type without a closer match travel as text.
    if (structured)
        throw invalid("string");
    if (value.is_boolean())
        return value.get<bool>() ? QStringLiteral("true") : QStringLiteral("false");
    return textOf(value);
}
} // namespace gatehouse
