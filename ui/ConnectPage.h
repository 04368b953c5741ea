#pragma once

#include "ConsolePage.h"

class QLabel;
class QPushButton;
class QTimer;

namespace gatehouse {

struct AdminSession;
struct EngineStatus;

// Where the console says which engine it talks to, whether it runs, and who is signed in.
class ConnectPage : public ConsolePage
{
    Q_OBJECT
public:
    explicit ConnectPage(QWidget *parent = nullptr);

    QString title() const override { return tr("Connect"); }
    QString iconName() const override { return QStringLiteral("connect"); }
    bool needsSignIn() const override { return false; }
    void refresh() override;

    void setEngineStarting();
    void setEngineFailed(const QString &message);
    void setClient(GatehouseClient *client, const QString &generatedAdminPassword);
    void setSession(const AdminSession &session);

Q_SIGNALS:
    void signInRequested();

private:
    void showStatus(const EngineStatus &status);

    GatehouseClient *m_client = nullptr;
    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_details;
    QLabel *m_account;
    QPushButton *m_signIn;
    QTimer *m_poll;
};
} // namespace gatehouse
