#include "SettingsPage.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QHostAddress>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include "ConsoleSettings.h"
#include "MessageBar.h"
#include "Theme.h"
#include "client/GatehouseClient.h"

namespace gatehouse {
namespace {
constexpr int kAllVerbs = 31; // GET, POST, PUT, PATCH, DELETE

QSpinBox *daysBox(const QString &objectName, QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setObjectName(objectName);
    box->setRange(0, 36500);
    box->setSuffix(SettingsPage::tr(" days"));
    // 0 means the rows are never pruned.
    box->setSpecialValueText(SettingsPage::tr("Keep forever"));
    return box;
}

// A file path field with a "…" button that opens a file picker.
QWidget *withBrowse(QLineEdit *edit, QPushButton *browse, QWidget *parent)
{
    auto *row = new QWidget(parent);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    return row;
}
} // namespace

SettingsPage::SettingsPage(GatehouseClient *client, QWidget *parent)
    : ConsolePage(client, parent)
    , m_listenAddress(new QLineEdit(this))
    , m_port(new QLineEdit(this))
    , m_tlsCert(new QLineEdit(this))
    , m_tlsKey(new QLineEdit(this))
    , m_auditDays(daysBox(QStringLiteral("auditRetention"), this))
    , m_usageDays(daysBox(QStringLiteral("usageRetention"), this))
    , m_promptDays(daysBox(QStringLiteral("promptRetention"), this))
    , m_save(new QPushButton(tr("&Save engine settings"), this))
    , m_dataDir(new QLabel(this))
    , m_configFile(new QLabel(this))
    , m_secretStore(new QLabel(this))
    , m_pending(new QLabel(this))
    , m_cors(new QTableWidget(0, 3, this))
    , m_corsPath(new QLineEdit(this))
    , m_corsOrigins(new QLineEdit(this))
    , m_corsAdd(new QPushButton(tr("A&dd rule"), this))
    , m_corsRemove(new QPushButton(tr("&Remove rule"), this))
    , m_language(new QComboBox(this))
    , m_theme(new QComboBox(this))
{
    // --- Engine -----------------------------------------------------------------------------
    m_listenAddress->setObjectName(QStringLiteral("listenAddress"));
    m_listenAddress->setAccessibleName(tr("Listen address"));
    m_listenAddress->setPlaceholderText(tr("127.0.0.1, 0.0.0.0 or ::1"));
    m_port->setObjectName(QStringLiteral("port"));
    m_port->setAccessibleName(tr("Port"));
    m_port->setPlaceholderText(QStringLiteral("8080"));
    m_port->setMaxLength(5);
    m_tlsCert->setObjectName(QStringLiteral("tlsCert"));
    m_tlsCert->setAccessibleName(tr("TLS certificate file"));
    m_tlsCert->setPlaceholderText(tr("Empty: plain HTTP"));
    m_tlsKey->setObjectName(QStringLiteral("tlsKey"));
    m_tlsKey->setAccessibleName(tr("TLS private key file"));
    auto *browseCert = new QPushButton(tr("Browse…"), this);
    browseCert->setObjectName(QStringLiteral("browseTlsCert"));
    browseCert->setAccessibleName(tr("Choose the TLS certificate file"));
    auto *browseKey = new QPushButton(tr("Browse…"), this);
    browseKey->setObjectName(QStringLiteral("browseTlsKey"));
    browseKey->setAccessibleName(tr("Choose the TLS private key file"));
    connect(browseCert, &QPushButton::clicked, this,
            [this] { browseFile(m_tlsCert, tr("TLS certificate (PEM)")); });
    connect(browseKey, &QPushButton::clicked, this,
            [this] { browseFile(m_tlsKey, tr("TLS private key (PEM, unencrypted)")); });
    m_auditDays->setAccessibleName(tr("Audit log retention in days"));
    m_usageDays->setAccessibleName(tr("AI usage log retention in days"));
    m_promptDays->setAccessibleName(tr("AI prompt log retention in days"));
    m_save->setObjectName(QStringLiteral("saveEngine"));
    m_save->setEnabled(false);
    connect(m_save, &QPushButton::clicked, this, &SettingsPage::saveEngineSettings);
    // Enter in any engine field saves.
    for (QLineEdit *edit : {m_listenAddress, m_port, m_tlsCert, m_tlsKey})
        connect(edit, &QLineEdit::returnPressed, this, &SettingsPage::saveEngineSettings);

    auto *engineBox = new QGroupBox(tr("Engine"), this);
    auto *engineForm = new QFormLayout(engineBox);
    const auto addRow = [](QFormLayout *form, const QString &text, QWidget *field, QWidget *buddy) {
        auto *label = new QLabel(text, form->parentWidget());
        label->setBuddy(buddy);
        form->addRow(label, field);
    };
    addRow(engineForm, tr("&Listen address:"), m_listenAddress, m_listenAddress);
    addRow(engineForm, tr("P&ort:"), m_port, m_port);
    addRow(engineForm, tr("TLS &certificate:"), withBrowse(m_tlsCert, browseCert, engineBox), m_tlsCert);
    addRow(engineForm, tr("TLS private &key:"), withBrowse(m_tlsKey, browseKey, engineBox), m_tlsKey);

    auto *retentionBox = new QGroupBox(tr("Log retention"), this);
    auto *retentionForm = new QFormLayout(retentionBox);
    addRow(retentionForm, tr("&Audit log:"), m_auditDays, m_auditDays);
    addRow(retentionForm, tr("AI &usage log:"), m_usageDays, m_usageDays);
    addRow(retentionForm, tr("AI &prompt log:"), m_promptDays, m_promptDays);

    m_pending->setObjectName(QStringLiteral("pendingRestart"));
    m_pending->setWordWrap(true);
    m_pending->setText(tr("The engine reads these settings when it starts: saved changes take effect "
                          "after a restart."));
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_pending, 1);
    saveRow->addWidget(m_save);

