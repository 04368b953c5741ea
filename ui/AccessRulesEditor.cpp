#include "AccessRulesEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QTableWidget>
#include <QVBoxLayout>

#include "RowFilterTable.h"

namespace gatehouse {
namespace {
const QList<QPair<int, const char *>> kVerbs = {{AccessRulesEditor::Get, "GET"},
                                                {AccessRulesEditor::Post, "POST"},
                                                {AccessRulesEditor::Put, "PUT"},
                                                {AccessRulesEditor::Patch, "PATCH"},
                                                {AccessRulesEditor::Delete, "DELETE"}};
} // namespace

AccessRulesEditor::AccessRulesEditor(GatehouseClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_table(new QTableWidget(0, 5, this))
    , m_detail(new QGroupBox(tr("Selected rule"), this))
    , m_service(new QComboBox(m_detail))
    , m_component(new QComboBox(m_detail))
    , m_filters(new RowFilterTable(m_detail))
{
    m_table->setObjectName(QStringLiteral("rules"));
    m_table->setAccessibleName(tr("Access rules"));
    m_table->setHorizontalHeaderLabels(
        {tr("Service"), tr("Component"), tr("Verbs"), tr("Requestors"), tr("Filters")});
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setTabKeyNavigation(false);
    connect(m_table, &QTableWidget::currentCellChanged, this, [this](int row) { showRule(row); });

    auto *add = new QPushButton(tr("&Add rule"), this);
    add->setObjectName(QStringLiteral("addRule"));
    auto *remove = new QPushButton(tr("Remove r&ule"), this);
    remove->setObjectName(QStringLiteral("removeRule"));
    connect(add, &QPushButton::clicked, this, &AccessRulesEditor::addRule);
    connect(remove, &QPushButton::clicked, this, &AccessRulesEditor::removeCurrentRule);

    m_service->setObjectName(QStringLiteral("ruleService"));
    m_service->setAccessibleName(tr("Service"));
    m_component->setObjectName(QStringLiteral("ruleComponent"));
    m_component->setAccessibleName(tr("Component"));
    m_component->setEditable(true);
    m_component->setInsertPolicy(QComboBox::NoInsert);
    m_component->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_component->completer()->setCaseSensitivity(Qt::CaseInsensitive);
    m_component->setToolTip(tr("* for the whole service, _table/* for every table, _table/name for one."));

    auto *verbs = new QHBoxLayout;
    for (const auto &[bit, name] : kVerbs) {
        auto *box = new QCheckBox(QLatin1String(name), m_detail);
        box->setObjectName(QStringLiteral("verb%1").arg(QLatin1String(name)));
        box->setAccessibleName(tr("Allow %1").arg(QLatin1String(name)));
        m_verbs.insert(bit, box);
        verbs->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &AccessRulesEditor::storeRule);
    }
    verbs->addStretch();
    auto *requestors = new QHBoxLayout;
    auto *api = new QCheckBox(tr("A&PI"), m_detail);
    api->setObjectName(QStringLiteral("requestorApi"));
    api->setToolTip(tr("Requests from clients over HTTP."));
    auto *script = new QCheckBox(tr("Scrip&t"), m_detail);
    script->setObjectName(QStringLiteral("requestorScript"));
    script->setToolTip(tr("Requests made by server-side scripts."));
    m_requestors.insert(Api, api);
    m_requestors.insert(Script, script);
    for (QCheckBox *box : {api, script}) {
        requestors->addWidget(box);
        connect(box, &QCheckBox::toggled, this, &AccessRulesEditor::storeRule);
    }
    requestors->addStretch();

    auto *form = new QFormLayout(m_detail);
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("C&omponent:"), m_component);
    auto *verbsLabel = new QLabel(tr("Verbs:"), m_detail);
    form->addRow(verbsLabel, verbs);
    form->addRow(tr("Requestors:"), requestors);
    auto *filtersLabel = new QLabel(tr("Row &filters:"), m_detail);
    filtersLabel->setBuddy(m_filters->table());
    form->addRow(filtersLabel, m_filters);

