#include "ResultReader.h"

#include <cmath>

#include <QLocale>

#include "store/SqliteRows.h"

namespace gatehouse {

ResultReader::ResultReader(const QList<SelectItem> &items)
{
    m_columns.reserve(size_t(items.size()));
    for (const SelectItem &item : items) {
        Column column{item.alias.toStdString(), {}, kindOf(item)};
        const std::string quoted = Json(column.key).dump();
        column.quotedKey = QByteArray(quoted.data(), qsizetype(quoted.size())) + ':';
        m_columns.push_back(std::move(column));
    }
}

ResultReader::ResultReader(const QList<SelectItem> &items, const FieldMasker &masker)
    : ResultReader(items)
{
    if (masker.isEmpty())
        return;
    for (qsizetype i = 0; i < items.size(); ++i) {
        const SelectItem &item = items.at(i);
        // COUNT reveals nothing about values; other aggregates of masked columns are refused
        // before a query is built, so only plain columns are left to mask.
        if (!item.column || item.aggregate == SelectItem::Aggregate::Count)
            continue;
        if (const FieldMaskRule *rule = masker.ruleFor(item.column->name, kindOf(item.column) == Kind::Text))
            m_columns[size_t(i)].mask = *rule;
    }
}

namespace {

void appendEscaped(QByteArrayView utf8, QByteArray &out)
{
    static const char hex[] = "0123456789abcdef";
    out += '"';
    const char *begin = utf8.data();
    const char *end = begin + utf8.size();
    const char *run = begin;
    for (const char *p = begin; p != end; ++p) {
        const unsigned char c = static_cast<unsigned char>(*p);
        if (c >= 0x20 && c != '"' && c != '\\')
            continue;
        out.append(run, p - run);
        run = p + 1;
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\f':
            out += "\\f";
            break;
        default: {
            const char escape[] = {'\\', 'u', '0', '0', hex[c >> 4], hex[c & 0xf]};
            out.append(escape, sizeof escape);
        }
        }
    }
    out.append(run, end - run);
    out += '"';
}

// Text read straight from SQLite is whatever was stored; JSON needs valid UTF-8.
bool isValidUtf8(QByteArrayView text)
{
    const auto *p = reinterpret_cast<const unsigned char *>(text.data());
    const auto *end = p + text.size();
    while (p != end) {
        const unsigned char c = *p++;
        if (c < 0x80)
            continue;
        int more = 0;
        char32_t code = 0;
        char32_t least = 0;
        if ((c & 0xe0) == 0xc0) {
            more = 1, code = c & 0x1f, least = 0x80;
        } else if ((c & 0xf0) == 0xe0) {
            more = 2, code = c & 0x0f, least = 0x800;
        } else if ((c & 0xf8) == 0xf0) {
            more = 3, code = c & 0x07, least = 0x10000;
        } else {
            return false;
        }
        if (end - p < more)
            return false;
        for (int i = 0; i < more; ++i, ++p) {
            if ((*p & 0xc0) != 0x80)
                return false;
            code = (code << 6) | (*p & 0x3f);
        }
        if (code < least || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff))
            return false;
    }
    return true;
}

// Values QtSql hands over only as QVariants take writeValue().
bool writeNative(const QSqlQuery &, int, QByteArray &, bool, bool)
{
    return false;
}

// Text and integers go from SQLite's row to the response without a QVariant or a QString.
bool writeNative(const SqliteRows &rows, int i, QByteArray &out, bool textKind, bool integerKind)
{
    if (rows.isNull(i)) {
        out += "null";
        return true;
    }
    if (textKind && rows.isText(i)) {
        const QByteArrayView text = rows.text(i);
        if (!isValidUtf8(text))
            return false;
        appendEscaped(text, out);
        return true;
    }
    if (integerKind && rows.isInteger(i)) {
        out += QByteArray::number(rows.integer(i));
        return true;
    }
    return false;
}

// Masks from QtSql's values take writeMasked().
bool writeMaskedNative(const QSqlQuery &, int, const FieldMaskRule &, bool, QByteArray &)
{
    return false;
}

