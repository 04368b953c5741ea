#include "ServiceConfigForm.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QSpinBox>
#include <QUrl>

#include "JsonText.h"
#include "KeyValueTable.h"
#include "ScriptEditor.h"

namespace gatehouse {
namespace {
// Parses any JSON value; `ok` false when the text is not JSON.
QJsonValue parseJson(const QString &text, QString *error)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + "]", &parseError);
    if (parseError.error != QJsonParseError::NoError || doc.array().size() != 1) {
        if (error)
            *error = parseError.error != QJsonParseError::NoError
                         ? parseError.errorString()
                         : ServiceConfigForm::tr("one value expected");
        return QJsonValue(QJsonValue::Undefined);
    }
    return doc.array().first();
}

QStringList lines(const QString &text)
{
    QStringList out;
    for (const QString &line : text.split(QLatin1Char('\n'), Qt::SkipEmptyParts))
        if (!line.trimmed().isEmpty())
            out << line.trimmed();
    return out;
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"));
}
} // namespace

ServiceConfigForm::ServiceConfigForm(const QString &serviceType, QWidget *parent)
    : QWidget(parent)
    , m_type(serviceType)
    , m_form(new QFormLayout(this))
{
    m_form->setContentsMargins(0, 0, 0, 0);
    m_form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
}

QString ServiceConfigForm::labelWithMnemonic(const QString &label)
{
    QString text = label;
    text.replace(QLatin1Char('&'), QLatin1String("&&"));
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i).toLower();
        if (!c.isLetter() || c.unicode() > 127 || m_reserved.contains(c) || m_used.contains(c))
            continue;
        m_used += c;
        text.insert(i, QLatin1Char('&'));
        break;
    }
    return tr("%1:").arg(text);
}

void ServiceConfigForm::setSchema(const QJsonArray &schema)
{
    while (m_form->rowCount() > 0)
        m_form->removeRow(0);
    m_fields.clear();
    m_used.clear();
    for (const QJsonValue &entry : schema) {
        const QJsonObject spec = entry.toObject();
        Field field;
        field.spec = spec;
        field.name = spec.value(QLatin1String("name")).toString();
        field.type = spec.value(QLatin1String("type")).toString(QStringLiteral("string"));
        field.label = spec.value(QLatin1String("label")).toString(field.name);
        field.required = spec.value(QLatin1String("required")).toBool();
        if (field.name.isEmpty())
            continue;
        field.editor = createCustomEditor(field.name, field.type);
        field.custom = field.editor != nullptr;
        if (!field.custom)
            field.editor = createEditor(field);
        field.editor->setObjectName(field.name);
        field.editor->setAccessibleName(field.label);
        const QString description = spec.value(QLatin1String("description")).toString();
        if (!description.isEmpty()) {
            field.editor->setToolTip(description);
            field.editor->setAccessibleDescription(description);
        }
        auto *label = new QLabel(
            labelWithMnemonic(field.required ? tr("%1 (required)").arg(field.label) : field.label), this);
        label->setBuddy(field.editor);
        m_form->addRow(label, field.editor);
        m_fields << field;
    }
    setRoles(m_roles);
    for (const Field &field : std::as_const(m_fields))
        loadField(field, m_original.value(field.name));
    schemaApplied();
    Q_EMIT schemaChanged();
}

