#include "AiConnectionDialog.h"

#include <memory>

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QUrl>
#include <QVBoxLayout>

#include "AiProviderPreset.h"

namespace gatehouse {
namespace {
const QString kMask = QStringLiteral("**********");

QLabel *buddyLabel(const QString &text, QWidget *buddy, QWidget *parent)
{
    auto *label = new QLabel(text, parent);
    label->setBuddy(buddy);
    return label;
}

QDoubleSpinBox *moneyBox(QWidget *parent, int decimals)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setRange(0, 1e9);
    box->setDecimals(decimals);
    box->setSpecialValueText(AiConnectionDialog::tr("none"));
    return box;
}
} // namespace

AiConnectionDialog::AiConnectionDialog(GatehouseClient *client, const ServiceDefinition &service,
                                       QWidget *parent)
    : QDialog(parent)
    , m_client(client)
    , m_service(service)
    , m_name(new QLineEdit(this))
    , m_label(new QLineEdit(this))
    , m_provider(new QComboBox(this))
    , m_keyHint(new QLabel(this))
    , m_baseUrl(new QLineEdit(this))
    , m_apiKey(new QLineEdit(this))
    , m_model(new QLineEdit(this))
    , m_rpm(new QSpinBox(this))
    , m_monthlyBudget(moneyBox(this, 2))
    , m_inputPrice(moneyBox(this, 6))
    , m_outputPrice(moneyBox(this, 6))
    , m_active(new QCheckBox(tr("Acti&ve"), this))
    , m_saveButton(new QPushButton(tr("&Save"), this))
    , m_error(new QLabel(this))
{
    setWindowTitle(service.id ? tr("Edit AI connection %1").arg(service.name) : tr("New AI connection"));
    for (const AiProviderPreset &preset : AiProviderPreset::all())
        m_provider->addItem(preset.label, preset.provider);

    m_name->setObjectName(QStringLiteral("name"));
    m_name->setAccessibleName(tr("Connection name"));
    m_name->setToolTip(tr("Used in URLs: /api/v2/<name>/chat."));
    m_label->setObjectName(QStringLiteral("label"));
    m_label->setAccessibleName(tr("Connection label"));
    m_provider->setObjectName(QStringLiteral("provider"));
    m_provider->setAccessibleName(tr("Provider"));
    m_keyHint->setObjectName(QStringLiteral("keyHint"));
    m_keyHint->setWordWrap(true);
    m_baseUrl->setObjectName(QStringLiteral("baseUrl"));
    m_baseUrl->setAccessibleName(tr("Base URL"));
    m_apiKey->setObjectName(QStringLiteral("apiKey"));
    m_apiKey->setAccessibleName(tr("API key"));
    m_apiKey->setEchoMode(QLineEdit::Password);
    m_model->setObjectName(QStringLiteral("defaultModel"));
    m_model->setAccessibleName(tr("Default model"));
    m_rpm->setObjectName(QStringLiteral("rpmLimit"));
    m_rpm->setAccessibleName(tr("Requests per minute per user"));
    m_rpm->setRange(0, 1000000);
    m_rpm->setSpecialValueText(tr("no limit"));
    m_monthlyBudget->setObjectName(QStringLiteral("monthlyBudget"));
    m_monthlyBudget->setAccessibleName(tr("Monthly budget"));
    m_monthlyBudget->setToolTip(tr("A hard stop per calendar month (UTC), in the currency of the prices."));
    m_inputPrice->setObjectName(QStringLiteral("inputPrice"));
    m_inputPrice->setAccessibleName(tr("Input price per 1,000 tokens"));
    m_outputPrice->setObjectName(QStringLiteral("outputPrice"));
    m_outputPrice->setAccessibleName(tr("Output price per 1,000 tokens"));
    m_active->setObjectName(QStringLiteral("is_active"));
    m_saveButton->setObjectName(QStringLiteral("save"));
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_error->hide();

    auto *form = new QFormLayout;
    form->addRow(buddyLabel(tr("&Name:"), m_name, this), m_name);
    form->addRow(buddyLabel(tr("&Label:"), m_label, this), m_label);
    form->addRow(buddyLabel(tr("&Provider:"), m_provider, this), m_provider);
    form->addRow(QString(), m_keyHint);
    form->addRow(buddyLabel(tr("&Base URL:"), m_baseUrl, this), m_baseUrl);
    form->addRow(buddyLabel(tr("API &key:"), m_apiKey, this), m_apiKey);
    form->addRow(buddyLabel(tr("Default &model:"), m_model, this), m_model);
    form->addRow(buddyLabel(tr("&Requests per minute:"), m_rpm, this), m_rpm);
    form->addRow(buddyLabel(tr("Monthly bud&get:"), m_monthlyBudget, this), m_monthlyBudget);
    form->addRow(buddyLabel(tr("&Input price / 1k tokens:"), m_inputPrice, this), m_inputPrice);
    form->addRow(buddyLabel(tr("&Output price / 1k tokens:"), m_outputPrice, this), m_outputPrice);
    form->addRow(QString(), m_active);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    buttons->addButton(m_saveButton, QDialogButtonBox::AcceptRole);
    m_saveButton->setDefault(true);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_saveButton, &QPushButton::clicked, this, &AiConnectionDialog::save);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);

    // Fill from the stored service; a new one starts from the first preset.
    const QJsonObject &config = service.config;
    m_name->setText(service.name);
    m_name->setReadOnly(service.id != 0); // a service's name is its URL
    m_label->setText(service.label);
    m_active->setChecked(service.id == 0 || service.isActive);
    if (service.id) {
        const AiProviderPreset preset =
            AiProviderPreset::forProvider(config.value(QLatin1String("provider")).toString());
        m_provider->setCurrentIndex(m_provider->findData(preset.provider));
        m_baseUrl->setText(config.value(QLatin1String("base_url")).toString());
        m_apiKey->setText(config.value(QLatin1String("api_key")).toString());
        m_model->setText(config.value(QLatin1String("default_model")).toString());
        m_rpm->setValue(config.value(QLatin1String("rpm_limit")).toVariant().toInt());
        m_monthlyBudget->setValue(config.value(QLatin1String("monthly_budget")).toVariant().toDouble());
        m_inputPrice->setValue(config.value(QLatin1String("input_price_per_1k")).toVariant().toDouble());
        m_outputPrice->setValue(config.value(QLatin1String("output_price_per_1k")).toVariant().toDouble());
        updateKeyHint();
    } else {
        applyPreset(m_provider->currentData().toString());
    }
    // Choosing another provider by hand starts from its preset.
    // (Re-choosing the same provider keeps what was typed.)
    auto chosen = std::make_shared<QString>(m_provider->currentData().toString());
    connect(m_provider, &QComboBox::activated, this, [this, chosen](int index) {
        const QString provider = m_provider->itemData(index).toString();
        if (provider != *chosen)
            applyPreset(provider);
        *chosen = provider;
    });
}

