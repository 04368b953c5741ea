#pragma once

#include <QHash>
#include <QPointer>

#include "ConsolePage.h"

class QPushButton;

namespace gatehouse {

class LimitEditorDialog;
class PagedRecordList;

// The Limits page: rate limits (/system/limit) with their current counters from
// /system/limit_cache (used and remaining in the current window; each-user limits add up their
// users' counters), create/edit/delete, and Reset for one limit or for all.
class LimitsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit LimitsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Limits"); }
    QString iconName() const override { return QStringLiteral("limits"); }
    void refresh() override;

    LimitEditorDialog *createLimit();
    LimitEditorDialog *editLimit();
    void deleteLimit();
    void resetLimit();
    void resetAll();
    // Reloads the counters only.
    void refreshCounters();
    bool selectLimit(const QString &name);
    PagedRecordList *list() const { return m_list; }
    LimitEditorDialog *editor() const;

Q_SIGNALS:
    void countersLoaded();
    void actionFinished();

private:
    struct Counter
    {
        qint64 used = 0;
        qint64 remaining = 0;
        qint64 resetAt = 0; // epoch second; 0: no window open
        int users = 0;      // entries merged (each-user limits)
    };
    void applyCounters();
    void updateButtons();
    LimitEditorDialog *openEditor(const QJsonObject &limit);

    PagedRecordList *m_list;
    QPushButton *m_edit;
    QPushButton *m_delete;
    QPushButton *m_reset;
    QHash<qint64, Counter> m_counters;
    QPointer<LimitEditorDialog> m_editor;
    QPointer<QObject> m_countersRequest;
};
} // namespace gatehouse