QWidget *ServiceConfigForm::createEditor(const Field &field)
{
    const QJsonValue def = field.spec.value(QLatin1String("default"));
    const QString &type = field.type;
    if (type == QLatin1String("password")) {
        auto *edit = new QLineEdit(this);
        edit->setEchoMode(QLineEdit::Password);
        return edit;
    }
    if (type == QLatin1String("script")) {
        auto *editor = new ScriptEditor(this);
        // Code, not prose: the example stays as it is in every language.
        editor->setPlaceholderText(
            def.isString() && !def.toString().isEmpty()
                ? def.toString()
                : QStringLiteral("const who = event.request.parameters.name || 'world';\n"
                                 "return {status_code: 200, content: {hello: who}};"));
        return editor;
    }
    if (type == QLatin1String("text") || type == QLatin1String("array") || type == QLatin1String("json")) {
        auto *edit = new QPlainTextEdit(this);
        edit->setTabChangesFocus(true);
        edit->setMaximumHeight(type == QLatin1String("json") ? 110 : 80);
        if (type == QLatin1String("json"))
            edit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        if (type == QLatin1String("array"))
            edit->setPlaceholderText(def.isArray()
                                         ? tr("One per line; default: %1")
                                               .arg(lines(JsonText::indented(def)).join(QLatin1Char(' ')))
                                         : tr("One entry per line"));
        else if (type == QLatin1String("text") && def.isString())
            edit->setPlaceholderText(def.toString());
        return edit;
    }
    if (type == QLatin1String("integer")) {
        auto *spin = new QSpinBox(this);
        const int min = field.spec.value(QLatin1String("min")).toInt(0);
        const double max = field.spec.value(QLatin1String("max")).toDouble(2147483646);
        // One below the minimum stands for "not set": the engine's default applies.
        spin->setRange(min - 1, int(qMin(max, 2147483646.0)));
        spin->setSpecialValueText(def.isDouble() ? tr("(default: %1)").arg(JsonText::scalar(def))
                                                 : tr("(not set)"));
        spin->setValue(spin->minimum());
        return spin;
    }
    if (type == QLatin1String("number")) {
        auto *spin = new QDoubleSpinBox(this);
        spin->setDecimals(4);
        const double min = field.spec.value(QLatin1String("min")).toDouble(0);
        spin->setRange(min - 1, field.spec.value(QLatin1String("max")).toDouble(1e12));
        spin->setSpecialValueText(def.isDouble() ? tr("(default: %1)").arg(JsonText::scalar(def))
                                                 : tr("(not set)"));
        spin->setValue(spin->minimum());
        return spin;
    }
    if (type == QLatin1String("boolean")) {
        auto *box = new QCheckBox(this);
        box->setChecked(def.toBool(false));
        return box;
    }
    if (type == QLatin1String("picklist") || type == QLatin1String("role")) {
        auto *combo = new QComboBox(this);
        if (type == QLatin1String("role")) {
            combo->addItem(tr("(none)"), QVariant());
            return combo;
        }
        if (!field.required && !def.isString())
            combo->addItem(tr("(not set)"), QVariant());
        for (const QJsonValue &value : field.spec.value(QLatin1String("values")).toArray())
            combo->addItem(value.toString(), value.toString());
        if (def.isString())
            combo->setCurrentIndex(std::max(0, combo->findData(def.toString())));
        return combo;
    }
    if (type == QLatin1String("multi_picklist")) {
        auto *list = new QListWidget(this);
        for (const QJsonValue &value : field.spec.value(QLatin1String("values")).toArray()) {
            auto *item = new QListWidgetItem(value.toString(), list);
            item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
            item->setCheckState(Qt::Unchecked);
        }
        list->setMaximumHeight(qMax(40, list->sizeHintForRow(0) * (list->count() + 1)));
        return list;
    }
    if (type == QLatin1String("object"))
        return new KeyValueTable(tr("Name"), tr("Value"), this);
    if (type == QLatin1String("role_map"))
        return new RoleMapTable(this);
    // string, url and anything newer than this console: a line of text.
    auto *edit = new QLineEdit(this);
    if (def.isString() && !def.toString().isEmpty())
        edit->setPlaceholderText(def.toString());
    else if (type == QLatin1String("url"))
        edit->setPlaceholderText(QStringLiteral("https://"));
    return edit;
}

