#include "AiPage.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLocale>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QVBoxLayout>

#include "AiAliasDialog.h"
#include "AiBudgetDialog.h"
#include "AiConnectionDialog.h"
#include "BudgetProjection.h"
#include "JsonTableModel.h"
#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
QTableView *recordView(JsonTableModel *model, const QString &name, const QString &accessibleName,
                       QWidget *parent)
{
    auto *view = new QTableView(parent);
    view->setObjectName(name);
    view->setAccessibleName(accessibleName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setTabKeyNavigation(false);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    return view;
}

QPushButton *button(const QString &text, const QString &name, QWidget *parent)
{
    auto *result = new QPushButton(text, parent);
    result->setObjectName(name);
    return result;
}

QString money(double value)
{
    return QLocale().toString(value, 'f', 2);
}

qint64 idOf(const QJsonObject &record)
{
    return record.value(QLatin1String("id")).toVariant().toLongLong();
}
} // namespace

AiPage::AiPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_tabs(new QTabWidget(this))
    , m_connectionModel(new JsonTableModel({{QStringLiteral("name"), tr("Name")},
                                            {QStringLiteral("label"), tr("Label")},
                                            {QStringLiteral("config.provider"), tr("Provider")},
                                            {QStringLiteral("config.default_model"), tr("Default model")},
                                            {QStringLiteral("is_active"), tr("Active")}},
                                           this))
    , m_health(new QLabel(this))
    , m_aliasModel(new JsonTableModel({{QStringLiteral("alias"), tr("Alias")},
                                       {QStringLiteral("service_name"), tr("AI connection")},
                                       {QStringLiteral("model"), tr("Model")}},
                                      this))
    , m_budgetTable(new QTableWidget(0, 6, this))
    , m_usageConnection(new QComboBox(this))
    , m_usagePeriod(new QComboBox(this))
    , m_usageTotals(new QLabel(this))
    , m_usageModel(new JsonTableModel({{QStringLiteral("model"), tr("Model")},
                                       {QStringLiteral("requests"), tr("Requests")},
                                       {QStringLiteral("input_tokens"), tr("Input tokens")},
                                       {QStringLiteral("output_tokens"), tr("Output tokens")},
                                       {QStringLiteral("cost"), tr("Cost")},
                                       {QStringLiteral("errors"), tr("Errors")}},
                                      this))
{
    m_tabs->setObjectName(QStringLiteral("aiTabs"));
    m_tabs->setAccessibleName(tr("AI sections"));
    m_tabs->addTab(createConnectionsTab(), tr("&Connections"));
    m_tabs->addTab(createAliasesTab(), tr("Model &aliases"));
    m_tabs->addTab(createBudgetsTab(), tr("&Budgets"));
    m_tabs->addTab(createUsageTab(), tr("&Usage"));
    contentLayout()->addWidget(m_tabs);
    connect(m_tabs, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_tabs->widget(index) == m_usageTotals->parentWidget())
            loadUsage();
    });
}

QWidget *AiPage::createConnectionsTab()
{
    auto *tab = new QWidget(this);
    m_connectionView =
        recordView(m_connectionModel, QStringLiteral("connections"), tr("AI connections"), tab);
    auto *create = button(tr("&New connection…"), QStringLiteral("newConnection"), tab);
    auto *edit = button(tr("&Edit…"), QStringLiteral("editConnection"), tab);
    auto *health = button(tr("&Health check"), QStringLiteral("healthCheck"), tab);
    auto *remove = button(tr("&Delete"), QStringLiteral("deleteConnection"), tab);
    health->setToolTip(tr("Asks the provider for its model list through this connection."));
    m_health->setObjectName(QStringLiteral("healthResult"));
    m_health->setWordWrap(true);
    m_health->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_health->setAccessibleName(tr("Health check result"));

    connect(create, &QPushButton::clicked, this, &AiPage::newConnection);
    connect(edit, &QPushButton::clicked, this, [this] {
        if (!selectedConnection().isEmpty())
            editConnection(selectedConnection());
    });
    connect(m_connectionView, &QTableView::activated, this, [this] { editConnection(selectedConnection()); });
    connect(health, &QPushButton::clicked, this, [this] {
        if (!selectedConnection().isEmpty())
            checkHealth(selectedConnection());
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QString name = selectedConnection();
        const qint64 id = selectedId(m_connectionView, m_connectionModel);
        if (id && QMessageBox::question(
                      this, tr("Delete AI connection"),
                      tr("Delete the AI connection \"%1\"? Clients using it will fail.").arg(name)) ==
                      QMessageBox::Yes)
            this->remove(QStringLiteral("system/service/%1").arg(id),
                         tr("The connection could not be deleted"));
    });

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(edit);
    buttons->addWidget(health);
    buttons->addStretch();
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_connectionView);
    layout->addLayout(buttons);
    layout->addWidget(m_health);
    return tab;
}

