#pragma once

#include <QMainWindow>

class QLabel;
class QTimer;

namespace gatehouse {

class GatehouseClient;
struct EngineStatus;

// The console's main window. For now it shows where the engine listens and its health.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);

    void setEngineStarting();
    void setEngineFailed(const QString &message);
    void connectToEngine(GatehouseClient *client, const QString &generatedAdminPassword);

private:
    void showStatus(const EngineStatus &status);

    QLabel *m_address;
    QLabel *m_state;
    QLabel *m_details;
    QTimer *m_poll;
    GatehouseClient *m_client = nullptr;
};
} // namespace gatehouse