void ServiceConfigForm::loadField(const Field &field, const QJsonValue &value)
{
    QWidget *w = field.editor;
    const QString &type = field.type;
    if (field.custom) {
        loadCustom(w, value);
    } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
        edit->setText(JsonText::scalar(value));
    } else if (auto *text = qobject_cast<QPlainTextEdit *>(w)) {
        if (type == QLatin1String("json")) {
            text->setPlainText(JsonText::indented(value));
        } else if (type == QLatin1String("array")) {
            QStringList entries;
            if (value.isArray())
                for (const QJsonValue &entry : value.toArray())
                    entries << JsonText::scalar(entry);
            else if (value.isString()) // "openid email" as well as ["openid", "email"]
                entries = value.toString().split(QLatin1Char(' '), Qt::SkipEmptyParts);
            text->setPlainText(entries.join(QLatin1Char('\n')));
        } else {
            text->setPlainText(JsonText::scalar(value));
        }
    } else if (auto *spin = qobject_cast<QSpinBox *>(w)) {
        spin->setValue(value.isDouble()                                  ? value.toInt()
                       : value.isString() && !value.toString().isEmpty() ? value.toString().toInt()
                                                                         : spin->minimum());
    } else if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w)) {
        dspin->setValue(value.isDouble() ? value.toDouble() : dspin->minimum());
    } else if (auto *box = qobject_cast<QCheckBox *>(w)) {
        box->setChecked(value.isBool() ? value.toBool()
                                       : field.spec.value(QLatin1String("default")).toBool(false));
    } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
        if (type == QLatin1String("role")) {
            combo->setCurrentIndex(0);
            if (value.isDouble()) {
                if (combo->findData(value.toInteger()) < 0)
                    combo->addItem(tr("Role %1").arg(value.toInteger()), value.toInteger());
                combo->setCurrentIndex(combo->findData(value.toInteger()));
            }
        } else if (value.isString()) {
            if (combo->findData(value.toString()) < 0)
                combo->addItem(value.toString(), value.toString());
            combo->setCurrentIndex(combo->findData(value.toString()));
        } else if (value.isUndefined() || value.isNull()) {
            const QJsonValue def = field.spec.value(QLatin1String("default"));
            combo->setCurrentIndex(std::max(0, def.isString() ? combo->findData(def.toString()) : 0));
        }
    } else if (auto *list = qobject_cast<QListWidget *>(w)) {
        QStringList chosen;
        for (const QJsonValue &entry : value.toArray())
            chosen << entry.toString();
        for (int i = 0; i < list->count(); ++i)
            list->item(i)->setCheckState(chosen.contains(list->item(i)->text()) ? Qt::Checked
                                                                                : Qt::Unchecked);
    } else if (auto *table = qobject_cast<KeyValueTable *>(w)) {
        table->setValues(value.toObject());
    } else if (auto *map = qobject_cast<RoleMapTable *>(w)) {
        map->setRules(value.toArray());
    }
}

QJsonValue ServiceConfigForm::fieldValue(const Field &field) const
{
    const QJsonValue none(QJsonValue::Undefined);
    QWidget *w = field.editor;
    const QString &type = field.type;
    if (field.custom)
        return customValue(w);
    if (auto *edit = qobject_cast<QLineEdit *>(w)) {
        // A password as typed: spaces may be part of it.
        const QString text = type == QLatin1String("password") ? edit->text() : edit->text().trimmed();
        return text.isEmpty() ? none : QJsonValue(text);
    }
    if (auto *text = qobject_cast<QPlainTextEdit *>(w)) {
        const QString content = text->toPlainText().trimmed();
        if (content.isEmpty())
            return none;
        if (type == QLatin1String("script")) // as written: indentation is part of it
            return text->toPlainText();
        if (type == QLatin1String("array"))
            return QJsonArray::fromStringList(lines(content));
        if (type == QLatin1String("json"))
            return parseJson(content, nullptr);
        return content;
    }
    if (auto *spin = qobject_cast<QSpinBox *>(w))
        return spin->value() == spin->minimum() ? none : QJsonValue(spin->value());
    if (auto *dspin = qobject_cast<QDoubleSpinBox *>(w))
        return dspin->value() == dspin->minimum() ? none : QJsonValue(dspin->value());
    if (auto *box = qobject_cast<QCheckBox *>(w)) {
        // Only a choice that differs from the default, or one the config already made, is sent.
        const bool def = field.spec.value(QLatin1String("default")).toBool(false);
        return box->isChecked() != def || m_original.contains(field.name) ? QJsonValue(box->isChecked())
                                                                          : none;
    }
    if (auto *combo = qobject_cast<QComboBox *>(w)) {
        const QVariant data = combo->currentData();
        if (!data.isValid())
            return none;
        return type == QLatin1String("role") ? QJsonValue(data.toLongLong()) : QJsonValue(data.toString());
    }
    if (auto *list = qobject_cast<QListWidget *>(w)) {
        QStringList chosen;
        for (int i = 0; i < list->count(); ++i)
            if (list->item(i)->checkState() == Qt::Checked)
                chosen << list->item(i)->text();
        return chosen.isEmpty() ? none : QJsonValue(QJsonArray::fromStringList(chosen));
    }
    if (auto *table = qobject_cast<KeyValueTable *>(w)) {
        const QJsonObject values = table->values();
        return values.isEmpty() ? none : QJsonValue(values);
    }
    if (auto *map = qobject_cast<RoleMapTable *>(w)) {
        const QJsonArray rules = map->rules();
        return rules.isEmpty() ? none : QJsonValue(rules);
    }
    return none;
}