    auto *aboutBox = new QGroupBox(tr("Engine status"), this);
    auto *aboutForm = new QFormLayout(aboutBox);
    for (QLabel *label : {m_dataDir, m_configFile, m_secretStore}) {
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setWordWrap(true);
    }
    m_dataDir->setObjectName(QStringLiteral("dataDir"));
    m_configFile->setObjectName(QStringLiteral("configFile"));
    m_secretStore->setObjectName(QStringLiteral("secretStore"));
    aboutForm->addRow(tr("Data folder:"), m_dataDir);
    aboutForm->addRow(tr("Config file:"), m_configFile);
    aboutForm->addRow(tr("Secret store:"), m_secretStore);

    // --- CORS -------------------------------------------------------------------------------
    auto *corsBox = new QGroupBox(tr("CORS (browser access from other origins)"), this);
    m_cors->setObjectName(QStringLiteral("cors"));
    m_cors->setAccessibleName(tr("CORS rules"));
    m_cors->setHorizontalHeaderLabels({tr("Path"), tr("Origins"), tr("Enabled")});
    m_cors->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    m_cors->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_cors->setSelectionMode(QAbstractItemView::SingleSelection);
    m_cors->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_cors->setTabKeyNavigation(false);
    m_cors->verticalHeader()->hide();
    m_cors->setMinimumHeight(120);
    m_corsPath->setObjectName(QStringLiteral("corsPath"));
    m_corsPath->setAccessibleName(tr("CORS path pattern"));
    m_corsPath->setPlaceholderText(tr("* or a path such as db/*"));
    m_corsOrigins->setObjectName(QStringLiteral("corsOrigins"));
    m_corsOrigins->setAccessibleName(tr("Allowed origins"));
    m_corsOrigins->setPlaceholderText(tr("https://app.example.com, comma-separated"));
    m_corsAdd->setObjectName(QStringLiteral("corsAdd"));
    m_corsRemove->setObjectName(QStringLiteral("corsRemove"));
    m_corsRemove->setEnabled(false);
    connect(m_corsAdd, &QPushButton::clicked, this, &SettingsPage::addCorsRule);
    connect(m_corsOrigins, &QLineEdit::returnPressed, this, &SettingsPage::addCorsRule);
    connect(m_corsRemove, &QPushButton::clicked, this, &SettingsPage::removeCorsRule);
    connect(m_cors, &QTableWidget::itemSelectionChanged, this,
            [this] { m_corsRemove->setEnabled(m_cors->currentRow() >= 0); });
    auto *corsLayout = new QVBoxLayout(corsBox);
    corsLayout->addWidget(m_cors);
    auto *corsForm = new QFormLayout;
    addRow(corsForm, tr("Pat&h:"), m_corsPath, m_corsPath);
    addRow(corsForm, tr("Allowed or&igins:"), m_corsOrigins, m_corsOrigins);
    corsLayout->addLayout(corsForm);
    auto *corsButtons = new QHBoxLayout;
    corsButtons->addStretch();
    corsButtons->addWidget(m_corsAdd);
    corsButtons->addWidget(m_corsRemove);
    corsLayout->addLayout(corsButtons);

