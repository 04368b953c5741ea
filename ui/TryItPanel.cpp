#include "TryItPanel.h"

#include <algorithm>

#include <QComboBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QStringDecoder>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

#include "JsonText.h"
#include "KeyValueTable.h"
#include "client/GatehouseClient.h"

namespace gatehouse {

TryItPanel::TryItPanel(GatehouseClient *client, QWidget *parent)
    : QWidget(parent)
    , m_client(client)
    , m_method(new QComboBox(this))
    , m_path(new QLineEdit(this))
    , m_query(new KeyValueTable(tr("Parameter"), tr("Value"), this))
    , m_body(new QPlainTextEdit(this))
    , m_send(new QPushButton(tr("Sen&d"), this))
    , m_cancel(new QPushButton(tr("Cance&l"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_requestId(new QLabel(this))
    , m_response(new QPlainTextEdit(this))
{
    const QFont fixed = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    m_method->addItems({QStringLiteral("GET"), QStringLiteral("POST"), QStringLiteral("PUT"),
                        QStringLiteral("PATCH"), QStringLiteral("DELETE")});
    m_method->setObjectName(QStringLiteral("tryMethod"));
    m_method->setAccessibleName(tr("Method"));
    m_path->setObjectName(QStringLiteral("tryPath"));
    m_path->setAccessibleName(tr("Path below /api/v2"));
    m_path->setToolTip(
        tr("Below /api/v2, e.g. demo/_table/customers. Replace {placeholders} before sending."));
    m_query->setObjectName(QStringLiteral("tryQuery"));
    m_query->table()->setAccessibleName(tr("Query parameters"));
    m_body->setObjectName(QStringLiteral("tryBody"));
    m_body->setAccessibleName(tr("JSON body"));
    m_body->setFont(fixed);
    m_body->setTabChangesFocus(true);
    m_body->setPlaceholderText(tr("JSON body (optional)"));
    m_send->setObjectName(QStringLiteral("trySend"));
    m_cancel->setObjectName(QStringLiteral("tryCancel"));
    m_progress->setObjectName(QStringLiteral("tryProgress"));
    m_progress->setRange(0, 0); // busy: a request has no measurable progress
    m_progress->setAccessibleName(tr("Request in progress"));
    m_progress->setMaximumHeight(12);
    m_progress->setTextVisible(false);
    m_status->setObjectName(QStringLiteral("tryStatus"));
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_status->setWordWrap(true);
    m_requestId->setObjectName(QStringLiteral("tryRequestId"));
    m_requestId->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_response->setObjectName(QStringLiteral("tryResponse"));
    m_response->setAccessibleName(tr("Response body"));
    m_response->setReadOnly(true);
    m_response->setFont(fixed);
    m_response->setTabChangesFocus(true);
    m_response->setLineWrapMode(QPlainTextEdit::NoWrap);

    auto *methodLabel = new QLabel(tr("&Method:"), this);
    methodLabel->setBuddy(m_method);
    auto *pathLabel = new QLabel(tr("Pat&h:"), this);
    pathLabel->setBuddy(m_path);
    auto *queryLabel = new QLabel(tr("&Query parameters:"), this);
    queryLabel->setBuddy(m_query->table());
    auto *bodyLabel = new QLabel(tr("&Body:"), this);
    bodyLabel->setBuddy(m_body);
    auto *responseLabel = new QLabel(tr("&Response:"), this);
    responseLabel->setBuddy(m_response);

    auto *request = new QHBoxLayout;
    request->addWidget(methodLabel);
    request->addWidget(m_method);
    request->addWidget(pathLabel);
    request->addWidget(m_path, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_send);
    actions->addWidget(m_cancel);
    actions->addWidget(m_progress, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(request);
    layout->addWidget(queryLabel);
    layout->addWidget(m_query);
    layout->addWidget(bodyLabel);
    layout->addWidget(m_body, 1);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_requestId);
    layout->addWidget(responseLabel);
    layout->addWidget(m_response, 2);

    connect(m_send, &QPushButton::clicked, this, &TryItPanel::send);
    connect(m_cancel, &QPushButton::clicked, this, &TryItPanel::cancel);
    connect(m_path, &QLineEdit::returnPressed, this, &TryItPanel::send);
    setBusy(false);
}

void TryItPanel::setRequest(const QString &method, const QString &path, const QStringList &queryNames,
                            bool hasBody)
{
    const int index = m_method->findText(method.toUpper());
    if (index >= 0)
        m_method->setCurrentIndex(index);
    m_path->setText(path);
    m_query->setValues({});
    for (const QString &name : queryNames)
        m_query->addRow(name);
    if (!hasBody)
        m_body->clear();
    else if (m_body->toPlainText().trimmed().isEmpty())
        m_body->setPlainText(QStringLiteral("{\n  \"resource\": []\n}"));
}

void TryItPanel::send()
{
    if (m_call)
        return;
    QString path = m_path->text().trimmed();
    while (path.startsWith(QLatin1Char('/')))
        path.remove(0, 1);
    if (path.startsWith(QLatin1String("api/v2/")))
        path.remove(0, 7);
    if (path.isEmpty()) {
        m_status->setText(tr("Enter a path, e.g. demo/_table/customers."));
        return;
    }
    if (path.contains(QLatin1Char('{'))) {
        m_status->setText(tr("Replace the {placeholders} in the path before sending."));
        return;
    }
    QJsonValue body;
    const QString bodyText = m_body->toPlainText().trimmed();
    if (!bodyText.isEmpty()) {
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(bodyText.toUtf8(), &error);
        if (error.error != QJsonParseError::NoError) {
            m_status->setText(tr("The body is not valid JSON: %1 (at character %2).")
                                  .arg(error.errorString())
                                  .arg(error.offset));
            return;
        }
        body = document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
    }
    QStringList query;
    const QJsonObject parameters = m_query->values();
    for (auto it = parameters.begin(); it != parameters.end(); ++it)
        if (!it.key().isEmpty() && !it.value().toString().isEmpty())
            query << QString::fromLatin1(QUrl::toPercentEncoding(it.key()) + '=' +
                                         QUrl::toPercentEncoding(it.value().toString()));
    // A query typed into the path is kept.
    QString target = path;
    if (!query.isEmpty())
        target += (target.contains(QLatin1Char('?')) ? QLatin1Char('&') : QLatin1Char('?')) +
                  query.join(QLatin1Char('&'));

    m_call = new QObject(this);
    setBusy(true);
    m_status->setText(tr("Sending…"));
    m_requestId->clear();
    m_response->clear();
    m_timer.start();
    m_client->send(m_method->currentText().toLatin1(), target, body, m_call, [this](const ApiReply &reply) {
        const qint64 elapsed = m_timer.elapsed();
        m_call->deleteLater();
        m_call = nullptr;
        setBusy(false);
        showReply(reply, elapsed);
        Q_EMIT finished();
    });
}

void TryItPanel::cancel()
{
    if (!m_call)
        return;
    delete m_call; // aborts the transfer; the callback is not called
    setBusy(false);
    m_status->setText(tr("Cancelled after %1 ms.").arg(m_timer.elapsed()));
    Q_EMIT finished();
}

void TryItPanel::showReply(const ApiReply &reply, qint64 elapsedMs)
{
    if (reply.status == 0) {
        m_status->setText(tr("No answer: %1").arg(reply.errorMessage));
    } else if (reply.ok()) {
        m_status->setText(tr("Status %1 · %2 ms").arg(reply.status).arg(elapsedMs));
    } else {
        m_status->setText(
            tr("Status %1 · %2 ms · %3").arg(reply.status).arg(elapsedMs).arg(reply.errorMessage));
    }
    m_requestId->setText(reply.requestId.isEmpty() ? QString() : tr("Request id: %1").arg(reply.requestId));
    m_response->setPlainText(bodyText(reply));
}

void TryItPanel::setBusy(bool busy)
{
    m_send->setEnabled(!busy);
    m_cancel->setEnabled(busy);
    m_progress->setVisible(busy);
}

QString TryItPanel::statusText() const
{
    return m_status->text();
}

QString TryItPanel::responseText() const
{
    return m_response->toPlainText();
}

QString TryItPanel::requestIdText() const
{
    return m_requestId->text();
}

QString TryItPanel::bodyText(const ApiReply &reply)
{
    if (reply.body.isObject() || reply.body.isArray())
        return JsonText::indented(reply.body);
    if (reply.rawBody.isEmpty())
        return tr("(The answer has no body.)");
    const QString contentType =
        reply.contentType.isEmpty() ? tr("no content type") : QString::fromLatin1(reply.contentType);
    // Text is what decodes as UTF-8 without control characters other than line breaks and tabs;
    // anything else would only show as noise.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString text = decoder(reply.rawBody.left(kMaxShownBytes));
    // The decoder keeps a sequence cut at the limit as state, so an error means invalid bytes.
    const bool binary = decoder.hasError();
    const bool controls = std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() < 0x20 && c != QLatin1Char('\n') && c != QLatin1Char('\r') &&
               c != QLatin1Char('\t');
    });
    if (binary || controls)
        return tr("(A binary answer: %n byte(s) of %1.)", nullptr, int(reply.rawBody.size()))
            .arg(contentType);
    if (reply.rawBody.size() > kMaxShownBytes)
        return text + QLatin1Char('\n') +
               tr("(The first %1 of %2 bytes of %3.)")
                   .arg(kMaxShownBytes)
                   .arg(reply.rawBody.size())
                   .arg(contentType);
    return text;
}
} // namespace gatehouse
