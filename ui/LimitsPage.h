#pragma once

#include <QHash>
#include <QPointer>

#include "RecordListPage.h"

class QPushButton;

namespace gatehouse {

class LimitEditorDialog;

// The Limits page: rate limits (/system/limit) with their current counters from
// /system/limit_cache (used and remaining in the current window; each-user limits add up their
// users' counters), create/edit/delete, and Reset for one limit or for all.
class LimitsPage : public RecordListPage
{
    Q_OBJECT
public:
    explicit LimitsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Limits"); }
    QString iconName() const override { return QStringLiteral("limits"); }
    void refresh() override;

    LimitEditorDialog *createLimit();
    LimitEditorDialog *editLimit();
    void deleteLimit() { deleteCurrent(); }
    void resetLimit();
    void resetAll();
    // Reloads the counters only.
    void refreshCounters();
    bool selectLimit(const QString &name) { return selectRecord(name); }
    LimitEditorDialog *editor() const;

Q_SIGNALS:
    void countersLoaded();

protected:
    QDialog *makeEditor(const QJsonObject &limit) override;
    DeleteTexts deleteTexts() const override;
    void updateExtraButtons(const QJsonObject &limit) override;
    void pageArrived(const ApiReply &reply) override;

private:
    struct Counter
    {
        qint64 used = 0;
        qint64 remaining = 0;
        qint64 resetAt = 0; // epoch second; 0: no window open
        int users = 0;      // entries merged (each-user limits)
    };
    void applyCounters();

    QPushButton *m_reset;
    QHash<qint64, Counter> m_counters;
    QPointer<QObject> m_countersRequest;
};
} // namespace gatehouse
