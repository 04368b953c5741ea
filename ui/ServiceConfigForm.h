#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QWidget>

#include "RoleMapTable.h"

class QFormLayout;
class QLabel;

namespace gatehouse {

class ScriptEditor;

// A service's config form, built from its type's config_schema (GET /system/service_type): one
// editor per field type (string/url: line edit; password: masked line edit; text/array/json:
// plain text; integer/number: spin box whose lowest value means "not set"; boolean: check box;
// picklist: combo box; multi_picklist: checkable list; object: KeyValueTable; role: role combo;
// role_map: RoleMapTable; script: ScriptEditor). Subclasses may give a key an editor of their own
// (createCustomEditor / loadCustom / customValue), e.g. the rws form's rule tables. Each editor's objectName
// is the config key. config() starts from the config the form was given, so keys the schema does not name
// survive an edit; fields left empty are left out. A stored secret arrives as the mask and goes back
// unchanged unless retyped. Subclasses add a type's own rules (validateExtra) and behaviour (schemaApplied).
class ServiceConfigForm : public QWidget
{
    Q_OBJECT
public:
    explicit ServiceConfigForm(const QString &serviceType, QWidget *parent = nullptr);

    QString serviceType() const { return m_type; }
    // Letters the surrounding dialog already uses as mnemonics; call before setSchema().
    void setReservedMnemonics(const QString &letters) { m_reserved = letters.toLower(); }
    void setSchema(const QJsonArray &schema);
    bool hasSchema() const { return !m_fields.isEmpty(); }
    void setConfig(const QJsonObject &config);
    QJsonObject config() const;
    // Problems in plain words; empty when the config can be sent.
    QStringList validate() const;
    void setRoles(const QList<RoleChoice> &roles);

    // The editor of a config key (nullptr before setSchema() or for an unknown key).
    QWidget *editor(const QString &key) const;
    // The editor of `group_role_map`, if the schema has one.
    RoleMapTable *groupRoleMap() const;
    // The editor of the first field of type `script` (JavaScript source), if the schema has one.
    ScriptEditor *scriptEditor() const;

Q_SIGNALS:
    void schemaChanged();

protected:
    virtual void schemaApplied() {}
    virtual QStringList validateExtra(const QJsonObject &config) const;
    // An editor of the subclass's own for `key` (nullptr: the generic one for `type`), and how
    // to load and read it; customValue returns undefined for "not set".
    virtual QWidget *createCustomEditor(const QString &key, const QString &type);
    virtual void loadCustom(QWidget *editor, const QJsonValue &value);
    virtual QJsonValue customValue(QWidget *editor) const;
    QFormLayout *formLayout() const { return m_form; }

private:
    struct Field
    {
        QJsonObject spec;
        QString name;
        QString type;
        QString label;
        bool required = false;
        bool custom = false;
        QWidget *editor = nullptr;
    };

    QWidget *createEditor(const Field &field);
    void loadField(const Field &field, const QJsonValue &value);
    // The field's value; undefined when the field is empty / not set.
    QJsonValue fieldValue(const Field &field) const;
    QString labelWithMnemonic(const QString &label);

    QString m_type;
    QString m_reserved;
    QString m_used;
    QFormLayout *m_form;
    QList<Field> m_fields;
    QJsonObject m_original;
    QList<RoleChoice> m_roles;
};
} // namespace gatehouse