    connect(m_service, &QComboBox::currentIndexChanged, this, [this] {
        storeRule();
        loadComponents(m_service->currentData().toLongLong());
    });
    connect(m_component, &QComboBox::currentTextChanged, this, [this] {
        storeRule();
        loadFieldNames();
    });
    connect(m_filters, &RowFilterTable::changed, this, &AccessRulesEditor::storeRule);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(add);
    buttons->addWidget(remove);
    buttons->addStretch();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_detail, 2);
    m_detail->setEnabled(false);
}

QCheckBox *AccessRulesEditor::verbBox(Verb verb) const
{
    return m_verbs.value(verb);
}

QCheckBox *AccessRulesEditor::requestorBox(Requestor requestor) const
{
    return m_requestors.value(requestor);
}

QString AccessRulesEditor::verbText(int mask)
{
    QStringList names;
    for (const auto &[bit, name] : kVerbs)
        if (mask & bit)
            names << QLatin1String(name);
    return names.join(QLatin1Char(' '));
}

QString AccessRulesEditor::serviceName(qint64 id) const
{
    for (const ServiceDefinition &service : m_services)
        if (service.id == id)
            return service.name;
    return QString();
}

void AccessRulesEditor::setServices(const QList<ServiceDefinition> &services)
{
    m_services = services;
    const QSignalBlocker blocker(m_service);
    m_service->clear();
    m_service->addItem(tr("(no service)"), qint64(0));
    for (const ServiceDefinition &service : services)
        if (service.name != QLatin1String("system"))
            m_service->addItem(service.label.isEmpty() || service.label == service.name
                                   ? service.name
                                   : QStringLiteral("%1 (%2)").arg(service.name, service.label),
                               service.id);
    for (int row = 0; row < m_rules.size(); ++row)
        updateRow(row);
}

void AccessRulesEditor::setRules(const QJsonArray &rules)
{
    m_rules.clear();
    m_removed.clear();
    m_current = -1;
    for (const QJsonValue &value : rules) {
        const QJsonObject json = value.toObject();
        Rule rule;
        rule.id = qint64(json.value(QLatin1String("id")).toDouble());
        rule.serviceId = qint64(json.value(QLatin1String("service_id")).toDouble());
        rule.component = json.value(QLatin1String("component")).toString();
        rule.verbMask = json.value(QLatin1String("verb_mask")).toInt();
        rule.requestorMask = json.value(QLatin1String("requestor_mask")).toInt(Api);
        rule.filters = json.value(QLatin1String("filters")).toArray();
        rule.filterOp = json.value(QLatin1String("filter_op")).toString(QStringLiteral("AND"));
        m_rules << rule;
    }
    const QSignalBlocker blocker(m_table);
    m_table->setRowCount(int(m_rules.size()));
    for (int row = 0; row < m_rules.size(); ++row)
        updateRow(row);
    if (!m_rules.isEmpty())
        m_table->setCurrentCell(0, 0);
    showRule(m_rules.isEmpty() ? -1 : 0);
}

void AccessRulesEditor::updateRow(int row)
{
    const Rule &rule = m_rules.at(row);
    const QString requestors = QStringList{rule.requestorMask & Api ? tr("API") : QString(),
                                           rule.requestorMask & Script ? tr("Script") : QString()}
                                   .filter(QRegularExpression(QStringLiteral(".")))
                                   .join(QStringLiteral(", "));
    const QStringList cells = {
        rule.serviceId ? serviceName(rule.serviceId) : tr("(no service)"), rule.component,
        verbText(rule.verbMask), requestors,
        rule.filters.isEmpty()
            ? QString()
            : tr("%n filter(s), %1", nullptr, int(rule.filters.size())).arg(rule.filterOp)};
    for (int column = 0; column < cells.size(); ++column) {
        QTableWidgetItem *item = m_table->item(row, column);
        if (!item)
            m_table->setItem(row, column, item = new QTableWidgetItem);
        item->setText(cells.at(column));
    }
}