QWidget *AiPage::createAliasesTab()
{
    auto *tab = new QWidget(this);
    m_aliasView = recordView(m_aliasModel, QStringLiteral("aliases"), tr("Model aliases"), tab);
    auto *explanation = new QLabel(
        tr("Clients of the OpenAI-compatible endpoint (/api/v2/_ai/v1) send an alias as \"model\"; "
           "it is routed to the connection and model below."),
        tab);
    explanation->setWordWrap(true);
    auto *create = button(tr("&New alias…"), QStringLiteral("newAlias"), tab);
    auto *edit = button(tr("&Edit…"), QStringLiteral("editAlias"), tab);
    auto *remove = button(tr("&Delete"), QStringLiteral("deleteAlias"), tab);
    connect(create, &QPushButton::clicked, this, &AiPage::newAlias);
    auto editSelected = [this] {
        if (const qint64 id = selectedId(m_aliasView, m_aliasModel))
            editAlias(id);
    };
    connect(edit, &QPushButton::clicked, this, editSelected);
    connect(m_aliasView, &QTableView::activated, this, editSelected);
    connect(remove, &QPushButton::clicked, this, [this] {
        const qint64 id = selectedId(m_aliasView, m_aliasModel);
        if (id && QMessageBox::question(this, tr("Delete model alias"),
                                        tr("Delete the selected model alias?")) == QMessageBox::Yes)
            removeAlias(id);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(edit);
    buttons->addStretch();
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(explanation);
    layout->addWidget(m_aliasView);
    layout->addLayout(buttons);
    return tab;
}

QWidget *AiPage::createBudgetsTab()
{
    auto *tab = new QWidget(this);
    m_budgetTable->setObjectName(QStringLiteral("budgets"));
    m_budgetTable->setAccessibleName(tr("AI budgets"));
    m_budgetTable->setHorizontalHeaderLabels({tr("Name"), tr("Applies to"), tr("Period"),
                                              tr("Spent this period"), tr("Projected month-end"),
                                              tr("Hard stop")});
    m_budgetTable->horizontalHeader()->setSectionResizeMode(3, QHeaderView::Stretch);
    m_budgetTable->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_budgetTable->setSelectionMode(QAbstractItemView::SingleSelection);
    m_budgetTable->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_budgetTable->setTabKeyNavigation(false);
    m_budgetTable->verticalHeader()->hide();
    auto *note = new QLabel(
        tr("Spend is what the usage log holds for the budget's current period (UTC). The projected "
           "month-end spend assumes the rest of the month continues at the average rate so far; it "
           "is shown for monthly budgets once an hour of the month has passed."),
        tab);
    note->setObjectName(QStringLiteral("projectionNote"));
    note->setWordWrap(true);
    auto *create = button(tr("&New budget…"), QStringLiteral("newBudget"), tab);
    auto *edit = button(tr("&Edit…"), QStringLiteral("editBudget"), tab);
    auto *remove = button(tr("&Delete"), QStringLiteral("deleteBudget"), tab);
    auto selected = [this]() -> qint64 {
        const int row = m_budgetTable->currentRow();
        return row >= 0 && row < m_budgets.size() ? idOf(m_budgets.at(row).toObject()) : 0;
    };
    connect(create, &QPushButton::clicked, this, &AiPage::newBudget);
    connect(edit, &QPushButton::clicked, this, [this, selected] {
        if (const qint64 id = selected())
            editBudget(id);
    });
    connect(m_budgetTable, &QTableWidget::cellActivated, this, [this, selected] {
        if (const qint64 id = selected())
            editBudget(id);
    });
    connect(remove, &QPushButton::clicked, this, [this, selected] {
        const qint64 id = selected();
        if (id && QMessageBox::question(this, tr("Delete AI budget"), tr("Delete the selected budget?")) ==
                      QMessageBox::Yes)
            removeBudget(id);
    });
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(create);
    buttons->addWidget(edit);
    buttons->addStretch();
    buttons->addWidget(remove);
    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_budgetTable);
    layout->addWidget(note);
    layout->addLayout(buttons);
    return tab;
}

QWidget *AiPage::createUsageTab()
{
    auto *tab = new QWidget(this);
    m_usageConnection->setObjectName(QStringLiteral("usageConnection"));
    m_usageConnection->setAccessibleName(tr("AI connection"));
    m_usagePeriod->setObjectName(QStringLiteral("usagePeriod"));
    m_usagePeriod->setAccessibleName(tr("Period"));
    m_usagePeriod->addItem(tr("Last 24 hours"), QStringLiteral("24h"));
    m_usagePeriod->addItem(tr("Last 7 days"), QStringLiteral("7d"));
    m_usagePeriod->addItem(tr("Last 30 days"), QStringLiteral("30d"));
    m_usagePeriod->addItem(tr("Last 90 days"), QStringLiteral("90d"));
    m_usagePeriod->setCurrentIndex(1);
    m_usageTotals->setObjectName(QStringLiteral("usageTotals"));
    m_usageTotals->setWordWrap(true);
    m_usageTotals->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    auto *load = button(tr("&Show usage"), QStringLiteral("loadUsage"), tab);
    auto *view = recordView(m_usageModel, QStringLiteral("usageByModel"), tr("Usage by model"), tab);
    connect(load, &QPushButton::clicked, this, &AiPage::loadUsage);
    connect(m_usageConnection, &QComboBox::activated, this, &AiPage::loadUsage);
    connect(m_usagePeriod, &QComboBox::activated, this, &AiPage::loadUsage);

    auto *form = new QFormLayout;
    auto *connectionLabel = new QLabel(tr("C&onnection:"), tab);
    connectionLabel->setBuddy(m_usageConnection);
    auto *periodLabel = new QLabel(tr("&Period:"), tab);
    periodLabel->setBuddy(m_usagePeriod);
    form->addRow(connectionLabel, m_usageConnection);
    form->addRow(periodLabel, m_usagePeriod);
    auto *layout = new QVBoxLayout(tab);
    layout->addLayout(form);
    layout->addWidget(load, 0, Qt::AlignLeft);
    layout->addWidget(m_usageTotals);
    layout->addWidget(view);
    return tab;
}

void AiPage::refresh()
{
    // Three lists in parallel; the page has refreshed when the last one is in.
    auto pending = std::make_shared<int>(3);
    auto finished = [this, pending] {
        if (--*pending == 0)
            Q_EMIT refreshed();
    };
    messageBar()->clear();
    loadConnections([this, finished] {
        // Alias rows show the connection's name, so they wait for the connections.
        loadAliases(finished);
        finished();
    });
    loadBudgets(finished);
}

void AiPage::loadConnections(std::function<void()> done)
{
    client()->send("GET", QStringLiteral("system/service?fields=*&filter=type%3D'ai'&order=name"),
                   QJsonValue(), this, [this, done](const ApiReply &reply) {
                       if (checkReply(reply, tr("The AI connections could not be loaded"))) {
                           m_connections = reply.body.toObject().value(QLatin1String("resource")).toArray();
                           m_connectionModel->setRows(m_connections);
                           const QString current = m_usageConnection->currentText();
                           m_usageConnection->clear();
                           for (const QJsonValue &row : std::as_const(m_connections))
                               m_usageConnection->addItem(
                                   row.toObject().value(QLatin1String("name")).toString());
                           m_usageConnection->setCurrentIndex(qMax(0, m_usageConnection->findText(current)));
                       }
                       done();
                   });
}

void AiPage::loadAliases(std::function<void()> done)
{
    client()->send(
        "GET", QStringLiteral("system/ai_alias?order=alias"), QJsonValue(), this,
        [this, done](const ApiReply &reply) {
            if (checkReply(reply, tr("The model aliases could not be loaded"))) {
                QJsonArray rows;
                for (const QJsonValue &row :
                     reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                    QJsonObject record = row.toObject();
                    record.insert(
                        QStringLiteral("service_name"),
                        connectionName(record.value(QLatin1String("service_id")).toVariant().toLongLong()));
                    rows.append(record);
                }
                m_aliases = rows;
                m_aliasModel->setRows(rows);
            }
            done();
        });
}

void AiPage::loadBudgets(std::function<void()> done)
{
    // The budgets with their current period's spend (engine: ai_budget/_spend).
    client()->send("GET", QStringLiteral("system/ai_budget/_spend"), QJsonValue(), this,
                   [this, done](const ApiReply &reply) {
                       if (checkReply(reply, tr("The AI budgets could not be loaded"))) {
                           const QJsonObject body = reply.body.toObject();
                           m_budgets = body.value(QLatin1String("resource")).toArray();
                           m_asOf = body.value(QLatin1String("as_of")).toString();
                           showBudgets();
                           loadTargetNames(done);
                           return;
                       }
                       done();
                   });
}

void AiPage::loadTargetNames(std::function<void()> done)
{
    // Budgets name their user, role or app by id: one lookup per dimension for the ids in use.
    QHash<QString, QStringList> ids;
    for (const QJsonValue &value : std::as_const(m_budgets)) {
        const QJsonObject budget = value.toObject();
        const QString dimension = budget.value(QLatin1String("dimension")).toString();
        if (dimension == QLatin1String("user") || dimension == QLatin1String("role") ||
            dimension == QLatin1String("app"))
            ids[dimension] << QString::number(
                budget.value(QLatin1String("target_id")).toVariant().toLongLong());
    }
    if (ids.isEmpty()) {
        done();
        return;
    }
    auto pending = std::make_shared<int>(int(ids.size()));
    for (auto it = ids.begin(); it != ids.end(); ++it) {
        const QString dimension = it.key();
        const QString labelKey =
            dimension == QLatin1String("user") ? QStringLiteral("email") : QStringLiteral("name");
        it.value().removeDuplicates();
        client()->send("GET",
                       QStringLiteral("system/%1?ids=%2&fields=id,%3")
                           .arg(dimension, it.value().join(QLatin1Char(',')), labelKey),
                       QJsonValue(), this, [this, dimension, labelKey, pending, done](const ApiReply &reply) {
                           // Without names the ids stay: not worth an error of its own.
                           for (const QJsonValue &row :
                                reply.body.toObject().value(QLatin1String("resource")).toArray())
                               m_targetNames[dimension].insert(idOf(row.toObject()),
                                                               row.toObject().value(labelKey).toString());
                           if (--*pending == 0) {
                               showBudgets();
                               done();
                           }
                       });
    }
}

QString AiPage::targetName(const QString &dimension, qint64 id) const
{
    if (dimension == QLatin1String("service"))
        return connectionName(id);
    const QString name = m_targetNames.value(dimension).value(id);
    return name.isEmpty() ? QString::number(id) : name;
}

void AiPage::showBudgets()
{
    m_budgetTable->setRowCount(0);
    const QDateTime now = BudgetProjection::parseTime(m_asOf);
    for (const QJsonValue &value : std::as_const(m_budgets)) {
        const QJsonObject budget = value.toObject();
        const int row = m_budgetTable->rowCount();
        m_budgetTable->insertRow(row);
        const QString dimension = budget.value(QLatin1String("dimension")).toString();
        const qint64 target = budget.value(QLatin1String("target_id")).toVariant().toLongLong();
        QString appliesTo;
        if (dimension == QLatin1String("global"))
            appliesTo = tr("Everything");
        else if (dimension == QLatin1String("service"))
            appliesTo = tr("Connection %1").arg(targetName(dimension, target));
        else if (dimension == QLatin1String("user"))
            appliesTo = tr("User %1").arg(targetName(dimension, target));
        else if (dimension == QLatin1String("role"))
            appliesTo = tr("Role %1").arg(targetName(dimension, target));
        else
            appliesTo = tr("App %1").arg(targetName(dimension, target));
        const QString period = budget.value(QLatin1String("period")).toString();
        const QString periodText = period == QLatin1String("hourly")  ? tr("Hourly")
                                   : period == QLatin1String("daily") ? tr("Daily")
                                                                      : tr("Monthly");
        QString name = budget.value(QLatin1String("name")).toString();
        if (!budget.value(QLatin1String("is_active")).toBool(true))
            name = tr("%1 (inactive)").arg(name);
        m_budgetTable->setItem(row, 0, new QTableWidgetItem(name));
        m_budgetTable->setItem(row, 1, new QTableWidgetItem(appliesTo));
        m_budgetTable->setItem(row, 2, new QTableWidgetItem(periodText));

        const double spent = budget.value(QLatin1String("spent")).toDouble();
        const double limit = budget.value(QLatin1String("limit_amount")).toDouble();
        const double share = limit > 0 ? spent / limit : 0;
        auto *bar = new QProgressBar(m_budgetTable);
        bar->setObjectName(QStringLiteral("spend:%1").arg(budget.value(QLatin1String("name")).toString()));
        bar->setRange(0, 1000);
        bar->setValue(int(qBound(0.0, share, 1.0) * 1000));
        const QString spendText =
            tr("%1 of %2 (%3 %)").arg(money(spent), money(limit), QLocale().toString(share * 100, 'f', 0));
        bar->setFormat(spendText);
        bar->setAccessibleName(tr("Spent this period"));
        bar->setAccessibleDescription(spendText);
        bar->setToolTip(tr("Period %1 to %2 (UTC)")
                            .arg(budget.value(QLatin1String("period_start")).toString(),
                                 budget.value(QLatin1String("period_end")).toString()));
        m_budgetTable->setItem(row, 3, new QTableWidgetItem(spendText)); // for copy and screen readers
        m_budgetTable->setCellWidget(row, 3, bar);

        QString projection = tr("—");
        QString projectionTip = tr("Projected for monthly budgets only.");
        if (period == QLatin1String("monthly")) {
            const auto projected = BudgetProjection::linear(
                spent, BudgetProjection::parseTime(budget.value(QLatin1String("period_start")).toString()),
                BudgetProjection::parseTime(budget.value(QLatin1String("period_end")).toString()), now);
            if (projected) {
                projection = money(*projected);
                projectionTip = *projected > limit
                                    ? tr("At this rate the budget runs out before the month ends.")
                                    : tr("At this rate the budget lasts the month.");
            } else {
                projectionTip = tr("Too early in the month to project.");
            }
        }
        auto *projectionItem = new QTableWidgetItem(projection);
        projectionItem->setToolTip(projectionTip);
        m_budgetTable->setItem(row, 4, projectionItem);
        m_budgetTable->setItem(row, 5,
                               new QTableWidgetItem(budget.value(QLatin1String("hard_stop")).toBool(true)
                                                        ? tr("yes")
                                                        : tr("alert only")));
    }
    m_budgetTable->resizeColumnsToContents();
}

QString AiPage::connectionName(qint64 id) const
{
    for (const QJsonValue &row : m_connections)
        if (idOf(row.toObject()) == id)
            return row.toObject().value(QLatin1String("name")).toString();
    return QString::number(id);
}

QString AiPage::selectedConnection() const
{
    const QModelIndex index = m_connectionView->currentIndex();
    return index.isValid() ? m_connectionModel->record(index.row()).value(QLatin1String("name")).toString()
                           : QString();
}

qint64 AiPage::selectedId(QTableView *view, JsonTableModel *model) const
{
    const QModelIndex index = view->currentIndex();
    return index.isValid() ? idOf(model->record(index.row())) : 0;
}

template <typename Dialog>
Dialog *AiPage::openDialog(Dialog *dialog)
{
    if (m_dialog)
        m_dialog->close();
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &Dialog::saved, this, &AiPage::refresh);
    m_dialog = dialog;
    dialog->open();
    return dialog;
}

