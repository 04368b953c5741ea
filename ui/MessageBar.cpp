#include "MessageBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QStyle>
#include <QToolButton>

#include "client/GatehouseClient.h"

namespace gatehouse {

MessageBar::MessageBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
    , m_close(new QToolButton(this))
{
    setObjectName(QStringLiteral("messageBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setObjectName(QStringLiteral("message"));
    m_text->setWordWrap(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_close->setAutoRaise(true);
    m_close->setIcon(style()->standardIcon(QStyle::SP_DialogCloseButton));
    m_close->setToolTip(tr("Dismiss"));
    m_close->setAccessibleName(tr("Dismiss message"));
    connect(m_close, &QToolButton::clicked, this, &MessageBar::clear);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 4, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_close, 0, Qt::AlignTop);
    hide();
}

void MessageBar::showMessage(const QString &text, Kind kind)
{
    m_kind = kind;
    m_text->setText(text);
    // Colours come from the palette's own roles so light and dark themes both stay readable.
    QPalette colours = palette();
    const QColor tint = kind == Kind::Error     ? QColor(0xd3, 0x2f, 0x2f)
                        : kind == Kind::Warning ? QColor(0xf5, 0x9e, 0x0b)
                                                : QColor(0x25, 0x63, 0xeb);
    QColor background = colours.color(QPalette::Base);
    background = QColor::fromRgbF(background.redF() * 0.85 + tint.redF() * 0.15,
                                  background.greenF() * 0.85 + tint.greenF() * 0.15,
                                  background.blueF() * 0.85 + tint.blueF() * 0.15);
    colours.setColor(QPalette::Window, background);
    setPalette(colours);
    setAccessibleName(kind == Kind::Error ? tr("Error") : tr("Message"));
    m_text->setAccessibleName(accessibleName());
    show();
}

void MessageBar::showError(const QString &what, const ApiReply &reply)
{
    showMessage(tr("%1: %2").arg(what, reply.describeError()), Kind::Error);
}

void MessageBar::clear()
{
    m_text->clear();
    hide();
}

QString MessageBar::text() const
{
    return isVisibleTo(parentWidget()) ? m_text->text() : QString();
}
} // namespace gatehouse
