#pragma once

#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>

#include "core/Json.h"

namespace gatehouse {

// Redacts personal data from AI prompts and responses: e-mail addresses, US SSNs, card numbers
// (Luhn-checked) and phone numbers with FieldMasker's detectors (the same tokens: [EMAIL],
// [SSN], [CARD], [PHONE]), then every custom regular expression of the connection ([REDACTED]).
// Built once per connection configuration; const and thread-safe afterwards.
class PiiRedactor
{
public:
    PiiRedactor() = default;
    explicit PiiRedactor(const QStringList &customPatterns);

    // Empty when every custom pattern compiled; otherwise names the first bad one (the bad
    // patterns are skipped, the built-in detectors still run).
    QString error() const { return m_error; }

    QString redact(const QString &text) const;
    // OpenAI Chat Completions `messages`: string contents, text parts of content arrays, and
    // tool call arguments (a JSON text, redacted as text). Anything else is left as it is.
    void redactMessages(Json &openAiMessages) const;

    static QString customToken() { return QStringLiteral("[REDACTED]"); }

private:
    void redactString(Json &value) const;

    QList<QRegularExpression> m_custom;
    QString m_error;
};
} // namespace gatehouse
