#pragma once

#include "ConsolePage.h"

class QTabWidget;

namespace gatehouse {

class LiveTailTab;
class LogTableTab;

// Logs: the audit trail, AI usage, AI prompts (each filtered, paged on demand, with a detail
// view and CSV export) and the engine's live log.
class LogsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit LogsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Logs"); }
    QString iconName() const override { return QStringLiteral("logs"); }
    // Reloads the three log tables with their current filters.
    void refresh() override;

    LogTableTab *auditTab() const { return m_audit; }
    LogTableTab *aiUsageTab() const { return m_aiUsage; }
    LogTableTab *aiPromptTab() const { return m_aiPrompts; }
    LiveTailTab *liveTailTab() const { return m_tail; }
    QTabWidget *tabs() const { return m_tabs; }

private:
    QTabWidget *m_tabs;
    LogTableTab *m_audit;
    LogTableTab *m_aiUsage;
    LogTableTab *m_aiPrompts;
    LiveTailTab *m_tail;
    int m_pending = 0;
};
} // namespace gatehouse
