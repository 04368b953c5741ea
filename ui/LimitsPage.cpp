#include "LimitsPage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QLocale>
#include <QPushButton>
#include <QTableView>

#include "Confirmation.h"
#include "LimitEditorDialog.h"
#include "MessageBar.h"
#include "PagedRecordList.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

LimitsPage::LimitsPage(GatehouseClient *client, QWidget *parent)
    : RecordListPage(client,
                     {{QStringLiteral("name"), tr("Name")},
                      {QStringLiteral("type"), tr("Type")},
                      {QStringLiteral("rate"), tr("Rate")},
                      {QStringLiteral("period"), tr("Per")},
                      {QStringLiteral("verb"), tr("Verb")},
                      {QStringLiteral("endpoint"), tr("Endpoint")},
                      {QStringLiteral("is_active"), tr("Active")},
                      {QStringLiteral("_used"), tr("Used")},
                      {QStringLiteral("_remaining"), tr("Remaining")},
                      {QStringLiteral("_reset"), tr("Resets at")}},
                     parent)
    , m_reset(new QPushButton(tr("Re&set counter"), this))
{
    auto *resetAllButton = new QPushButton(tr("Reset &all…"), this);
    resetAllButton->setObjectName(QStringLiteral("resetAll"));
    m_reset->setObjectName(QStringLiteral("reset"));
    connect(m_reset, &QPushButton::clicked, this, &LimitsPage::resetLimit);
    connect(resetAllButton, &QPushButton::clicked, this, &LimitsPage::resetAll);
    setUp({.objectName = QStringLiteral("limits"),
           .accessibleName = tr("Limits"),
           .searchFields = {QStringLiteral("name")},
           .resource = QStringLiteral("system/limit"),
           .query = QStringLiteral("order=name"),
           .nameField = QStringLiteral("name"),
           .newText = tr("&New limit…"),
           .newObjectName = QStringLiteral("newLimit"),
           .editText = tr("&Edit…"),
           .deleteText = tr("&Delete…"),
           .refreshText = tr("&Refresh"),
           .loadError = tr("The limits could not be loaded"),
           .buttonsAfterDelete = {m_reset, resetAllButton}});
}

LimitEditorDialog *LimitsPage::editor() const
{
    return static_cast<LimitEditorDialog *>(currentEditor());
}

void LimitsPage::refresh()
{
    RecordListPage::refresh();
    refreshCounters();
}

void LimitsPage::pageArrived(const ApiReply &reply)
{
    // The counters arrive separately and may come first; each new page gets them merged in.
    if (reply.ok())
        applyCounters();
}

void LimitsPage::refreshCounters()
{
    delete m_countersRequest;
    auto *request = new QObject(this);
    m_countersRequest = request;
    client()->send(
        "GET", QStringLiteral("system/limit_cache"), QJsonValue(), request,
        [this, request](const ApiReply &reply) {
            request->deleteLater();
            if (checkReply(reply, tr("The limit counters could not be loaded"))) {
                m_counters.clear();
                for (const QJsonValue &value :
                     reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                    const QJsonObject entry = value.toObject();
                    Counter &counter = m_counters[qint64(entry.value(QLatin1String("id")).toDouble())];
                    const qint64 remaining = qint64(entry.value(QLatin1String("remaining")).toDouble());
                    counter.used += qint64(entry.value(QLatin1String("attempts")).toDouble());
                    // Each-user limits: the window that ends first.
                    const qint64 reset = qint64(entry.value(QLatin1String("reset")).toDouble());
                    if (reset > 0 && (!counter.resetAt || reset < counter.resetAt))
                        counter.resetAt = reset;
                    // Each-user limits: the user closest to the limit.
                    counter.remaining = counter.users ? std::min(counter.remaining, remaining) : remaining;
                    ++counter.users;
                }
                applyCounters();
            }
            Q_EMIT countersLoaded();
        });
}

void LimitsPage::applyCounters()
{
    // The counters become columns of the records; the current row survives the reset.
    const int current = list()->view()->currentIndex().row();
    QJsonArray rows = list()->model()->records();
    for (qsizetype i = 0; i < rows.size(); ++i) {
        QJsonObject limit = rows.at(i).toObject();
        const auto counter = m_counters.constFind(qint64(limit.value(QLatin1String("id")).toDouble()));
        if (counter == m_counters.cend()) {
            limit.remove(QStringLiteral("_used"));
            limit.remove(QStringLiteral("_remaining"));
            limit.remove(QStringLiteral("_reset"));
        } else {
            limit.insert(QStringLiteral("_used"), double(counter->used));
            limit.insert(QStringLiteral("_remaining"), double(counter->remaining));
            if (counter->resetAt > 0)
                limit.insert(QStringLiteral("_reset"),
                             QLocale().toString(QDateTime::fromSecsSinceEpoch(counter->resetAt),
                                                QLocale::ShortFormat));
            else
                limit.remove(QStringLiteral("_reset"));
        }
        rows[i] = limit;
    }
    list()->model()->setRows(rows);
    if (current >= 0 && current < rows.size())
        list()->view()->setCurrentIndex(list()->model()->index(current, 0));
}

void LimitsPage::updateExtraButtons(const QJsonObject &limit)
{
    m_reset->setEnabled(!limit.isEmpty());
}

LimitEditorDialog *LimitsPage::createLimit()
{
    return static_cast<LimitEditorDialog *>(openEditor(QJsonObject()));
}

LimitEditorDialog *LimitsPage::editLimit()
{
    return static_cast<LimitEditorDialog *>(editCurrent());
}

QDialog *LimitsPage::makeEditor(const QJsonObject &limit)
{
    auto *editor = new LimitEditorDialog(client(), limit, this);
    connect(editor, &LimitEditorDialog::saved, this, &LimitsPage::refresh);
    return editor;
}

RecordListPage::DeleteTexts LimitsPage::deleteTexts() const
{
    return {tr("Delete limit"), tr("Delete the limit \"%1\"?"), tr("&Delete"),
            tr("The limit could not be deleted")};
}

void LimitsPage::resetLimit()
{
    const QJsonObject limit = list()->currentRecord();
    if (limit.isEmpty())
        return;
    const qint64 id = qint64(limit.value(QLatin1String("id")).toDouble());
    client()->send("DELETE", QStringLiteral("system/limit_cache/%1").arg(id), QJsonValue(), this,
                   [this](const ApiReply &reply) {
                       if (checkReply(reply, tr("The counter could not be reset")))
                           refreshCounters();
                       Q_EMIT actionFinished();
                   });
}

void LimitsPage::resetAll()
{
    Confirmation::ask(
        this, tr("Reset all counters"),
        tr("Reset the counters of every limit? Callers that are locked out now can call again at once."),
        tr("Reset &all"), [this] {
            client()->send("DELETE", QStringLiteral("system/limit_cache?allow_delete=true"), QJsonValue(),
                           this, [this](const ApiReply &reply) {
                               if (checkReply(reply, tr("The counters could not be reset")))
                                   refreshCounters();
                               Q_EMIT actionFinished();
                           });
        });
}
} // namespace gatehouse