void AiConnectionDialog::applyPreset(const QString &provider)
{
    const AiProviderPreset preset = AiProviderPreset::forProvider(provider);
    m_provider->setCurrentIndex(m_provider->findData(preset.provider));
    m_baseUrl->setText(preset.baseUrl);
    m_model->setText(preset.defaultModel);
    updateKeyHint();
}

void AiConnectionDialog::updateKeyHint()
{
    const AiProviderPreset preset = AiProviderPreset::forProvider(m_provider->currentData().toString());
    m_keyHint->setText(preset.keyHint());
    m_apiKey->setPlaceholderText(preset.needsApiKey ? tr("required") : tr("optional"));
}

QStringList AiConnectionDialog::validate() const
{
    QStringList problems;
    static const QRegularExpression namePattern(QStringLiteral("^[A-Za-z0-9_.-]+$"));
    if (m_name->text().trimmed().isEmpty())
        problems << tr("Enter a name.");
    else if (!namePattern.match(m_name->text().trimmed()).hasMatch())
        problems << tr("The name may contain only letters, digits, '_', '-' and '.'.");
    const AiProviderPreset preset = AiProviderPreset::forProvider(m_provider->currentData().toString());
    const QString url = m_baseUrl->text().trimmed();
    if (url.isEmpty() && preset.needsBaseUrl)
        problems << tr("Enter the server's base URL.");
    if (!url.isEmpty()) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty() ||
            (parsed.scheme() != QLatin1String("http") && parsed.scheme() != QLatin1String("https")))
            problems << tr("The base URL must be an http:// or https:// address.");
    }
    if (preset.needsApiKey && m_apiKey->text().isEmpty())
        problems << tr("Enter the API key.");
    return problems;
}

ServiceDefinition AiConnectionDialog::definition() const
{
    ServiceDefinition service = m_service;
    service.type = QStringLiteral("ai");
    service.name = m_name->text().trimmed();
    service.label = m_label->text().trimmed().isEmpty() ? service.name : m_label->text().trimmed();
    service.isActive = m_active->isChecked();
    QJsonObject config = m_service.config; // keeps what this form does not show
    auto setOrClear = [&config](const char *key, const QJsonValue &value, bool set) {
        if (set)
            config.insert(QLatin1String(key), value);
        else
            config.insert(QLatin1String(key), QJsonValue::Null);
    };
    config.insert(QStringLiteral("provider"), m_provider->currentData().toString());
    const QString url = m_baseUrl->text().trimmed();
    setOrClear("base_url", url, !url.isEmpty());
    // The mask sent back keeps the stored key; an emptied field clears it.
    setOrClear("api_key", m_apiKey->text(), !m_apiKey->text().isEmpty());
    const QString model = m_model->text().trimmed();
    setOrClear("default_model", model, !model.isEmpty());
    config.insert(QStringLiteral("rpm_limit"), m_rpm->value());
    config.insert(QStringLiteral("monthly_budget"), m_monthlyBudget->value());
    config.insert(QStringLiteral("input_price_per_1k"), m_inputPrice->value());
    config.insert(QStringLiteral("output_price_per_1k"), m_outputPrice->value());
    service.config = config;
    return service;
}

QString AiConnectionDialog::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

void AiConnectionDialog::save()
{
    const QStringList problems = validate();
    if (!problems.isEmpty()) {
        m_error->setText(problems.join(QLatin1Char('\n')));
        m_error->show();
        return;
    }
    m_error->hide();
    m_saveButton->setEnabled(false);
    delete m_call;
    m_call = new QObject(this);
    auto done = [this](const ApiReply &reply, const ServiceDefinition &stored) {
        m_saveButton->setEnabled(true);
        if (!reply.ok()) {
            m_error->setText(tr("The connection could not be saved: %1").arg(reply.describeError()));
            m_error->show();
            return;
        }
        Q_EMIT saved(stored);
        accept();
    };
    const ServiceDefinition service = definition();
    if (service.id)
        m_client->updateService(service, m_call, done);
    else
        m_client->createService(service, m_call, done);
}
} // namespace gatehouse
