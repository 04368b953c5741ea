#include "SchemaJson.h"

#include "SchemaAssembler.h"
#include "security/AccessTypes.h"

namespace gatehouse {
namespace {

Json nullIfEmpty(const QString &text)
{
    return text.isEmpty() ? Json(nullptr) : Json(text);
}

Json nullIfZero(int n)
{
    return n > 0 ? Json(n) : Json(nullptr);
}

bool isTextType(const QString &type)
{
    return type == QLatin1String("string") || type == QLatin1String("text") ||
           type == QLatin1String("mediumtext") || type == QLatin1String("longtext") ||
           type == QLatin1String("json") || type == QLatin1String("jsonb");
}
} // namespace

QString SchemaJson::label(const QString &name)
{
    QString out;
    bool upper = true;
    for (const QChar c : name) {
        if (c == QLatin1Char('_') || c == QLatin1Char('.') || c == QLatin1Char(' ')) {
            if (!out.endsWith(QLatin1Char(' ')) && !out.isEmpty())
                out += QLatin1Char(' ');
            upper = true;
            continue;
        }
        out += upper ? c.toUpper() : c;
        upper = false;
    }
    return out.trimmed();
}

QString SchemaJson::plural(const QString &label)
{
    if (label.isEmpty())
        return label;
    const QString lower = label.toLower();
    if (lower.endsWith(QLatin1String("ss")) || lower.endsWith(QLatin1Char('x')) ||
        lower.endsWith(QLatin1Char('z')) || lower.endsWith(QLatin1String("ch")) ||
        lower.endsWith(QLatin1String("sh")))
        return label + QLatin1String("es");
    if (lower.endsWith(QLatin1Char('s')))
        return label; // already plural, as table names usually are
    if (lower.endsWith(QLatin1Char('y')) && lower.size() > 1 &&
        !QStringLiteral("aeiou").contains(lower.at(lower.size() - 2)))
        return label.left(label.size() - 1) + QLatin1String("ies");
    return label + QLatin1Char('s');
}

Json SchemaJson::field(const ColumnSchema &c)
{
    const QString db = c.dbType.toLower();
    const bool fixed = db.startsWith(QLatin1String("char")) || db.startsWith(QLatin1String("character(")) ||
                       db == QLatin1String("character") || db.startsWith(QLatin1String("nchar")) ||
                       db.startsWith(QLatin1String("binary"));
    return Json{{"name", c.name},
                {"label", label(c.name)},
                {"description", nullptr},
                {"native", Json::array()},
                {"alias", nullptr},
                {"type", c.type},
                {"db_type", c.dbType},
                {"length", nullIfZero(c.length)},
                {"precision", nullIfZero(c.precision)},
                {"scale", c.precision > 0 ? Json(c.scale) : Json(nullptr)},
                {"default", variantToJson(c.defaultValue)},
                {"required", c.required()},
                {"allow_null", c.allowNull},
                {"fixed_length", fixed},
                {"supports_multibyte", isTextType(c.type)},
                {"auto_increment", c.autoIncrement},
                {"is_primary_key", c.isPrimaryKey},
                {"is_unique", c.isUnique},
                {"is_index", c.isIndex},
                {"is_foreign_key", c.isForeignKey},
                {"ref_table", nullIfEmpty(c.refTable)},
                {"ref_field", nullIfEmpty(c.refField)},
                {"ref_on_update", nullIfEmpty(c.refOnUpdate)},
                {"ref_on_delete", nullIfEmpty(c.refOnDelete)},
                {"picklist", nullptr},
                {"validation", nullptr},
                {"db_function", nullptr},
                {"is_virtual", false},
                {"is_aggregate", false}};
}

Json SchemaJson::relation(const RelationSchema &r, qint64 serviceId)
{
    const bool junction = r.type == RelationSchema::Type::ManyMany;
    return Json{{"alias", nullptr},
                {"name", r.name},
                {"label", label(r.name)},
                {"description", nullptr},
                {"native", Json::array()},
                {"type", r.typeName()},
                {"field", r.field},
                {"is_virtual", false},
                {"ref_service_id", serviceId},
                {"ref_table", r.refTable},
                {"ref_field", r.refField},
                {"ref_on_update", nullptr},
                {"ref_on_delete", nullptr},
                {"junction_service_id", junction ? Json(serviceId) : Json(nullptr)},
                {"junction_table", nullIfEmpty(r.junctionTable)},
                {"junction_field", nullIfEmpty(r.junctionField)},
                {"junction_ref_field", nullIfEmpty(r.junctionRefField)},
                {"always_fetch", false},
                {"flatten", false},
                {"flatten_drop_prefix", false}};
}

Json SchemaJson::table(const TableSchema &t, qint64 serviceId, int access)
{
    const QString name = SchemaAssembler::apiName(t);
    Json fields = Json::array();
    for (const ColumnSchema &c : t.columns)
        fields.push_back(field(c));
    Json related = Json::array();
    for (const RelationSchema &r : t.relations)
        related.push_back(relation(r, serviceId));

    // DF lists constraints by name; Gatehouse does not keep catalog names, so they are
    // named the way PostgreSQL names them by default.
    Json constraints = Json::object();
    const QString base = t.name.toLower();
    if (!t.primaryKey.isEmpty())
        constraints[QString(base + QLatin1String("_pkey")).toStdString()] =
            Json{{"constraint_type", "PRIMARY KEY"},
                 {"table_schema", nullIfEmpty(t.schemaName)},
                 {"table_name", t.name},
                 {"column_name", t.primaryKey}};
    for (const ColumnSchema &c : t.columns) {
        if (c.isUnique && !(c.isPrimaryKey && t.primaryKey.size() == 1))
            constraints[QString(base + QLatin1Char('_') + c.name.toLower() + QLatin1String("_key"))
                            .toStdString()] = Json{{"constraint_type", "UNIQUE"},
                                                   {"table_schema", nullIfEmpty(t.schemaName)},
                                                   {"table_name", t.name},
                                                   {"column_name", Json::array({c.name})}};
        if (c.isForeignKey)
            constraints[QString(base + QLatin1Char('_') + c.name.toLower() + QLatin1String("_fkey"))
                            .toStdString()] = Json{{"constraint_type", "FOREIGN KEY"},
                                                   {"table_schema", nullIfEmpty(t.schemaName)},
                                                   {"table_name", t.name},
                                                   {"column_name", Json::array({c.name})},
                                                   {"referenced_table_name", c.refTable},
                                                   {"referenced_column_name", c.refField},
                                                   {"update_rule", nullIfEmpty(c.refOnUpdate)},
                                                   {"delete_rule", nullIfEmpty(c.refOnDelete)}};
    }

    const QString lbl = label(name);
    Json out{{"alias", nullptr},       {"name", name},
             {"label", lbl},           {"plural", plural(lbl)},
             {"description", nullptr}, {"native", Json::array()},
             {"is_view", t.isView},    {"primary_key", t.primaryKey},
             {"name_field", nullptr},  {"field", fields},
             {"related", related},     {"constraints", constraints}};
    if (access >= 0)
        out["access"] = verbNames(access);
    return out;
}

Json SchemaJson::routine(const RoutineSchema &r, int access)
{
    Json params = Json::array();
    int position = 0;
    for (const RoutineParam &p : r.params) {
        params.push_back(Json{{"name", p.name},
                              {"position", ++position},
                              {"param_type", p.paramType},
                              {"type", p.type},
                              {"db_type", p.dbType},
                              {"length", nullptr},
                              {"precision", nullptr},
                              {"scale", nullptr},
                              {"default", nullptr}});
    }
    Json out{{"name", r.name},
             {"label", label(r.name)},
             {"description", nullptr},
             {"return_type", nullIfEmpty(r.returnType)},
             {"returns", nullIfEmpty(r.returnType)},
             {"return_schema", Json::array()},
             {"params", params}};
    if (access >= 0)
        out["access"] = verbNames(access);
    return out;
}
} // namespace gatehouse
