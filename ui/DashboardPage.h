#pragma once

#include <memory>

#include <QJsonObject>
#include <QTimer>

#include "ConsolePage.h"

class QCheckBox;
class QComboBox;
class QLabel;
class QTableView;
class QVBoxLayout;

namespace gatehouse {

class JsonTableModel;
class MetricsChart;

// Dashboard: traffic, errors and latency over a chosen time range, the busiest services and
// users, AI spend against the budgets and tokens by model, from GET /system/metrics. While
// visible it re-fetches every kLiveMs so the numbers follow the gateway.
class DashboardPage : public ConsolePage
{
    Q_OBJECT
public:
    static constexpr int kLiveMs = 15000;

    explicit DashboardPage(GatehouseClient *client, QWidget *parent = nullptr);
    ~DashboardPage() override;

    QString title() const override { return tr("Dashboard"); }
    QString iconName() const override { return QStringLiteral("dashboard"); }
    void refresh() override;

    // The last metrics shown (tests read the numbers the page drew).
    QJsonObject metrics() const { return m_metrics; }
    bool isLive() const { return m_timer.isActive(); }
    QString range() const;

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void showMetrics(const QJsonObject &metrics);
    void showBudgets(const QJsonArray &budgets);
    void updateTimer();

    QComboBox *m_range;
    QCheckBox *m_live;
    QLabel *m_total;
    QLabel *m_errorRate;
    QLabel *m_latency;
    QLabel *m_aiCost;
    MetricsChart *m_traffic;
    MetricsChart *m_latencyChart;
    MetricsChart *m_tokens;
    QTableView *m_servicesView;
    QTableView *m_usersView;
    JsonTableModel *m_services;
    JsonTableModel *m_users;
    QWidget *m_budgetBox;
    QVBoxLayout *m_budgetLayout;
    QTimer m_timer;
    std::unique_ptr<QObject> m_call;
    QJsonObject m_metrics;
};
} // namespace gatehouse