    // --- Console ----------------------------------------------------------------------------
    auto *consoleBox = new QGroupBox(tr("Console"), this);
    auto *consoleForm = new QFormLayout(consoleBox);
    m_language->setObjectName(QStringLiteral("language"));
    m_language->setAccessibleName(tr("Console language"));
    // Language names in their own language, so anyone can find theirs.
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->addItem(QStringLiteral("日本語"), QStringLiteral("ja"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(ConsoleSettings::language())));
    m_theme->setObjectName(QStringLiteral("theme"));
    m_theme->setAccessibleName(tr("Console theme"));
    m_theme->addItem(tr("System"), Theme::toString(Theme::Mode::System));
    m_theme->addItem(tr("Light"), Theme::toString(Theme::Mode::Light));
    m_theme->addItem(tr("Dark"), Theme::toString(Theme::Mode::Dark));
    m_theme->setCurrentIndex(qMax(0, m_theme->findData(Theme::toString(ConsoleSettings::theme()))));
    connect(m_language, &QComboBox::activated, this, &SettingsPage::applyLanguage);
    connect(m_theme, &QComboBox::activated, this, &SettingsPage::applyTheme);
    auto *languageNote = new QLabel(tr("A new language takes effect when the console restarts."), this);
    languageNote->setWordWrap(true);
    addRow(consoleForm, tr("La&nguage:"), m_language, m_language);
    consoleForm->addRow(QString(), languageNote);
    addRow(consoleForm, tr("&Theme:"), m_theme, m_theme);

    // The whole page scrolls on small screens.
    auto *body = new QWidget(this);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->addWidget(engineBox);
    bodyLayout->addWidget(retentionBox);
    bodyLayout->addLayout(saveRow);
    bodyLayout->addWidget(aboutBox);
    bodyLayout->addWidget(corsBox);
    bodyLayout->addWidget(consoleBox);
    bodyLayout->addStretch();
    auto *scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(body);
    contentLayout()->addWidget(scroll);

    setTabOrder(m_listenAddress, m_port);
    setTabOrder(m_port, m_tlsCert);
    setTabOrder(m_tlsCert, browseCert);
    setTabOrder(browseCert, m_tlsKey);
    setTabOrder(m_tlsKey, browseKey);
    setTabOrder(browseKey, m_auditDays);
    setTabOrder(m_auditDays, m_usageDays);
    setTabOrder(m_usageDays, m_promptDays);
    setTabOrder(m_promptDays, m_save);
    setTabOrder(m_save, m_cors);
    setTabOrder(m_cors, m_corsPath);
    setTabOrder(m_corsPath, m_corsOrigins);
    setTabOrder(m_corsOrigins, m_corsAdd);
    setTabOrder(m_corsAdd, m_corsRemove);
    setTabOrder(m_corsRemove, m_language);
    setTabOrder(m_language, m_theme);
}