// The two commonest masks on text columns need no QString: redaction ignores the value, and
// the last few characters of ASCII text are its last few bytes. (Other kinds of column convert
// their values first, e.g. "12.50" in a number column is masked as 12.5.)
bool writeMaskedNative(const SqliteRows &rows, int i, const FieldMaskRule &rule, bool textKind,
                       QByteArray &out)
{
    if (!textKind || rows.isNull(i))
        return false;
    if (rule.mode == FieldMaskRule::Mode::Redact) {
        static const QByteArray redacted = '"' + FieldMasker::redacted().toLatin1() + '"';
        out += redacted;
        return true;
    }
    if (rule.mode != FieldMaskRule::Mode::Partial || !rows.isText(i))
        return false;
    const QByteArrayView text = rows.text(i);
    for (const char c : text)
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    // As FieldMasker::partial(), whose character counts are bytes here.
    const qsizetype n = text.size();
    const qsizetype keep = rule.keep <= 0 || rule.keep >= n ? 0 : rule.keep;
    QByteArray masked(keep > 0 ? n - keep : qMax<qsizetype>(n, 1), '*');
    masked.append(text.last(keep));
    appendEscaped(masked, out);
    return true;
}

QVariant valueOf(const QSqlQuery &query, int i)
{
    return query.value(i);
}

QVariant valueOf(const SqliteRows &rows, int i)
{
    return rows.value(i);
}

void appendJson(const Json &value, QByteArray &out)
{
    const std::string text = value.dump(-1, ' ', false, Json::error_handler_t::replace);
    out.append(text.data(), qsizetype(text.size()));
}

void appendDouble(double d, QByteArray &out)
{
    if (!std::isfinite(d)) {
        out += "null";
        return;
    }
    out += QByteArray::number(d, 'g', QLocale::FloatingPointShortest);
}
} // namespace

void ResultReader::writeValue(Kind kind, const QVariant &value, QByteArray &out)
{
    if (value.isNull()) {
        out += "null";
        return;
    }
    const int type = value.typeId();
    switch (kind) {
    case Kind::Integer:
        if (type == QMetaType::LongLong || type == QMetaType::Int || type == QMetaType::Long) {
            out += QByteArray::number(value.toLongLong());
            return;
        }
        break;
    case Kind::Number:
        if (type == QMetaType::Double) {
            appendDouble(value.toDouble(), out);
            return;
        }
        if (type == QMetaType::LongLong || type == QMetaType::Int) {
            out += QByteArray::number(value.toLongLong());
            return;
        }
        break;
    case Kind::Text:
        appendEscaped(value.toString().toUtf8(), out);
        return;
    case Kind::Default:
        if (type == QMetaType::QString) {
            appendEscaped(value.toString().toUtf8(), out);
            return;
        }
        if (type == QMetaType::LongLong || type == QMetaType::Int) {
            out += QByteArray::number(value.toLongLong());
            return;
        }
        break;
    case Kind::Boolean:
    case Kind::JsonText:
        break;
    }
    // Everything else takes the tree path, so both writers agree on every value.
    appendJson(convert(kind, value), out);
}

void ResultReader::writeMasked(const FieldMaskRule &rule, Kind kind, const QVariant &value, QByteArray &out)
{
    // Masked columns are nearly always text: mask the text and write it, without a JSON tree.
    const bool text = kind == Kind::Text || (kind == Kind::Default && value.typeId() == QMetaType::QString);
    if (text && !value.isNull() && rule.mode != FieldMaskRule::Mode::Null) {
        appendEscaped(FieldMasker::maskText(rule, value.toString()).toUtf8(), out);
        return;
    }
    appendJson(FieldMasker::apply(rule, convert(kind, value)), out);
}

template <typename Rows>
qint64 ResultReader::writeRowsFrom(Rows &rows, QByteArray &out) const
{
    qint64 count = 0;
    out += '[';
    while (rows.next()) {
        if (count++ > 0)
            out += ',';
        out += '{';
        for (size_t i = 0; i < m_columns.size(); ++i) {
            const Column &column = m_columns[i];
            if (i > 0)
                out += ',';
            out += column.quotedKey;
            if (column.mask) {
                if (!writeMaskedNative(rows, int(i), *column.mask,
                                       column.kind == Kind::Text || column.kind == Kind::Default, out))
                    writeMasked(*column.mask, column.kind, valueOf(rows, int(i)), out);
            } else if (!writeNative(rows, int(i), out,
                                    column.kind == Kind::Text || column.kind == Kind::Default,
                                    column.kind == Kind::Integer || column.kind == Kind::Number ||
                                        column.kind == Kind::Default))
                writeValue(column.kind, valueOf(rows, int(i)), out);
        }
        out += '}';
    }
    out += ']';
    return count;
}

qint64 ResultReader::writeRows(QSqlQuery &query, QByteArray &out) const
{
    return writeRowsFrom(query, out);
}

qint64 ResultReader::writeRows(SqliteRows &rows, QByteArray &out) const
{
    const qsizetype start = out.size();
    const qint64 count = writeRowsFrom(rows, out);
    if (!rows.failed())
        return count;
    out.truncate(start);
    return -1;
}

