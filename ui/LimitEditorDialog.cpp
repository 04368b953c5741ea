#include "LimitEditorDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "RecordChoices.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
qint64 idOf(const QJsonObject &limit, const char *key)
{
    const QJsonValue value = limit.value(QLatin1String(key));
    return value.isDouble() ? qint64(value.toDouble()) : 0;
}
} // namespace

LimitEditorDialog::LimitEditorDialog(GatehouseClient *client, const QJsonObject &limit, QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_id(idOf(limit, "id"))
    , m_messages(new MessageBar(this))
    , m_name(new QLineEdit(limit.value(QLatin1String("name")).toString(), this))
    , m_description(new QLineEdit(limit.value(QLatin1String("description")).toString(), this))
    , m_type(new QComboBox(this))
    , m_rate(new QSpinBox(this))
    , m_period(new QComboBox(this))
    , m_verb(new QComboBox(this))
    , m_service(new QComboBox(this))
    , m_role(new QComboBox(this))
    , m_user(new QComboBox(this))
    , m_endpoint(new QLineEdit(limit.value(QLatin1String("endpoint")).toString(), this))
    , m_active(new QCheckBox(tr("Acti&ve"), this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(m_id ? tr("Edit limit") : tr("New limit"));
    const QList<QPair<QString, QString>> types = {
        {QStringLiteral("instance"), tr("Every request")},
        {QStringLiteral("instance.user"), tr("One user")},
        {QStringLiteral("instance.each_user"), tr("Each user")},
        {QStringLiteral("instance.service"), tr("One service")},
        {QStringLiteral("instance.user.service"), tr("One user on one service")},
        {QStringLiteral("instance.each_user.service"), tr("Each user on one service")},
        {QStringLiteral("instance.service.endpoint"), tr("One endpoint")},
        {QStringLiteral("instance.user.service.endpoint"), tr("One user on one endpoint")},
        {QStringLiteral("instance.each_user.service.endpoint"), tr("Each user on one endpoint")},
        {QStringLiteral("instance.role"), tr("One role")}};
    for (const auto &[type, text] : types)
        m_type->addItem(QStringLiteral("%1 (%2)").arg(text, type), type);
    const int typeIndex = m_type->findData(limit.value(QLatin1String("type")).toString());
    m_type->setCurrentIndex(typeIndex >= 0 ? typeIndex : 0);
    m_rate->setRange(1, 1000000000);
    m_rate->setValue(limit.value(QLatin1String("rate")).toInt(100));
    const QStringList periods = {QStringLiteral("minute"), QStringLiteral("hour"), QStringLiteral("day"),
                                 QStringLiteral("7-day"), QStringLiteral("30-day")};
    const QStringList periodTexts = {tr("minute"), tr("hour"), tr("day"), tr("7 days"), tr("30 days")};
    for (int i = 0; i < periods.size(); ++i)
        m_period->addItem(periodTexts.at(i), periods.at(i));
    const int periodIndex = m_period->findData(limit.value(QLatin1String("period")).toString());
    m_period->setCurrentIndex(periodIndex >= 0 ? periodIndex : 0);
    m_verb->addItem(tr("(every verb)"), QString());
    for (const char *verb : {"GET", "POST", "PUT", "PATCH", "DELETE"})
        m_verb->addItem(QLatin1String(verb), QLatin1String(verb));
    const int verbIndex = m_verb->findData(limit.value(QLatin1String("verb")).toString());
    m_verb->setCurrentIndex(verbIndex >= 0 ? verbIndex : 0);
    m_endpoint->setPlaceholderText(tr("_table/contact, or _table/cont* for a prefix"));
    m_active->setChecked(limit.value(QLatin1String("is_active")).toBool(true));

    const QList<QPair<QWidget *, QString>> names = {
        {m_name, QStringLiteral("name")},       {m_description, QStringLiteral("description")},
        {m_type, QStringLiteral("type")},       {m_rate, QStringLiteral("rate")},
        {m_period, QStringLiteral("period")},   {m_verb, QStringLiteral("verb")},
        {m_service, QStringLiteral("service")}, {m_role, QStringLiteral("role")},
        {m_user, QStringLiteral("user")},       {m_endpoint, QStringLiteral("endpoint")},
        {m_active, QStringLiteral("active")}};
    for (const auto &[widget, name] : names)
        widget->setObjectName(name);

    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), m_name);
    form->addRow(tr("&Description:"), m_description);
    form->addRow(tr("&Type:"), m_type);
    form->addRow(tr("&Rate (requests):"), m_rate);
    form->addRow(tr("&Per:"), m_period);
    form->addRow(tr("Ver&b:"), m_verb);
    form->addRow(tr("&Service:"), m_service);
    form->addRow(tr("R&ole:"), m_role);
    form->addRow(tr("&User:"), m_user);
    form->addRow(tr("&Endpoint:"), m_endpoint);
    form->addRow(QString(), m_active);
    // Accessible names from the form's labels (without mnemonics).
    for (int row = 0; row < form->rowCount(); ++row)
        if (auto *label = qobject_cast<QLabel *>(form->itemAt(row, QFormLayout::LabelRole)
                                                     ? form->itemAt(row, QFormLayout::LabelRole)->widget()
                                                     : nullptr))
            if (QWidget *field = form->itemAt(row, QFormLayout::FieldRole)->widget())
                field->setAccessibleName(label->text().remove(QLatin1Char('&')).remove(QLatin1Char(':')));
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_messages);
    layout->addLayout(form);
    layout->addWidget(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &LimitEditorDialog::save);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_type, &QComboBox::currentIndexChanged, this, &LimitEditorDialog::updateFields);
    updateFields();

    m_buttons->button(QDialogButtonBox::Save)->setEnabled(false);
    auto loadedOne = [this](bool ok) {
        if (!ok)
            m_messages->showMessage(tr("Some choices could not be loaded."), MessageBar::Kind::Warning);
        if (--m_pending == 0) {
            m_buttons->button(QDialogButtonBox::Save)->setEnabled(true);
            Q_EMIT loaded();
        }
    };
    RecordChoices::load(m_client, this, QStringLiteral("system/service"), m_service, tr("(none)"),
                        idOf(limit, "service_id"), loadedOne);
    RecordChoices::load(m_client, this, QStringLiteral("system/role"), m_role, tr("(none)"),
                        idOf(limit, "role_id"), loadedOne);
    RecordChoices::load(m_client, this, QStringLiteral("system/user"), m_user, tr("(none)"),
                        idOf(limit, "user_id"), loadedOne);
}

