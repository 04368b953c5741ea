#include "RoutineResult.h"

#include <cmath>

namespace gatehouse {
namespace {

Json firstValue(const QList<Json> &sets)
{
    if (sets.isEmpty() || !sets.first().is_array() || sets.first().empty())
        return nullptr;
    const Json &row = sets.first().at(0);
    if (!row.is_object() || row.empty())
        return nullptr;
    return row.begin().value();
}
} // namespace

Json RoutineResult::cast(const Json &value, const QString &typeIn)
{
    if (value.is_null())
        return value;
    const QString type = typeIn.trimmed().toLower();
    if (type == QLatin1String("integer") || type == QLatin1String("int") || type == QLatin1String("bigint") ||
        type == QLatin1String("smallint") || type == QLatin1String("tinyint") ||
        type == QLatin1String("id")) {
        if (value.is_number())
            return value.is_number_float() ? Json(qint64(std::llround(value.get<double>()))) : value;
        if (value.is_string()) {
            bool ok = false;
            const QString text = QString::fromStdString(value.get<std::string>()).trimmed();
            const qint64 n = text.toLongLong(&ok);
            if (ok)
                return n;
            const double d = text.toDouble(&ok);
            if (ok)
                return qint64(std::llround(d));
        }
        if (value.is_boolean())
            return value.get<bool>() ? 1 : 0;
        return value;
    }
    if (type == QLatin1String("double") || type == QLatin1String("float") ||
        type == QLatin1String("decimal") || type == QLatin1String("number") ||
        type == QLatin1String("money") || type == QLatin1String("numeric")) {
        if (value.is_number())
            return value.get<double>();
        if (value.is_string()) {
            bool ok = false;
            const double d = QString::fromStdString(value.get<std::string>()).trimmed().toDouble(&ok);
            if (ok)
                return d;
        }
        return value;
    }
    if (type == QLatin1String("boolean") || type == QLatin1String("bool")) {
        if (value.is_boolean())
            return value;
        if (value.is_number())
            return value.get<double>() != 0;
        if (value.is_string()) {
            const QString text = QString::fromStdString(value.get<std::string>()).trimmed().toLower();
            return text == QLatin1String("1") || text == QLatin1String("true") ||
                   text == QLatin1String("t") || text == QLatin1String("yes");
        }
        return value;
    }
    if (type == QLatin1String("string") || type == QLatin1String("text")) {
        if (value.is_string())
            return value;
        return value.dump();
    }
    return value;
}

Json RoutineResult::shape(RoutineOutcome outcome, const QStringList &outNames, const Options &options,
                          bool unwrapSingleRow)
{
    // Drivers that report OUT parameters as a one-row result set.
    if (!outNames.isEmpty()) {
        for (qsizetype i = outcome.resultSets.size() - 1; i >= 0; --i) {
            const Json &set = outcome.resultSets[i];
            if (!set.is_array() || set.size() != 1 || !set.at(0).is_object() || set.at(0).empty())
                continue;
            const Json &row = set.at(0);
            bool allOut = true;
            for (auto it = row.begin(); it != row.end() && allOut; ++it)
                allOut = outNames.contains(QString::fromStdString(it.key()), Qt::CaseInsensitive);
            if (!allOut)
                continue;
            for (auto it = row.begin(); it != row.end(); ++it)
                outcome.outParams[it.key()] = it.value();
            outcome.resultSets.removeAt(i);
        }
    }

    if (options.columnTypes.is_object() && !options.columnTypes.empty()) {
        for (Json &set : outcome.resultSets)
            for (Json &row : set)
                for (auto it = options.columnTypes.begin(); it != options.columnTypes.end(); ++it)
                    if (row.contains(it.key()) && it.value().is_string())
                        row[it.key()] =
                            cast(row[it.key()], QString::fromStdString(it.value().get<std::string>()));
    }

    const QString returns = options.returns.trimmed();
    if ((!returns.isEmpty() && returns.compare(QLatin1String("table"), Qt::CaseInsensitive) != 0) ||
        (returns.isEmpty() && outcome.scalar)) {
        Json value = firstValue(outcome.resultSets);
        if (!returns.isEmpty())
            value = cast(value, returns);
        if (!options.wrapper.isEmpty())
            return Json{{options.wrapper.toStdString(), value}};
        return value;
    }

    Json data;
    if (outcome.resultSets.isEmpty())
        data = Json::array();
    else if (outcome.resultSets.size() == 1)
        data = outcome.resultSets.first();
    else {
        data = Json::array();
        for (const Json &set : std::as_const(outcome.resultSets))
            data.push_back(set);
    }
    // A function returning one composite row is that row, not a list of one.
    if (unwrapSingleRow && outcome.resultSets.size() == 1 && data.size() == 1)
        data = data.at(0);

    if (outcome.outParams.empty()) {
        if (!options.wrapper.isEmpty())
            return Json{{options.wrapper.toStdString(), data}};
        return data;
    }
    Json body = outcome.outParams;
    if (!outcome.resultSets.isEmpty())
        body[options.wrapper.isEmpty() ? std::string("resource") : options.wrapper.toStdString()] = data;
    return body;
}
} // namespace gatehouse
