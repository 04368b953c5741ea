#pragma once

#include <QHash>
#include <QJsonArray>
#include <QList>
#include <QWidget>

#include "client/GatehouseClient.h"

class QCheckBox;
class QComboBox;
class QTableWidget;

namespace gatehouse {

class RowFilterTable;

// A role's access rules (`role_service_access_by_role_id`): a list of rules and, below it, the
// chosen rule's service, component (completed from the service's tables), verbs, requestors
// and row filters. Rules removed here are sent as {"id": n, "role_id": null}.
class AccessRulesEditor : public QWidget
{
    Q_OBJECT
public:
    enum Verb
    {
        Get = 1,
        Post = 2,
        Put = 4,
        Patch = 8,
        Delete = 16
    };
    enum Requestor
    {
        Api = 1,
        Script = 2
    };

    AccessRulesEditor(GatehouseClient *client, QWidget *parent = nullptr);

    void setServices(const QList<ServiceDefinition> &services);
    void setRules(const QJsonArray &rules);
    // What to send as `role_service_access_by_role_id`.
    QJsonArray rulesJson() const;
    QStringList validate() const;
    // Appends an empty rule (GET, API) and selects it.
    void addRule();
    void removeCurrentRule();
    int ruleCount() const { return int(m_rules.size()); }

    QComboBox *serviceBox() const { return m_service; }
    QComboBox *componentBox() const { return m_component; }
    QCheckBox *verbBox(Verb verb) const;
    QCheckBox *requestorBox(Requestor requestor) const;
    RowFilterTable *filterTable() const { return m_filters; }
    QTableWidget *ruleTable() const { return m_table; }
    // Completions offered for the current service (tests wait for them).
    QStringList componentChoices() const;

    static QString verbText(int mask);

Q_SIGNALS:
    void componentsLoaded(const QString &service);

private:
    struct Rule
    {
        qint64 id = 0;
        qint64 serviceId = 0; // 0: no service (null)
        QString component;
        int verbMask = Get;
        int requestorMask = Api;
        QJsonArray filters;
        QString filterOp = QStringLiteral("AND");
    };

    void showRule(int row);
    void storeRule();
    void updateRow(int row);
    void loadComponents(qint64 serviceId);
    void loadFieldNames();
    QString serviceName(qint64 id) const;

    GatehouseClient *m_client;
    QList<ServiceDefinition> m_services;
    QList<Rule> m_rules;
    QList<qint64> m_removed;
    QTableWidget *m_table;
    QWidget *m_detail;
    QComboBox *m_service;
    QComboBox *m_component;
    QHash<int, QCheckBox *> m_verbs;
    QHash<int, QCheckBox *> m_requestors;
    RowFilterTable *m_filters;
    QHash<QString, QStringList> m_components; // service name → completions
    QHash<QString, QStringList> m_fields;     // "service/table" → column names
    int m_current = -1;
    bool m_loading = false;
};
} // namespace gatehouse