AiConnectionDialog *AiPage::newConnection()
{
    ServiceDefinition service;
    service.type = QStringLiteral("ai");
    return openDialog(new AiConnectionDialog(client(), service, this));
}

AiConnectionDialog *AiPage::editConnection(const QString &name)
{
    for (const QJsonValue &row : std::as_const(m_connections))
        if (row.toObject().value(QLatin1String("name")).toString() == name)
            return openDialog(
                new AiConnectionDialog(client(), ServiceDefinition::fromJson(row.toObject()), this));
    return nullptr;
}

void AiPage::checkHealth(const QString &name)
{
    delete m_healthCall;
    m_healthCall = new QObject(this);
    m_health->setText(tr("Checking \"%1\"…").arg(name));
    client()->send(
        "GET", QStringLiteral("%1/health").arg(name), QJsonValue(), m_healthCall,
        [this, name](const ApiReply &reply) {
            const QJsonObject body = reply.body.toObject();
            const bool ok =
                reply.ok() && body.value(QLatin1String("status")).toString() == QLatin1String("ok");
            if (ok) {
                m_health->setText(tr("\"%1\" is healthy: %2 answered in %3 ms.")
                                      .arg(name, body.value(QLatin1String("provider")).toString())
                                      .arg(body.value(QLatin1String("latency_ms")).toVariant().toLongLong()));
            } else {
                // The health answer is not an error envelope: its own "error" says why.
                QString why = body.value(QLatin1String("error")).toString();
                if (why.isEmpty())
                    why = reply.errorMessage;
                if (body.contains(QLatin1String("upstream_status")))
                    why = tr("%1 (the provider answered %2)")
                              .arg(why)
                              .arg(body.value(QLatin1String("upstream_status")).toInt());
                m_health->setText(
                    reply.requestId.isEmpty()
                        ? tr("\"%1\" is not healthy: %2").arg(name, why)
                        : tr("\"%1\" is not healthy: %2 (request %3)").arg(name, why, reply.requestId));
            }
            Q_EMIT healthChecked(ok);
        });
}

