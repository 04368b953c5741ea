#include "Confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace gatehouse {

void Confirmation::ask(QWidget *parent, const QString &title, const QString &text, const QString &yesText,
                       std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::NoButton, parent);
    box->setObjectName(QStringLiteral("confirmation"));
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(yesText, QMessageBox::AcceptRole);
    yes->setObjectName(QStringLiteral("confirm"));
    QPushButton *no = box->addButton(QMessageBox::Cancel);
    box->setDefaultButton(no); // Enter must not destroy anything by accident
    box->setEscapeButton(no);
    QObject::connect(box, &QMessageBox::finished, box, [box, yes, onYes = std::move(onYes)] {
        if (box->clickedButton() == yes)
            onYes();
    });
    box->open();
}
} // namespace gatehouse
