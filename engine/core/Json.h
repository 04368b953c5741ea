#pragma once

#include <nlohmann/json.hpp>

#include <QString>
#include <QVariant>

namespace gatehouse {
using Json = nlohmann::json;

// Converts between Qt values and JSON at the edges of the engine (SQL results, config).
Json variantToJson(const QVariant &value);
QVariant jsonToVariant(const Json &value);

// Deepest nesting of arrays and objects accepted from outside. Parsing is iterative, but
// copying and walking a document recurse once per level, so a body nested a million levels
// deep would exhaust a thread's stack; no real request comes near this.
inline constexpr int kMaxJsonDepth = 128;

// Whether `text` nests arrays/objects at most `maxDepth` levels (a cheap scan that skips
// strings; it does not validate the JSON).
bool jsonDepthWithin(const QByteArray &text, int maxDepth = kMaxJsonDepth);

// Parses text as JSON; returns a discarded value instead of throwing, also when it nests deeper
// than kMaxJsonDepth.
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
