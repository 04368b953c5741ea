#include "AiBudgetDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QUrl>
#include <QVBoxLayout>

#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}
} // namespace

AiBudgetDialog::AiBudgetDialog(GatehouseClient *client, const QJsonObject &budget, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(budget.value(QLatin1String("id")).toVariant().toLongLong())
    , m_initialTarget(budget.value(QLatin1String("target_id")).toVariant().toLongLong())
    , m_name(new QLineEdit(this))
    , m_dimension(new QComboBox(this))
    , m_target(new QComboBox(this))
    , m_period(new QComboBox(this))
    , m_limit(new QDoubleSpinBox(this))
    , m_hardStop(new QCheckBox(tr("&Hard stop: refuse calls that would go over the limit"), this))
    , m_webhook(new QLineEdit(this))
    , m_active(new QCheckBox(tr("Acti&ve"), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(m_id ? tr("Edit AI budget") : tr("New AI budget"));
    m_dimension->addItem(tr("Everything (global)"), QStringLiteral("global"));
    m_dimension->addItem(tr("AI connection"), QStringLiteral("service"));
    m_dimension->addItem(tr("User"), QStringLiteral("user"));
    m_dimension->addItem(tr("Role"), QStringLiteral("role"));
    m_dimension->addItem(tr("App"), QStringLiteral("app"));
    m_period->addItem(tr("Hourly"), QStringLiteral("hourly"));
    m_period->addItem(tr("Daily"), QStringLiteral("daily"));
    m_period->addItem(tr("Monthly"), QStringLiteral("monthly"));
    m_limit->setRange(0, 1e12);
    m_limit->setDecimals(2);

    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Budget name"));
    m_dimension->setObjectName(QStringLiteral("dimension"));
    m_dimension->setAccessibleName(tr("Budget applies to"));
    m_target->setObjectName(QStringLiteral("target"));
    m_target->setAccessibleName(tr("Which one"));
    m_period->setObjectName(QStringLiteral("period"));
    m_period->setAccessibleName(tr("Period"));
    m_limit->setObjectName(QStringLiteral("limit"));
    m_limit->setAccessibleName(tr("Limit"));
    m_hardStop->setObjectName(QStringLiteral("hard_stop"));
    m_webhook->setObjectName(QStringLiteral("webhook"));
    m_webhook->setAccessibleName(tr("Alert webhook URL"));
    m_webhook->setPlaceholderText(tr("optional: receives alerts at 50, 80 and 100 %"));
    m_active->setObjectName(QStringLiteral("is_active"));
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    m_name->setText(budget.value(QLatin1String("name")).toString());
    const int dimension = m_dimension->findData(budget.value(QLatin1String("dimension")).toString());
    m_dimension->setCurrentIndex(qMax(0, dimension));
    const int period = m_period->findData(budget.value(QLatin1String("period")).toString());
    m_period->setCurrentIndex(period >= 0 ? period : 2);
    m_limit->setValue(budget.value(QLatin1String("limit_amount")).toVariant().toDouble());
    m_hardStop->setChecked(budget.value(QLatin1String("hard_stop")).toBool(true));
    m_webhook->setText(budget.value(QLatin1String("alert_webhook_url")).toString());
    m_active->setChecked(budget.value(QLatin1String("is_active")).toBool(true));

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("&Name:"), m_name, this), m_name);
    form->addRow(buddyLabel(tr("&Applies to:"), m_dimension, this), m_dimension);
    form->addRow(buddyLabel(tr("&Which:"), m_target, this), m_target);
    form->addRow(buddyLabel(tr("&Period:"), m_period, this), m_period);
    form->addRow(buddyLabel(tr("&Limit:"), m_limit, this), m_limit);
    form->addRow(QString(), m_hardStop);
    form->addRow(buddyLabel(tr("Ale&rt webhook:"), m_webhook, this), m_webhook);
    form->addRow(QString(), m_active);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    m_saveButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &AiBudgetDialog::save);
    connect(m_dimension, &QComboBox::currentIndexChanged, this, &AiBudgetDialog::loadTargets);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    loadTargets();
}

