#pragma once

#include <QJsonValue>
#include <QString>

namespace gatehouse::JsonText {

// A scalar as a person types it into a field: strings bare, numbers shortest; "" for the rest.
QString scalar(const QJsonValue &value);

// A value for a multi-line editor: objects and arrays indented, scalars as JSON ("" for null).
QString indented(const QJsonValue &value);

// A value shown to a person: strings bare, "null" for null, the rest as indented().
QString readable(const QJsonValue &value);

} // namespace gatehouse::JsonText