bool LimitEditorDialog::needs(const char *part) const
{
    const QString type = m_type->currentData().toString();
    const QString name = QLatin1String(part);
    if (name == QLatin1String("user"))
        return type.startsWith(QLatin1String("instance.user"));
    if (name == QLatin1String("role"))
        return type == QLatin1String("instance.role");
    if (name == QLatin1String("service"))
        return type.contains(QLatin1String(".service"));
    return type.endsWith(QLatin1String(".endpoint"));
}

void LimitEditorDialog::updateFields()
{
    m_user->setEnabled(needs("user"));
    m_role->setEnabled(needs("role"));
    m_service->setEnabled(needs("service"));
    m_endpoint->setEnabled(needs("endpoint"));
}

QString LimitEditorDialog::validate() const
{
    if (m_name->text().trimmed().isEmpty())
        return tr("Enter the limit's name.");
    if (needs("user") && !RecordChoices::selectedId(m_user))
        return tr("This type of limit needs a user.");
    if (needs("role") && !RecordChoices::selectedId(m_role))
        return tr("This type of limit needs a role.");
    if (needs("service") && !RecordChoices::selectedId(m_service))
        return tr("This type of limit needs a service.");
    if (needs("endpoint") && m_endpoint->text().trimmed().isEmpty())
        return tr("This type of limit needs an endpoint.");
    return QString();
}

void LimitEditorDialog::save()
{
    if (const QString problem = validate(); !problem.isEmpty()) {
        m_messages->showMessage(problem, MessageBar::Kind::Error);
        return;
    }
    auto id = [](bool used, const QComboBox *box) {
        const qint64 value = RecordChoices::selectedId(box);
        return used && value ? QJsonValue(double(value)) : QJsonValue();
    };
    QJsonObject limit{{QStringLiteral("name"), m_name->text().trimmed()},
                      {QStringLiteral("description"), m_description->text()},
                      {QStringLiteral("type"), m_type->currentData().toString()},
                      {QStringLiteral("rate"), m_rate->value()},
                      {QStringLiteral("period"), m_period->currentData().toString()},
                      {QStringLiteral("verb"), m_verb->currentData().toString().isEmpty()
                                                   ? QJsonValue()
                                                   : QJsonValue(m_verb->currentData().toString())},
                      {QStringLiteral("user_id"), id(needs("user"), m_user)},
                      {QStringLiteral("role_id"), id(needs("role"), m_role)},
                      {QStringLiteral("service_id"), id(needs("service"), m_service)},
                      {QStringLiteral("endpoint"),
                       needs("endpoint") ? QJsonValue(m_endpoint->text().trimmed()) : QJsonValue()},
                      {QStringLiteral("is_active"), m_active->isChecked()}};
    m_buttons->setEnabled(false);
    m_client->saveRecord(QStringLiteral("limit"), m_id, limit, QString(), this,
                         [this](const ApiReply &reply, const QJsonObject &) {
                             m_buttons->setEnabled(true);
                             if (!reply.ok()) {
                                 m_messages->showError(tr("The limit could not be saved"), reply);
                                 return;
                             }
                             Q_EMIT saved();
                             accept();
                         });
}
} // namespace gatehouse