void ServiceConfigForm::setConfig(const QJsonObject &config)
{
    m_original = config;
    for (const Field &field : std::as_const(m_fields))
        loadField(field, config.value(field.name));
}

QJsonObject ServiceConfigForm::config() const
{
    QJsonObject config = m_original;
    for (const Field &field : m_fields) {
        config.remove(field.name);
        const QJsonValue value = fieldValue(field);
        if (!value.isUndefined())
            config.insert(field.name, value);
        else if (m_original.contains(field.name))
            config.insert(field.name, QJsonValue::Null); // cleared: an update removes the key
    }
    return config;
}

QStringList ServiceConfigForm::validate() const
{
    QStringList problems;
    for (const Field &field : m_fields) {
        const QJsonValue value = fieldValue(field);
        const QString description = field.spec.value(QLatin1String("description")).toString();
        if (field.type == QLatin1String("json") && !field.custom) {
            const QString text = qobject_cast<QPlainTextEdit *>(field.editor)->toPlainText().trimmed();
            QString error;
            if (!text.isEmpty() && parseJson(text, &error).isUndefined()) {
                problems << tr("%1 is not valid JSON: %2").arg(field.label, error);
                continue;
            }
        }
        if (field.required && value.isUndefined()) {
            problems << (description.isEmpty() ? tr("%1 is required.").arg(field.label)
                                               : tr("%1 is required: %2").arg(field.label, description));
            continue;
        }
        if (field.type == QLatin1String("url") && value.isString() && !isHttpUrl(value.toString()))
            problems << tr("%1 must be an http:// or https:// address.").arg(field.label);
        if (auto *table = qobject_cast<KeyValueTable *>(field.editor))
            problems += table->validate(field.label);
        if (auto *map = qobject_cast<RoleMapTable *>(field.editor))
            problems += map->validate();
    }
    return problems + validateExtra(config());
}

QStringList ServiceConfigForm::validateExtra(const QJsonObject &) const
{
    return {};
}

QWidget *ServiceConfigForm::createCustomEditor(const QString &, const QString &)
{
    return nullptr;
}

void ServiceConfigForm::loadCustom(QWidget *, const QJsonValue &) {}

QJsonValue ServiceConfigForm::customValue(QWidget *) const
{
    return QJsonValue(QJsonValue::Undefined);
}

ScriptEditor *ServiceConfigForm::scriptEditor() const
{
    for (const Field &field : m_fields)
        if (field.type == QLatin1String("script"))
            if (auto *editor = qobject_cast<ScriptEditor *>(field.editor))
                return editor;
    return nullptr;
}

void ServiceConfigForm::setRoles(const QList<RoleChoice> &roles)
{
    m_roles = roles;
    for (const Field &field : std::as_const(m_fields)) {
        if (auto *map = qobject_cast<RoleMapTable *>(field.editor)) {
            map->setRoles(roles);
        } else if (field.type == QLatin1String("role")) {
            auto *combo = qobject_cast<QComboBox *>(field.editor);
            const QVariant current = combo->currentData();
            combo->clear();
            combo->addItem(tr("(none)"), QVariant());
            for (const RoleChoice &role : roles)
                combo->addItem(role.name, role.id);
            if (current.isValid()) {
                if (combo->findData(current) < 0)
                    combo->addItem(tr("Role %1").arg(current.toLongLong()), current);
                combo->setCurrentIndex(combo->findData(current));
            }
        }
    }
}

QWidget *ServiceConfigForm::editor(const QString &key) const
{
    for (const Field &field : m_fields)
        if (field.name == key)
            return field.editor;
    return nullptr;
}

RoleMapTable *ServiceConfigForm::groupRoleMap() const
{
    return qobject_cast<RoleMapTable *>(editor(QStringLiteral("group_role_map")));
}
} // namespace gatehouse
