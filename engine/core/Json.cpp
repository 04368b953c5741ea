#include "Json.h"

#include <QByteArray>
#include <QDate>
#include <QDateTime>
#include <QTime>

namespace gatehouse {

Json variantToJson(const QVariant &value)
{
    if (value.isNull() || !value.isValid())
        return nullptr;
    switch (value.typeId()) {
    case QMetaType::Bool:
        return value.toBool();
    case QMetaType::Int:
    case QMetaType::Short:
    case QMetaType::Char:
    case QMetaType::SChar:
    case QMetaType::Long:
    case QMetaType::LongLong:
        return value.toLongLong();
    case QMetaType::UInt:
    case QMetaType::UShort:
    case QMetaType::UChar:
    case QMetaType::ULong:
    case QMetaType::ULongLong:
        return value.toULongLong();
    case QMetaType::Double:
    case QMetaType::Float:
        return value.toDouble();
    case QMetaType::QByteArray:
        // Binary columns leave the gateway as base64, the reference's wire form.
        return value.toByteArray().toBase64().toStdString();
    case QMetaType::QDate:
        return value.toDate().toString(Qt::ISODate).toStdString();
    case QMetaType::QTime:
        return value.toTime().toString(Qt::ISODate).toStdString();
    case QMetaType::QDateTime:
        return value.toDateTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")).toStdString();
    default:
        return value.toString().toStdString();
    }
}

QVariant jsonToVariant(const Json &value)
{
    switch (value.type()) {
    case Json::value_t::null:
    case Json::value_t::discarded:
        return QVariant();
    case Json::value_t::boolean:
        return value.get<bool>();
    case Json::value_t::number_integer:
        return QVariant::fromValue<qlonglong>(value.get<qint64>());
    case Json::value_t::number_unsigned:
        return QVariant::fromValue<qulonglong>(value.get<quint64>());
    case Json::value_t::number_float:
        return value.get<double>();
    case Json::value_t::string:
        return QString::fromStdString(value.get<std::string>());
    default:
        return QString::fromStdString(value.dump());
    }
}

bool jsonDepthWithin(const QByteArray &text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (const char c : text) {
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
        } else if (c == '"') {
            inString = true;
        } else if (c == '[' || c == '{') {
            if (++depth > maxDepth)
                return false;
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
    return true;
}

Json parseJsonOrDiscarded(const QByteArray &text)
{
    if (!jsonDepthWithin(text))
        return Json(Json::value_t::discarded);
    return Json::parse(text.constBegin(), text.constEnd(), nullptr, false);
}

QByteArray dumpJson(const Json &value)
{
    const std::string s = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    return QByteArray(s.data(), qsizetype(s.size()));
}
} // namespace gatehouse