void SettingsPage::refresh()
{
    client()->send("GET", QStringLiteral("system/config"), QJsonValue(), this, [this](const ApiReply &reply) {
        if (!checkReply(reply, tr("The engine settings could not be loaded"))) {
            Q_EMIT refreshed();
            return;
        }
        messageBar()->clear();
        showConfig(reply.body.toObject());
        loadCors();
        Q_EMIT refreshed();
    });
}

void SettingsPage::showConfig(const QJsonObject &config)
{
    m_loaded = config;
    // The form shows what is saved (and so what the next start uses); the running values are
    // the same unless a change waits for a restart.
    const QJsonObject saved = config.value(QLatin1String("saved")).toObject();
    const auto value = [&](const char *key) {
        const QLatin1String name(key);
        return saved.contains(name) ? saved.value(name) : config.value(name);
    };
    m_listenAddress->setText(value("listen_address").toString());
    m_port->setText(QString::number(value("port").toInt()));
    m_tlsCert->setText(value("tls_cert").toString());
    m_tlsKey->setText(value("tls_key").toString());
    m_auditDays->setValue(value("audit_retention_days").toInt());
    m_usageDays->setValue(value("ai_usage_retention_days").toInt());
    m_promptDays->setValue(value("ai_prompt_retention_days").toInt());
    m_dataDir->setText(config.value(QLatin1String("data_dir")).toString());
    const bool writable = config.value(QLatin1String("config_file_writable")).toBool();
    m_configFile->setText(writable ? config.value(QLatin1String("config_file")).toString()
                                   : tr("%1 (read-only: settings cannot be saved from here)")
                                         .arg(config.value(QLatin1String("config_file")).toString()));
    m_save->setEnabled(writable);
    const QJsonObject store = config.value(QLatin1String("secret_store")).toObject();
    const QString backend = store.value(QLatin1String("backend")).toString();
    QString storeText;
    if (backend == QLatin1String("keychain"))
        storeText = tr("OS keychain (secrets are kept by the operating system)");
    else if (backend == QLatin1String("sealed"))
        storeText = tr("Sealed (secrets are encrypted with the master key in the data folder)");
    else
        storeText = tr("Unavailable");
    const QString reason = store.value(QLatin1String("reason")).toString();
    m_secretStore->setText(reason.isEmpty() ? storeText : tr("%1: %2").arg(storeText, reason));

    // The engine's key names, in the words of the form.
    static const QHash<QString, const char *> labels = {
        {QStringLiteral("listen_address"), QT_TR_NOOP("listen address")},
        {QStringLiteral("port"), QT_TR_NOOP("port")},
        {QStringLiteral("tls_cert"), QT_TR_NOOP("TLS certificate")},
        {QStringLiteral("tls_key"), QT_TR_NOOP("TLS private key")},
        {QStringLiteral("audit_retention_days"), QT_TR_NOOP("audit log retention")},
        {QStringLiteral("ai_usage_retention_days"), QT_TR_NOOP("AI usage log retention")},
        {QStringLiteral("ai_prompt_retention_days"), QT_TR_NOOP("AI prompt log retention")},
        {QStringLiteral("log_level"), QT_TR_NOOP("log level")}};
    QStringList pending;
    for (const QJsonValue &key : config.value(QLatin1String("pending_restart")).toArray()) {
        const char *label = labels.value(key.toString());
        pending << (label ? tr(label) : key.toString());
    }
    m_pending->setText(
        pending.isEmpty()
            ? tr("The engine reads these settings when it starts: saved changes take "
                 "effect after a restart.")
            : tr("Saved, waiting for an engine restart: %1").arg(pending.join(QStringLiteral(", "))));
}

