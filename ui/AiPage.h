#pragma once

#include <functional>

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QPointer>

#include "ConsolePage.h"

class QComboBox;
class QLabel;
class QPushButton;
class QTabWidget;
class QTableView;
class QTableWidget;

namespace gatehouse {

class AiAliasDialog;
class AiBudgetDialog;
class AiConnectionDialog;
class JsonTableModel;

// AI: the LLM provider connections (services of type `ai`) with a health check, the model
// aliases of the OpenAI-compatible endpoint, spending budgets with spend against the limit and
// a month-end projection, and each connection's usage. One tab each; the dialogs that edit a
// record are classes of their own.
class AiPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit AiPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("AI"); }
    QString iconName() const override { return QStringLiteral("ai"); }
    void refresh() override;

    QTabWidget *tabs() const { return m_tabs; }
    // The stored AI connections, aliases and budgets (with their spend) as last loaded.
    const QJsonArray &connections() const { return m_connections; }
    const QJsonArray &aliases() const { return m_aliases; }
    const QJsonArray &budgets() const { return m_budgets; }
    QTableWidget *budgetTable() const { return m_budgetTable; }
    QString healthText() const;
    QString usageText() const;
    JsonTableModel *usageByModel() const { return m_usageModel; }

public Q_SLOTS:
    AiConnectionDialog *newConnection();
    AiConnectionDialog *editConnection(const QString &name);
    void checkHealth(const QString &name);
    AiAliasDialog *newAlias();
    AiAliasDialog *editAlias(qint64 id);
    void removeAlias(qint64 id);
    AiBudgetDialog *newBudget();
    AiBudgetDialog *editBudget(qint64 id);
    void removeBudget(qint64 id);
    void loadUsage();

Q_SIGNALS:
    void healthChecked(bool ok);
    void usageLoaded();
    void removed();

private:
    QWidget *createConnectionsTab();
    QWidget *createAliasesTab();
    QWidget *createBudgetsTab();
    QWidget *createUsageTab();
    void loadConnections(std::function<void()> done);
    void loadAliases(std::function<void()> done);
    void loadBudgets(std::function<void()> done);
    void loadTargetNames(std::function<void()> done);
    void showBudgets();
    QString targetName(const QString &dimension, qint64 id) const;
    QString connectionName(qint64 id) const;
    QString selectedConnection() const;
    qint64 selectedId(QTableView *view, JsonTableModel *model) const;
    void remove(const QString &path, const QString &what);
    template <typename Dialog>
    Dialog *openDialog(Dialog *dialog);

    QTabWidget *m_tabs;
    QTableView *m_connectionView;
    JsonTableModel *m_connectionModel;
    QLabel *m_health;
    QTableView *m_aliasView;
    JsonTableModel *m_aliasModel;
    QTableWidget *m_budgetTable;
    QComboBox *m_usageConnection;
    QComboBox *m_usagePeriod;
    QLabel *m_usageTotals;
    JsonTableModel *m_usageModel;
    QJsonArray m_connections;
    QJsonArray m_aliases;
    QJsonArray m_budgets;
    QHash<QString, QHash<qint64, QString>> m_targetNames; // user/role/app id -> name
    QString m_asOf;                                       // the engine's clock when the spend was read
    QPointer<QObject> m_healthCall;
    QPointer<QObject> m_usageCall;
    QPointer<QDialog> m_dialog;
};
} // namespace gatehouse
