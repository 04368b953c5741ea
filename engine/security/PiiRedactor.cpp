#include "PiiRedactor.h"

#include "FieldMaskRule.h"
#include "FieldMasker.h"

namespace gatehouse {
namespace {
// A custom pattern is an administrator's text run against every prompt: refuse ones long
// enough to hint at a mistake.
constexpr int kMaxPatternLength = 1000;
} // namespace

PiiRedactor::PiiRedactor(const QStringList &customPatterns)
{
    for (const QString &pattern : customPatterns) {
        if (pattern.isEmpty())
            continue;
        QRegularExpression re(pattern, QRegularExpression::UseUnicodePropertiesOption);
        if (pattern.size() > kMaxPatternLength || !re.isValid()) {
            if (m_error.isEmpty())
                m_error =
                    pattern.size() > kMaxPatternLength
                        ? QStringLiteral("Redaction pattern is longer than %1 characters.")
                              .arg(kMaxPatternLength)
                        : QStringLiteral("Invalid redaction pattern '%1': %2").arg(pattern, re.errorString());
            continue;
        }
        re.optimize();
        m_custom.append(std::move(re));
    }
}

QString PiiRedactor::redact(const QString &text) const
{
    if (text.isEmpty())
        return text;
    QString out = FieldMasker::detect(text, FieldMaskRule::detectorNames());
    for (const QRegularExpression &re : m_custom) {
        QString next;
        qsizetype last = 0;
        QRegularExpressionMatchIterator it = re.globalMatch(out);
        bool any = false;
        while (it.hasNext()) {
            const QRegularExpressionMatch match = it.next();
            if (match.capturedLength() == 0)
                continue; // an empty match redacts nothing
            any = true;
            next += QStringView(out).mid(last, match.capturedStart() - last);
            next += customToken();
            last = match.capturedEnd();
        }
        if (!any)
            continue;
        next += QStringView(out).mid(last);
        out = next;
    }
    return out;
}

void PiiRedactor::redactString(Json &value) const
{
    if (value.is_string())
        value = redact(QString::fromStdString(value.get<std::string>())).toStdString();
}

void PiiRedactor::redactMessages(Json &openAiMessages) const
{
    if (!openAiMessages.is_array())
        return;
    for (Json &message : openAiMessages) {
        if (!message.is_object())
            continue;
        const auto content = message.find("content");
        if (content != message.end()) {
            if (content->is_string()) {
                redactString(*content);
            } else if (content->is_array()) {
                for (Json &part : *content) {
                    if (part.is_string())
                        redactString(part);
                    else if (part.is_object() && part.contains("text"))
                        redactString(part["text"]);
                }
            }
        }
        // Tool results and reasoning text some providers echo back.
        for (const char *key : {"reasoning_content", "refusal"})
            if (message.contains(key))
                redactString(message[key]);
        const auto calls = message.find("tool_calls");
        if (calls != message.end() && calls->is_array()) {
            for (Json &call : *calls) {
                if (!call.is_object())
                    continue;
                const auto function = call.find("function");
                if (function != call.end() && function->is_object() && function->contains("arguments"))
                    redactString((*function)["arguments"]);
            }
        }
        // Legacy single function call.
        const auto functionCall = message.find("function_call");
        if (functionCall != message.end() && functionCall->is_object() && functionCall->contains("arguments"))
            redactString((*functionCall)["arguments"]);
    }
}
} // namespace gatehouse
