#pragma once

#include <QObject>

#include "core/Config.h"

class QThread;

namespace gatehouse {

class Engine;

// Runs an Engine on a thread of its own, so the console's UI thread never waits on it.
class EngineHost : public QObject
{
    Q_OBJECT
public:
    explicit EngineHost(QObject *parent = nullptr);
    ~EngineHost() override;

    void start(const Config &config);

Q_SIGNALS:
    void started(quint16 port, const QString &generatedAdminPassword);
    void failed(const QString &message);

private:
    QThread *m_thread;
    QObject *m_context; // lives on m_thread; the engine is created and destroyed there
    Engine *m_engine = nullptr;
};
} // namespace gatehouse