QString AiPage::healthText() const
{
    return m_health->text();
}

QString AiPage::usageText() const
{
    return m_usageTotals->text();
}

AiAliasDialog *AiPage::newAlias()
{
    return editAlias(0);
}

AiAliasDialog *AiPage::editAlias(qint64 id)
{
    QList<QPair<qint64, QString>> connections;
    for (const QJsonValue &row : std::as_const(m_connections))
        connections.append({idOf(row.toObject()), row.toObject().value(QLatin1String("name")).toString()});
    QJsonObject alias;
    for (const QJsonValue &row : std::as_const(m_aliases))
        if (id && idOf(row.toObject()) == id)
            alias = row.toObject();
    return openDialog(new AiAliasDialog(client(), connections, alias, this));
}

void AiPage::removeAlias(qint64 id)
{
    remove(QStringLiteral("system/ai_alias/%1").arg(id), tr("The alias could not be deleted"));
}

AiBudgetDialog *AiPage::newBudget()
{
    return editBudget(0);
}

AiBudgetDialog *AiPage::editBudget(qint64 id)
{
    QJsonObject budget;
    for (const QJsonValue &row : std::as_const(m_budgets))
        if (id && idOf(row.toObject()) == id)
            budget = row.toObject();
    return openDialog(new AiBudgetDialog(client(), budget, this));
}