void AccessRulesEditor::showRule(int row)
{
    m_current = row >= 0 && row < m_rules.size() ? row : -1;
    m_detail->setEnabled(m_current >= 0);
    m_loading = true;
    const Rule rule = m_current >= 0 ? m_rules.at(m_current) : Rule();
    const int serviceIndex = m_service->findData(rule.serviceId);
    m_service->setCurrentIndex(serviceIndex >= 0 ? serviceIndex : 0);
    loadComponents(rule.serviceId);
    m_component->setEditText(rule.component);
    for (auto it = m_verbs.cbegin(); it != m_verbs.cend(); ++it)
        it.value()->setChecked(rule.verbMask & it.key());
    for (auto it = m_requestors.cbegin(); it != m_requestors.cend(); ++it)
        it.value()->setChecked(rule.requestorMask & it.key());
    m_filters->setFilters(rule.filters, rule.filterOp);
    m_loading = false;
    loadFieldNames();
}

void AccessRulesEditor::storeRule()
{
    if (m_loading || m_current < 0)
        return;
    Rule &rule = m_rules[m_current];
    rule.serviceId = m_service->currentData().toLongLong();
    rule.component = m_component->currentText().trimmed();
    rule.verbMask = 0;
    for (auto it = m_verbs.cbegin(); it != m_verbs.cend(); ++it)
        if (it.value()->isChecked())
            rule.verbMask |= it.key();
    rule.requestorMask = 0;
    for (auto it = m_requestors.cbegin(); it != m_requestors.cend(); ++it)
        if (it.value()->isChecked())
            rule.requestorMask |= it.key();
    rule.filters = m_filters->filters();
    rule.filterOp = m_filters->filterOp();
    updateRow(m_current);
}

void AccessRulesEditor::addRule()
{
    Rule rule;
    rule.component = QStringLiteral("*");
    m_rules << rule;
    const int row = int(m_rules.size()) - 1;
    {
        const QSignalBlocker blocker(m_table);
        m_table->setRowCount(row + 1);
        updateRow(row);
        m_table->setCurrentCell(row, 0);
    }
    showRule(row);
    m_service->setFocus();
}

void AccessRulesEditor::removeCurrentRule()
{
    const int row = m_current;
    if (row < 0)
        return;
    if (m_rules.at(row).id)
        m_removed << m_rules.at(row).id;
    m_rules.removeAt(row);
    {
        const QSignalBlocker blocker(m_table);
        m_table->removeRow(row);
    }
    const int next = std::min(row, int(m_rules.size()) - 1);
    if (next >= 0)
        m_table->setCurrentCell(next, 0);
    showRule(next);
}

QJsonArray AccessRulesEditor::rulesJson() const
{
    QJsonArray out;
    for (const Rule &rule : m_rules) {
        QJsonObject json{{QStringLiteral("service_id"),
                          rule.serviceId ? QJsonValue(double(rule.serviceId)) : QJsonValue()},
                         {QStringLiteral("component"), rule.component},
                         {QStringLiteral("verb_mask"), rule.verbMask},
                         {QStringLiteral("requestor_mask"), rule.requestorMask},
                         {QStringLiteral("filters"), rule.filters},
                         {QStringLiteral("filter_op"), rule.filterOp}};
        if (rule.id)
            json.insert(QStringLiteral("id"), double(rule.id));
        out.append(json);
    }
    for (qint64 id : m_removed)
        out.append(
            QJsonObject{{QStringLiteral("id"), double(id)}, {QStringLiteral("role_id"), QJsonValue()}});
    return out;
}

QStringList AccessRulesEditor::validate() const
{
    QStringList problems;
    for (int row = 0; row < m_rules.size(); ++row) {
        const Rule &rule = m_rules.at(row);
        if (rule.serviceId && rule.component.isEmpty())
            problems << tr("Rule %1 needs a component (* for the whole service).").arg(row + 1);
        if (!rule.verbMask)
            problems << tr("Rule %1 allows no verb.").arg(row + 1);
        if (!rule.requestorMask)
            problems << tr("Rule %1 needs a requestor (API or Script).").arg(row + 1);
    }
    // The form shows one rule's filters at a time; check what is stored for every rule.
    for (int row = 0; row < m_rules.size(); ++row)
        for (const QJsonValue &value : m_rules.at(row).filters) {
            const QJsonObject filter = value.toObject();
            const QString op = filter.value(QLatin1String("operator")).toString();
            if (filter.value(QLatin1String("name")).toString().isEmpty())
                problems << tr("A filter of rule %1 needs a field.").arg(row + 1);
            else if (!op.startsWith(QLatin1String("IS ")) &&
                     filter.value(QLatin1String("value")).toString().trimmed().isEmpty())
                problems << tr("The filter on %1 of rule %2 needs a value.")
                                .arg(filter.value(QLatin1String("name")).toString())
                                .arg(row + 1);
        }
    return problems;
}