void SettingsPage::saveEngineSettings()
{
    // Checked here first, so a typo gets a clear message before anything is sent. Only what
    // the user changed is checked and sent: an engine started with port 0 (any free port) or
    // with settings on its command line shows them, but they are not copied into its file.
    const QJsonObject saved = m_loaded.value(QLatin1String("saved")).toObject();
    const QString portText = m_port->text().trimmed();
    const bool portChanged = portText != QString::number(saved.value(QLatin1String("port")).toInt());
    bool ok = false;
    const uint port = portText.toUInt(&ok);
    if (portChanged && (!ok || port < 1 || port > 65535)) {
        messageBar()->showMessage(tr("The port must be a whole number from 1 to 65535."),
                                  MessageBar::Kind::Error);
        m_port->setFocus();
        m_port->selectAll();
        Q_EMIT engineSettingsSaved(false);
        return;
    }
    const QString address = m_listenAddress->text().trimmed();
    const bool addressChanged = address != saved.value(QLatin1String("listen_address")).toString();
    if (addressChanged && address != QLatin1String("localhost") && QHostAddress(address).isNull()) {
        messageBar()->showMessage(
            tr("The listen address must be an IP address such as 127.0.0.1, 0.0.0.0 or ::1."),
            MessageBar::Kind::Error);
        m_listenAddress->setFocus();
        Q_EMIT engineSettingsSaved(false);
        return;
    }
    const QString cert = m_tlsCert->text().trimmed();
    const QString key = m_tlsKey->text().trimmed();
    if (cert.isEmpty() != key.isEmpty()) {
        messageBar()->showMessage(tr("Set both the TLS certificate and its private key, or clear both to "
                                     "serve plain HTTP."),
                                  MessageBar::Kind::Error);
        (cert.isEmpty() ? m_tlsCert : m_tlsKey)->setFocus();
        Q_EMIT engineSettingsSaved(false);
        return;
    }

    // Only what changed, so a setting given on the engine's command line is not copied into
    // its config file by accident.
    QJsonObject changes;
    const auto changed = [&](const char *name, const QJsonValue &now) {
        if (saved.value(QLatin1String(name)) != now)
            changes.insert(QLatin1String(name), now);
    };
    if (addressChanged)
        changes.insert(QStringLiteral("listen_address"), address);
    if (portChanged)
        changes.insert(QStringLiteral("port"), int(port));
    changed("tls_cert", cert);
    changed("tls_key", key);
    changed("audit_retention_days", m_auditDays->value());
    changed("ai_usage_retention_days", m_usageDays->value());
    changed("ai_prompt_retention_days", m_promptDays->value());
    if (changes.isEmpty()) {
        messageBar()->showMessage(tr("Nothing to save: the settings are unchanged."));
        Q_EMIT engineSettingsSaved(true);
        return;
    }
    m_save->setEnabled(false);
    client()->send("PATCH", QStringLiteral("system/config"), changes, this, [this](const ApiReply &reply) {
        m_save->setEnabled(m_loaded.value(QLatin1String("config_file_writable")).toBool());
        if (!checkReply(reply, tr("The engine settings were not saved"))) {
            Q_EMIT engineSettingsSaved(false);
            return;
        }
        showConfig(reply.body.toObject());
        messageBar()->showMessage(tr("Saved to %1. Restart the engine for the changes to take effect.")
                                      .arg(m_loaded.value(QLatin1String("config_file")).toString()));
        Q_EMIT engineSettingsSaved(true);
    });
}

void SettingsPage::browseFile(QLineEdit *target, const QString &caption)
{
    // The files must be readable by the engine; on a remote engine the path is the server's,
    // so the picker is a convenience for an engine on this machine.
    const QString file = QFileDialog::getOpenFileName(this, caption, target->text(),
                                                      tr("PEM files (*.pem *.crt *.key);;All files (*)"));
    if (!file.isEmpty())
        target->setText(file);
}

