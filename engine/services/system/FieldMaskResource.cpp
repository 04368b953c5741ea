#include "FieldMaskResource.h"

#include "security/FieldMaskRule.h"
#include "services/RequestContext.h"

namespace gatehouse {

FieldMaskResource::FieldMaskResource(SystemStore &store)
    : RecordResource(store, QStringLiteral("field_mask"), QStringLiteral("field_mask"),
                     {
                         {QStringLiteral("id"), FieldType::Integer, false},
                         {QStringLiteral("role_id"), FieldType::Integer, true, true, false},
                         {QStringLiteral("service_id"), FieldType::Integer, true, true, false},
                         {QStringLiteral("table_name"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("field"), FieldType::String, true, true, false, 255},
                         {QStringLiteral("mode"), FieldType::String, true, true, false, 16},
                         {QStringLiteral("keep"), FieldType::Integer, true, false, false},
                         {QStringLiteral("detectors"), FieldType::Json, true, false, false},
                         {QStringLiteral("allow_filter"), FieldType::Boolean, true, false, false},
                         {QStringLiteral("created_date"), FieldType::Date, false},
                         {QStringLiteral("last_modified_date"), FieldType::Date, false},
                     })
{
}

void FieldMaskResource::prepare(Item &item, Operation operation, const RequestContext &) const
{
    Json &record = item.record;
    for (const char *key : {"table_name", "field"}) {
        if (!record.contains(key) || !record[key].is_string())
            continue;
        const QString text = QString::fromStdString(record[key].get<std::string>()).trimmed();
        if (text.isEmpty())
            throw ApiError::badRequest(
                QStringLiteral("Field '%1' can not be empty.").arg(QLatin1String(key)));
        record[key] = text.toStdString();
    }
    FieldMaskRule::Mode mode = FieldMaskRule::Mode::Redact;
    if (record.contains("mode")) {
        const QString text = record["mode"].is_string()
                                 ? QString::fromStdString(record["mode"].get<std::string>())
                                 : QString();
        if (!FieldMaskRule::parseMode(text, &mode))
            throw ApiError::badRequest(
                QStringLiteral("Field 'mode' must be one of redact, partial, hash, null, detect."));
        record["mode"] = FieldMaskRule::modeName(mode).toStdString();
    }
    if (record.contains("keep") && !record["keep"].is_null()) {
        const qint64 keep =
            toColumnValue(QStringLiteral("keep"), FieldType::Integer, record["keep"]).toLongLong();
        if (keep < 0 || keep > 64)
            throw ApiError::badRequest(QStringLiteral("Field 'keep' must be between 0 and 64."));
    }
    if (record.contains("detectors") && !record["detectors"].is_null()) {
        const Json &list = record["detectors"];
        if (!list.is_array())
            throw ApiError::badRequest(
                QStringLiteral("Field 'detectors' must be an array of detector names."));
        Json cleaned = Json::array();
        for (const Json &name : list) {
            const QString text = name.is_string()
                                     ? QString::fromStdString(name.get<std::string>()).trimmed().toLower()
                                     : QString();
            if (!FieldMaskRule::detectorNames().contains(text))
                throw ApiError::badRequest(
                    QStringLiteral("Unknown detector in 'detectors'; the detectors are %1.")
                        .arg(FieldMaskRule::detectorNames().join(QStringLiteral(", "))));
            cleaned.push_back(text.toStdString());
        }
        record["detectors"] = cleaned;
    }
    if (operation == Operation::Create && mode == FieldMaskRule::Mode::Detect &&
        (!record.contains("detectors") || !record["detectors"].is_array() || record["detectors"].empty()))
        throw ApiError::badRequest(QStringLiteral("Mode 'detect' needs a non-empty 'detectors' list."));
}

void FieldMaskResource::checkReferences(QSqlDatabase &db, const Item &item)
{
    const auto check = [&](const char *key, const QString &sql, const QString &what) {
        const auto it = item.record.find(key);
        if (it == item.record.end() || it->is_null())
            return;
        const qint64 id = toColumnValue(QLatin1String(key), FieldType::Integer, *it).toLongLong();
        if (!rowExists(db, sql, {QVariant::fromValue<qlonglong>(id)}))
            throw ApiError::badRequest(
                QStringLiteral("%1 with identifier '%2' not found.").arg(what).arg(id));
    };
    check("role_id", QStringLiteral("SELECT id FROM role WHERE id = ?"), QStringLiteral("Role"));
    check("service_id", QStringLiteral("SELECT id FROM service WHERE id = ?"), QStringLiteral("Service"));
}

void FieldMaskResource::beforeInsert(QSqlDatabase &db, Item &item, const Job &) const
{
    checkReferences(db, item);
}

void FieldMaskResource::beforeUpdate(QSqlDatabase &db, Item &item, const Job &) const
{
    checkReferences(db, item);
}
} // namespace gatehouse
