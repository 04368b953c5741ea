#include "RwsRuleTable.h"

#include <QHeaderView>
#include <QJsonObject>
#include <QPushButton>
#include <QTableWidget>

#include "JsonText.h"
#include "TableRowControls.h"

namespace gatehouse {
namespace {
const char *const kVerbs[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
constexpr int kVerbCount = 5;

QTableWidgetItem *checkItem(bool checked, const QString &accessibleName)
{
    auto *item = new QTableWidgetItem;
    item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
    item->setCheckState(checked ? Qt::Checked : Qt::Unchecked);
    item->setData(Qt::AccessibleTextRole, accessibleName);
    return item;
}

QString cellText(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item ? item->text().trimmed() : QString();
}

bool cellChecked(const QTableWidget *table, int row, int column)
{
    const QTableWidgetItem *item = table->item(row, column);
    return item && item->checkState() == Qt::Checked;
}
} // namespace

RwsRuleTable::RwsRuleTable(Kind kind, QWidget *parent)
    : QWidget(parent)
    , m_kind(kind)
    , m_table(new QTableWidget(this))
{
    QStringList headers{tr("Name"), tr("Value")};
    if (kind == Kind::Parameters)
        headers << tr("Exclude") << tr("Outbound") << tr("Cache key");
    else
        headers << tr("Pass from client");
    for (const char *verb : kVerbs)
        headers << QString::fromLatin1(verb);
    m_table->setColumnCount(int(headers.size()));
    m_table->setHorizontalHeaderLabels(headers);
    if (kind == Kind::Parameters) {
        m_table->horizontalHeaderItem(2)->setToolTip(
            tr("Remove the client's parameter of this name from the outbound call."));
        m_table->horizontalHeaderItem(3)->setToolTip(
            tr("Send this parameter to the remote service (the value may use lookups such as {api_key})."));
        m_table->horizontalHeaderItem(4)->setToolTip(
            tr("Make this parameter part of the response cache key."));
    } else {
        m_table->horizontalHeaderItem(2)->setToolTip(
            tr("Copy the client's header of this name instead of sending a fixed value."));
    }
    for (int verb = 0; verb < kVerbCount; ++verb)
        m_table->horizontalHeaderItem(verbColumn(verb))
            ->setToolTip(tr("The rule applies to %1 requests.").arg(QString::fromLatin1(kVerbs[verb])));
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_table->setTabKeyNavigation(false);
    m_table->setMinimumHeight(100);
    m_table->verticalHeader()->hide();
    auto *add = new QPushButton(kind == Kind::Parameters ? tr("Add parameter") : tr("Add header"), this);
    auto *remove =
        new QPushButton(kind == Kind::Parameters ? tr("Remove parameter") : tr("Remove header"), this);
    add->setObjectName(QStringLiteral("addRule"));
    remove->setObjectName(QStringLiteral("removeRule"));
    TableRowControls::install(this, m_table, add, remove, [this] { addRule(); });
    // Removing a row drops its kept keys too.
    connect(m_table->model(), &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                if (first >= 0 && last < m_extra.size())
                    m_extra.remove(first, last - first + 1);
            });
}

QStringList RwsRuleTable::flagKeys() const
{
    return m_kind == Kind::Parameters ? QStringList{QStringLiteral("exclude"), QStringLiteral("outbound"),
                                                    QStringLiteral("cache_key")}
                                      : QStringList{QStringLiteral("pass_from_client")};
}

void RwsRuleTable::addRule(const QJsonObject &rule)
{
    const int row = m_table->rowCount();
    m_extra.insert(row, rule);
    m_table->insertRow(row);
    const QString name = rule.value(QLatin1String("name")).toString();
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    const QJsonValue value = rule.value(QLatin1String("value"));
    m_table->setItem(row, 1, new QTableWidgetItem(JsonText::scalar(value)));
    const QStringList flags = flagKeys();
    // A new parameter is sent out (outbound) by default: that is what adding one is for.
    const bool isNew = rule.isEmpty();
    for (int i = 0; i < flags.size(); ++i) {
        const bool def = isNew && flags.at(i) == QLatin1String("outbound");
        m_table->setItem(
            row, 2 + i,
            checkItem(rule.value(flags.at(i)).toBool(def), m_table->horizontalHeaderItem(2 + i)->text()));
    }
    // No action means every verb (DF's default mask is all verbs).
    const int mask =
        rule.contains(QLatin1String("action")) ? rule.value(QLatin1String("action")).toInt() : kAllVerbs;
    for (int verb = 0; verb < kVerbCount; ++verb)
        m_table->setItem(row, verbColumn(verb),
                         checkItem(mask & (1 << verb), QString::fromLatin1(kVerbs[verb])));
}

void RwsRuleTable::setRules(const QJsonArray &rules)
{
    m_table->setRowCount(0);
    m_extra.clear();
    for (const QJsonValue &rule : rules)
        addRule(rule.toObject());
}

QJsonArray RwsRuleTable::rules() const
{
    QJsonArray out;
    const QStringList flags = flagKeys();
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, 0);
        const QString value = cellText(m_table, row, 1);
        if (name.isEmpty() && value.isEmpty())
            continue;
        QJsonObject rule = row < m_extra.size() ? m_extra.at(row) : QJsonObject();
        rule.insert(QStringLiteral("name"), name);
        rule.insert(QStringLiteral("value"), value);
        for (int i = 0; i < flags.size(); ++i)
            rule.insert(flags.at(i), cellChecked(m_table, row, 2 + i));
        int mask = 0;
        for (int verb = 0; verb < kVerbCount; ++verb)
            if (cellChecked(m_table, row, verbColumn(verb)))
                mask |= 1 << verb;
        rule.insert(QStringLiteral("action"), mask);
        out.append(rule);
    }
    return out;
}

QStringList RwsRuleTable::validate(const QString &what) const
{
    QStringList problems;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = cellText(m_table, row, 0);
        const QString value = cellText(m_table, row, 1);
        if (name.isEmpty() && value.isEmpty())
            continue;
        if (name.isEmpty())
            problems << tr("%1, row %2 needs a name.").arg(what).arg(row + 1);
        bool anyVerb = false;
        for (int verb = 0; verb < kVerbCount; ++verb)
            anyVerb = anyVerb || cellChecked(m_table, row, verbColumn(verb));
        if (!anyVerb)
            problems << tr("%1, row %2 applies to no verb: tick at least one.").arg(what).arg(row + 1);
    }
    return problems;
}
} // namespace gatehouse
