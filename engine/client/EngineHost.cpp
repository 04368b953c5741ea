#include "EngineHost.h"

#include <QThread>

#include "Engine.h"

namespace gatehouse {

EngineHost::EngineHost(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread(this))
    , m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("engine"));
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
}

EngineHost::~EngineHost()
{
    if (m_thread->isRunning())
        QMetaObject::invokeMethod(
            m_context, [this] { delete m_engine; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void EngineHost::start(const Config &config)
{
    m_thread->start();
    QMetaObject::invokeMethod(
        m_context,
        [this, config] {
            auto *engine = new Engine(config);
            QString error;
            if (!engine->start(&error)) {
                delete engine;
                Q_EMIT failed(error);
                return;
            }
            m_engine = engine;
            Q_EMIT started(engine->port(), engine->generatedAdminPassword());
        },
        Qt::QueuedConnection);
}
} // namespace gatehouse