void AiBudgetDialog::loadTargets()
{
    const QString dimension = m_dimension->currentData().toString();
    m_target->clear();
    delete m_targetCall;
    if (dimension == QLatin1String("global")) {
        m_target->setEnabled(false);
        Q_EMIT targetsLoaded();
        return;
    }
    m_target->setEnabled(true);
    QString path;
    QString labelKey = QStringLiteral("name");
    if (dimension == QLatin1String("service")) {
        path = QStringLiteral("system/service?fields=id,name&filter=type%3D'ai'&order=name");
    } else if (dimension == QLatin1String("user")) {
        path = QStringLiteral("system/user?fields=id,email&order=email&limit=1000");
        labelKey = QStringLiteral("email");
    } else {
        path = QStringLiteral("system/%1?fields=id,name&order=name&limit=1000").arg(dimension);
    }
    m_targetCall = new QObject(this);
    m_client->send("GET", path, QJsonValue(), m_targetCall, [this, labelKey](const ApiReply &reply) {
        if (!reply.ok()) {
            m_error->setText(tr("The list could not be loaded: %1").arg(reply.describeError()));
            m_error->show();
            Q_EMIT targetsLoaded();
            return;
        }
        for (const QJsonValue &row : reply.body.toObject().value(QLatin1String("resource")).toArray()) {
            const QJsonObject record = row.toObject();
            m_target->addItem(record.value(labelKey).toString(),
                              record.value(QLatin1String("id")).toVariant().toLongLong());
        }
        const int index = m_target->findData(m_initialTarget);
        if (index >= 0)
            m_target->setCurrentIndex(index);
        Q_EMIT targetsLoaded();
    });
}

QStringList AiBudgetDialog::validate() const
{
    QStringList problems;
    if (m_name->text().trimmed().isEmpty())
        problems << tr("Enter a name.");
    if (m_dimension->currentData().toString() != QLatin1String("global") && m_target->currentIndex() < 0)
        problems << tr("Choose what the budget applies to.");
    if (!(m_limit->value() > 0))
        problems << tr("The limit must be greater than 0.");
    const QString url = m_webhook->text().trimmed();
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() ||
            (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
            problems << tr("The alert webhook must be an http:// or https:// address.");
    }
    return problems;
}

QString AiBudgetDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AiBudgetDialog::save()
{
    const QStringList problems = validate();
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    m_error->hide();
    const bool global = m_dimension->currentData().toString() == QLatin1String("global");
    const QString url = m_webhook->text().trimmed();
    const QJsonObject record{
        {QStringLiteral("name"), m_name->text().trimmed()},
        {QStringLiteral("dimension"), m_dimension->currentData().toString()},
        {QStringLiteral("target_id"),
         global ? QJsonValue() : QJsonValue(m_target->currentData().toLongLong())},
        {QStringLiteral("period"), m_period->currentData().toString()},
        {QStringLiteral("limit_amount"), m_limit->value()},
        {QStringLiteral("hard_stop"), m_hardStop->isChecked()},
        {QStringLiteral("alert_webhook_url"), url.isEmpty() ? QJsonValue() : QJsonValue(url)},
        {QStringLiteral("is_active"), m_active->isChecked()}};
    delete m_call;
    m_call = new QObject(this);
    m_saveButton->setEnabled(false);
    m_client->saveRecord(QStringLiteral("ai_budget"), m_id, record, QString(), m_call,
                         [this](const ApiReply &reply, const QJsonObject &) {
                             m_saveButton->setEnabled(true);
                             if (!reply.ok()) {
                                 m_error->setText(
                                     tr("The budget could not be saved: %1").arg(reply.describeError()));
                                 m_error->show();
                                 return;
                             }
                             Q_EMIT saved();
                             accept();
                         });
}
} // namespace gatehouse