QStringList AccessRulesEditor::componentChoices() const
{
    QStringList out;
    for (int i = 0; i < m_component->count(); ++i)
        out << m_component->itemText(i);
    return out;
}

void AccessRulesEditor::loadComponents(qint64 serviceId)
{
    const QString name = serviceName(serviceId);
    const QString text = m_component->currentText();
    auto fill = [this, text](const QStringList &choices) {
        const bool loading = m_loading;
        m_loading = true;
        m_component->clear();
        m_component->addItems(choices);
        m_component->setEditText(text);
        m_loading = loading;
    };
    const QStringList generic = {QStringLiteral("*"), QStringLiteral("_table/*"), QStringLiteral("_schema/*"),
                                 QStringLiteral("_proc/*"), QStringLiteral("_func/*")};
    if (name.isEmpty()) {
        fill({});
        return;
    }
    if (m_components.contains(name)) {
        fill(m_components.value(name));
        return;
    }
    fill(generic);
    // The service's tables (what this admin sees) become _table/<name> and _schema/<name>, its
    // procedures and named queries _proc/<name>. A service without them (not a database) keeps
    // the generic choices.
    auto names = [](const ApiReply &reply) {
        QStringList out;
        for (const QJsonValue &entry : reply.body.toObject().value(QLatin1String("resource")).toArray())
            out << (entry.isString() ? entry.toString()
                                     : entry.toObject().value(QLatin1String("name")).toString());
        out.removeAll(QString());
        out.sort();
        return out;
    };
    m_client->send("GET", QStringLiteral("%1/_schema?as_list=true").arg(name), QJsonValue(), this,
                   [this, name, generic, names](const ApiReply &schema) {
                       const QStringList tables = schema.ok() ? names(schema) : QStringList();
                       m_client->send("GET", QStringLiteral("%1/_proc?as_list=true").arg(name), QJsonValue(),
                                      this, [this, name, generic, names, tables](const ApiReply &procs) {
                                          QStringList choices = generic;
                                          for (const QString &table : tables)
                                              choices << QStringLiteral("_table/%1").arg(table);
                                          for (const QString &table : tables)
                                              choices << QStringLiteral("_schema/%1").arg(table);
                                          if (procs.ok())
                                              for (const QString &routine : names(procs))
                                                  choices << QStringLiteral("_proc/%1").arg(routine);
                                          m_components.insert(name, choices);
                                          if (serviceName(m_service->currentData().toLongLong()) == name) {
                                              const QString text = m_component->currentText();
                                              const bool loading = m_loading;
                                              m_loading = true;
                                              m_component->clear();
                                              m_component->addItems(choices);
                                              m_component->setEditText(text);
                                              m_loading = loading;
                                          }
                                          Q_EMIT componentsLoaded(name);
                                      });
                   });
}

void AccessRulesEditor::loadFieldNames()
{
    const QString service = serviceName(m_service->currentData().toLongLong());
    const QString component = m_component->currentText().trimmed();
    if (service.isEmpty() || !component.startsWith(QLatin1String("_table/")) ||
        component.endsWith(QLatin1Char('*'))) {
        m_filters->setFieldNames({});
        return;
    }
    const QString key = service + QLatin1Char('/') + component.mid(7);
    if (m_fields.contains(key)) {
        m_filters->setFieldNames(m_fields.value(key));
        return;
    }
    m_fields.insert(key, {}); // one request per table
    m_client->send("GET", QStringLiteral("%1/_schema/%2").arg(service, component.mid(7)), QJsonValue(), this,
                   [this, key](const ApiReply &reply) {
                       QStringList names;
                       for (const QJsonValue &field :
                            reply.body.toObject().value(QLatin1String("field")).toArray())
                           names << field.toObject().value(QLatin1String("name")).toString();
                       m_fields.insert(key, names);
                       m_filters->setFieldNames(names);
                   });
}
} // namespace gatehouse
