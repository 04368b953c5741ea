#pragma once

#include <memory>

#include <QTimer>
#include <QWidget>

class QCheckBox;
class QPlainTextEdit;
class QPushButton;

namespace gatehouse {

class GatehouseClient;
class MessageBar;

// The engine's log as it is written (GET /system/log): polls for lines after the last sequence
// number it has while it is visible and not paused, keeps the newest lines (older ones scroll
// away) and follows the end unless the user turns that off to read.
class LiveTailTab : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kPollMs = 2000;
    static constexpr int kMaxLines = 5000;

    LiveTailTab(GatehouseClient *client, MessageBar *messages, QWidget *parent = nullptr);
    ~LiveTailTab() override;

    void pollNow();
    bool isPaused() const;
    bool isPolling() const { return m_timer.isActive(); }
    quint64 lastSeq() const { return m_lastSeq; }
    QString text() const;

Q_SIGNALS:
    void polled();

protected:
    void showEvent(QShowEvent *event) override;
    void hideEvent(QHideEvent *event) override;

private:
    void updateTimer();

    GatehouseClient *m_client;
    MessageBar *m_messages;
    QPlainTextEdit *m_view;
    QCheckBox *m_pause;
    QCheckBox *m_follow;
    QPushButton *m_clear;
    QTimer m_timer;
    std::unique_ptr<QObject> m_call;
    quint64 m_lastSeq = 0;
    bool m_failed = false; // the last poll failed: its message stays until one succeeds
};
} // namespace gatehouse