void SettingsPage::loadCors()
{
    client()->send(
        "GET", QStringLiteral("system/cors?fields=id,path,origin,enabled&order=path"), QJsonValue(), this,
        [this](const ApiReply &reply) {
            if (!checkReply(reply, tr("The CORS rules could not be loaded"))) {
                Q_EMIT corsUpdated();
                return;
            }
            m_cors->setRowCount(0);
            m_corsIds.clear();
            for (const QJsonValue &v : reply.body.toObject().value(QLatin1String("resource")).toArray()) {
                const QJsonObject rule = v.toObject();
                const int row = m_cors->rowCount();
                m_cors->insertRow(row);
                m_corsIds << qint64(rule.value(QLatin1String("id")).toDouble());
                m_cors->setItem(row, 0, new QTableWidgetItem(rule.value(QLatin1String("path")).toString()));
                QJsonValue origin = rule.value(QLatin1String("origin"));
                QString origins = origin.toString();
                if (origin.isArray()) {
                    QStringList list;
                    for (const QJsonValue &o : origin.toArray())
                        list << o.toString();
                    origins = list.join(QStringLiteral(", "));
                }
                m_cors->setItem(row, 1, new QTableWidgetItem(origins));
                m_cors->setItem(row, 2,
                                new QTableWidgetItem(
                                    rule.value(QLatin1String("enabled")).toBool() ? tr("yes") : tr("no")));
            }
            m_corsRemove->setEnabled(m_cors->currentRow() >= 0);
            Q_EMIT corsUpdated();
        });
}

void SettingsPage::addCorsRule()
{
    const QString path = m_corsPath->text().trimmed();
    const QString origins = m_corsOrigins->text().trimmed();
    if (path.isEmpty()) {
        messageBar()->showMessage(tr("Enter the path the rule applies to, such as * or db/*."),
                                  MessageBar::Kind::Error);
        m_corsPath->setFocus();
        return;
    }
    if (origins.isEmpty()) {
        messageBar()->showMessage(
            tr("Enter at least one allowed origin, such as https://app.example.com or *."),
            MessageBar::Kind::Error);
        m_corsOrigins->setFocus();
        return;
    }
    const QJsonObject rule{{QStringLiteral("path"), path},
                           {QStringLiteral("origin"), origins},
                           {QStringLiteral("method"), kAllVerbs},
                           {QStringLiteral("enabled"), true}};
    m_corsAdd->setEnabled(false);
    client()->send("POST", QStringLiteral("system/cors"),
                   QJsonObject{{QStringLiteral("resource"), QJsonArray{rule}}}, this,
                   [this](const ApiReply &reply) {
                       m_corsAdd->setEnabled(true);
                       if (!checkReply(reply, tr("The CORS rule was not added"))) {
                           Q_EMIT corsUpdated();
                           return;
                       }
                       messageBar()->clear();
                       m_corsPath->clear();
                       m_corsOrigins->clear();
                       loadCors();
                   });
}

void SettingsPage::removeCorsRule()
{
    const int row = m_cors->currentRow();
    if (row < 0 || row >= m_corsIds.size())
        return;
    m_corsRemove->setEnabled(false);
    client()->send("DELETE", QStringLiteral("system/cors/%1").arg(m_corsIds.at(row)), QJsonValue(), this,
                   [this](const ApiReply &reply) {
                       if (!checkReply(reply, tr("The CORS rule was not removed"))) {
                           m_corsRemove->setEnabled(m_cors->currentRow() >= 0);
                           Q_EMIT corsUpdated();
                           return;
                       }
                       messageBar()->clear();
                       loadCors();
                   });
}

void SettingsPage::applyTheme(int index)
{
    const Theme::Mode mode = Theme::fromString(m_theme->itemData(index).toString());
    ConsoleSettings::setTheme(mode);
    Theme::apply(mode);
}

void SettingsPage::applyLanguage(int index)
{
    ConsoleSettings::setLanguage(m_language->itemData(index).toString());
    messageBar()->showMessage(tr("The console will use the new language the next time it starts."));
}
} // namespace gatehouse