void AiPage::removeBudget(qint64 id)
{
    remove(QStringLiteral("system/ai_budget/%1").arg(id), tr("The budget could not be deleted"));
}

void AiPage::remove(const QString &path, const QString &what)
{
    client()->send("DELETE", path, QJsonValue(), this, [this, what](const ApiReply &reply) {
        if (checkReply(reply, what))
            refresh();
        Q_EMIT removed();
    });
}

void AiPage::loadUsage()
{
    const QString name = m_usageConnection->currentText();
    if (name.isEmpty()) {
        m_usageTotals->setText(tr("There is no AI connection yet."));
        Q_EMIT usageLoaded();
        return;
    }
    delete m_usageCall;
    m_usageCall = new QObject(this);
    m_usageTotals->setText(tr("Loading…"));
    client()->send(
        "GET", QStringLiteral("%1/usage?period=%2").arg(name, m_usagePeriod->currentData().toString()),
        QJsonValue(), m_usageCall, [this](const ApiReply &reply) {
            if (!checkReply(reply, tr("The usage could not be loaded"))) {
                m_usageTotals->clear();
                m_usageModel->setRows({});
                Q_EMIT usageLoaded();
                return;
            }
            const QJsonObject body = reply.body.toObject();
            const QJsonObject totals = body.value(QLatin1String("totals")).toObject();
            auto count = [&totals](const char *key) {
                return QLocale().toString(totals.value(QLatin1String(key)).toVariant().toLongLong());
            };
            m_usageTotals->setText(
                tr("Requests: %1 · Input tokens: %2 · Output tokens: %3 · Cost: %4 · Errors: %5")
                    .arg(count("requests"), count("input_tokens"), count("output_tokens"),
                         money(totals.value(QLatin1String("cost")).toDouble()), count("errors")));
            m_usageModel->setRows(body.value(QLatin1String("by_model")).toArray());
            Q_EMIT usageLoaded();
        });
}
} // namespace gatehouse
