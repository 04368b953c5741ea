#pragma once

#include <nlohmann/json.hpp>

#include <QString>
#include <QVariant>

namespace gatehouse {
using Json = nlohmann::json;

// Converts between Qt values and JSON at the edges of the engine (SQL results, config).
Json variantToJson(const QVariant &value);
QVariant jsonToVariant(const Json &value);

// Parses text as JSON; returns a discarded value instead of throwing.
Json parseJsonOrDiscarded(const QByteArray &text);
QByteArray dumpJson(const Json &value);
} // namespace gatehouse

// Lets nlohmann::json read and write QString directly.
namespace nlohmann {
template <>
struct adl_serializer<QString>
{
    static void to_json(json &j, const QString &s) { j = s.toStdString(); }
    static void from_json(const json &j, QString &s) { s = QString::fromStdString(j.get<std::string>()); }
};
} // namespace nlohmann