ResultReader::Kind ResultReader::kindOf(const ColumnSchema *column)
{
    if (!column)
        return Kind::Default;
    if (column->isBoolean())
        return Kind::Boolean;
    if (column->isInteger())
        return Kind::Integer;
    if (column->isNumeric())
        return Kind::Number;
    if (column->type == QLatin1String("json") || column->type == QLatin1String("jsonb"))
        return Kind::JsonText;
    if (column->type == QLatin1String("string") || column->type == QLatin1String("text") ||
        column->type == QLatin1String("mediumtext") || column->type == QLatin1String("longtext"))
        return Kind::Text;
    return Kind::Default;
}

ResultReader::Kind ResultReader::kindOf(const SelectItem &item)
{
    switch (item.aggregate) {
    case SelectItem::Aggregate::None:
    case SelectItem::Aggregate::Min:
    case SelectItem::Aggregate::Max:
        return kindOf(item.column);
    case SelectItem::Aggregate::Count:
        return Kind::Integer;
    case SelectItem::Aggregate::Sum:
        return item.column && item.column->isInteger() ? Kind::Integer : Kind::Number;
    case SelectItem::Aggregate::Avg:
        return Kind::Number;
    }
    return Kind::Default;
}

Json ResultReader::convert(Kind kind, const QVariant &value)
{
    if (value.isNull())
        return nullptr;
    const int type = value.typeId();
    switch (kind) {
    case Kind::Boolean:
        if (type == QMetaType::Bool)
            return value.toBool();
        if (type == QMetaType::QString) {
            const QString text = value.toString();
            return text == QLatin1String("t") || text == QLatin1String("true") || text == QLatin1String("1");
        }
        return value.toLongLong() != 0;
    case Kind::Integer:
        if (type == QMetaType::ULongLong || type == QMetaType::ULong || type == QMetaType::UInt)
            return value.toULongLong();
        if (type == QMetaType::QString || type == QMetaType::QByteArray) {
            // MySQL returns SUM() of integers as DECIMAL text; SQLite may hold text anywhere.
            bool ok = false;
            const QString text = value.toString();
            const qint64 n = text.toLongLong(&ok);
            if (ok)
                return n;
            const double d = text.toDouble(&ok);
            if (ok)
                return d;
            return text.toStdString();
        }
        if (type == QMetaType::Double || type == QMetaType::Float) {
            // MySQL hands SUM() of integers back as a DECIMAL; keep whole numbers integral.
            const double d = value.toDouble();
            if (d == double(qint64(d)))
                return qint64(d);
            return d;
        }
        return value.toLongLong();
    case Kind::Number:
        if (type == QMetaType::Int || type == QMetaType::LongLong || type == QMetaType::Long)
            return value.toLongLong();
        if (type == QMetaType::QString || type == QMetaType::QByteArray) {
            // Decimal columns arrive as text (full precision); JSON clients get a number.
            bool ok = false;
            const QString text = value.toString();
            const double d = text.toDouble(&ok);
            if (ok)
                return d;
            return text.toStdString();
        }
        return value.toDouble();
    case Kind::Text:
        return value.toString().toStdString();
    case Kind::JsonText: {
        const QByteArray text = value.toString().toUtf8();
        Json parsed = parseJsonOrDiscarded(text);
        if (parsed.is_discarded())
            return text.toStdString();
        return parsed;
    }
    case Kind::Default:
        break;
    }
    return variantToJson(value);
}

bool ResultReader::isTextColumn(const ColumnSchema &column)
{
    return kindOf(&column) == Kind::Text;
}

Json ResultReader::toJson(const ColumnSchema *column, const QVariant &value)
{
    return convert(kindOf(column), value);
}

Json ResultReader::row(const QSqlQuery &query) const
{
    Json object = Json::object();
    for (size_t i = 0; i < m_columns.size(); ++i) {
        Json value = convert(m_columns[i].kind, query.value(int(i)));
        object[m_columns[i].key] =
            m_columns[i].mask ? FieldMasker::apply(*m_columns[i].mask, value) : std::move(value);
    }
    return object;
}

Json ResultReader::rows(QSqlQuery &query) const
{
    Json out = Json::array();
    while (query.next())
        out.push_back(row(query));
    return out;
}

Json ResultReader::value(const QSqlQuery &query, int index) const
{
    if (index >= 0 && size_t(index) < m_columns.size()) {
        const Column &column = m_columns[size_t(index)];
        const Json value = convert(column.kind, query.value(index));
        return column.mask ? FieldMasker::apply(*column.mask, value) : value;
    }
    return variantToJson(query.value(index));
}
} // namespace gatehouse
