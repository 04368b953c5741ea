#pragma once

#include <QJsonObject>

#include "ConsolePage.h"

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace gatehouse {

// Settings: the engine's own (listen address and port, TLS files, log retention; read from and
// saved through /system/config, which writes the engine's config file: they take effect when
// the engine restarts), what the engine reports about itself (data folder, config file, secret
// store), the CORS rules (/system/cors) and the console's own preferences (language, applied
// at the next start, and theme, applied at once).
class SettingsPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit SettingsPage(GatehouseClient *client, QWidget *parent = nullptr);

    QString title() const override { return tr("Settings"); }
    QString iconName() const override { return QStringLiteral("settings"); }
    void refresh() override;

Q_SIGNALS:
    // A save of the engine settings finished (`ok` false: refused by the console or the engine).
    void engineSettingsSaved(bool ok);
    // The CORS list changed and was reloaded (or the change failed).
    void corsUpdated();

private:
    void showConfig(const QJsonObject &config);
    void saveEngineSettings();
    void browseFile(QLineEdit *target, const QString &caption);
    void loadCors();
    void addCorsRule();
    void removeCorsRule();
    void applyTheme(int index);
    void applyLanguage(int index);

    QLineEdit *m_listenAddress;
    QLineEdit *m_port;
    QLineEdit *m_tlsCert;
    QLineEdit *m_tlsKey;
    QSpinBox *m_auditDays;
    QSpinBox *m_usageDays;
    QSpinBox *m_promptDays;
    QPushButton *m_save;
    QLabel *m_dataDir;
    QLabel *m_configFile;
    QLabel *m_secretStore;
    QLabel *m_pending;
    QTableWidget *m_cors;
    QLineEdit *m_corsPath;
    QLineEdit *m_corsOrigins;
    QPushButton *m_corsAdd;
    QPushButton *m_corsRemove;
    QComboBox *m_language;
    QComboBox *m_theme;
    QJsonObject m_loaded; // the last /system/config reply: what a save compares against
    QList<qint64> m_corsIds;
};
} // namespace gatehouse
