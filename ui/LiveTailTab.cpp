#include "LiveTailTab.h"

#include <QCheckBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonObject>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QVBoxLayout>

#include "MessageBar.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

LiveTailTab::LiveTailTab(GatehouseClient *client, MessageBar *messages, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_messages(messages)
    , m_view(new QPlainTextEdit(this))
    , m_pause(new QCheckBox(tr("&Pause"), this))
    , m_follow(new QCheckBox(tr("&Follow new lines"), this))
    , m_clear(new QPushButton(tr("C&lear"), this))
{
    setObjectName(QStringLiteral("liveTailTab"));
    m_view->setObjectName(QStringLiteral("liveTailText"));
    m_view->setAccessibleName(tr("Engine log"));
    m_view->setReadOnly(true);
    m_view->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_view->setMaximumBlockCount(kMaxLines);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_pause->setObjectName(QStringLiteral("liveTailPause"));
    m_follow->setObjectName(QStringLiteral("liveTailFollow"));
    m_follow->setChecked(true);
    m_clear->setObjectName(QStringLiteral("liveTailClear"));

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_pause);
    controls->addWidget(m_follow);
    controls->addStretch(1);
    controls->addWidget(m_clear);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(controls);
    layout->addWidget(m_view, 1);

    m_timer.setInterval(kPollMs);
    connect(&m_timer, &QTimer::timeout, this, &LiveTailTab::pollNow);
    connect(m_pause, &QCheckBox::toggled, this, &LiveTailTab::updateTimer);
    connect(m_clear, &QPushButton::clicked, m_view, &QPlainTextEdit::clear);
}

LiveTailTab::~LiveTailTab() = default;

bool LiveTailTab::isPaused() const
{
    return m_pause->isChecked();
}

QString LiveTailTab::text() const
{
    return m_view->toPlainText();
}

void LiveTailTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateTimer();
    if (m_timer.isActive())
        pollNow();
}

void LiveTailTab::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    updateTimer();
}

void LiveTailTab::updateTimer()
{
    if (isVisible() && !isPaused())
        m_timer.start();
    else
        m_timer.stop();
}

void LiveTailTab::pollNow()
{
    if (m_call)
        return; // the previous poll is still on its way
    m_call = std::make_unique<QObject>();
    m_client->send("GET", QStringLiteral("system/log?after=%1&limit=1000").arg(m_lastSeq), QJsonValue(),
                   m_call.get(), [this](const ApiReply &reply) {
                       m_call.release()->deleteLater();
                       if (!reply.ok()) {
                           m_messages->showError(tr("Reading the engine log failed"), reply);
                           m_failed = true;
                           emit polled();
                           return;
                       }
                       if (m_failed) {
                           m_messages->clear();
                           m_failed = false;
                       }
                       const QJsonObject body = reply.body.toObject();
                       const QJsonArray lines = body.value(QStringLiteral("resource")).toArray();
                       QScrollBar *bar = m_view->verticalScrollBar();
                       const int keep = bar->value();
                       if (m_lastSeq > 0 && body.value(QStringLiteral("truncated")).toBool())
                           m_view->appendPlainText(tr("[older lines were dropped by the engine]"));
                       for (const QJsonValue &line : lines) {
                           const QJsonObject entry = line.toObject();
                           m_view->appendPlainText(entry.value(QStringLiteral("line")).toString());
                           m_lastSeq =
                               qMax<quint64>(m_lastSeq, entry.value(QStringLiteral("seq")).toInteger());
                       }
                       // An engine restarted since the last poll numbers its lines from 1 again.
                       const quint64 last = quint64(body.value(QStringLiteral("last_seq")).toInteger());
                       if (last < m_lastSeq && lines.isEmpty())
                           m_lastSeq = 0;
                       if (m_follow->isChecked())
                           bar->setValue(bar->maximum());
                       else
                           bar->setValue(keep);
                       emit polled();
                   });
}
} // namespace gatehouse
