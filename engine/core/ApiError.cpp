#include "ApiError.h"

namespace gatehouse {

ApiError::ApiError(int status, QString message, Json context, int code)
    : m_status(status)
    , m_code(code == 0 ? status : code)
    , m_message(std::move(message))
    , m_context(std::move(context))
    , m_what(m_message.toStdString())
{
}

const char *ApiError::what() const noexcept
{
    return m_what.c_str();
}

Json ApiError::toJson() const
{
    return Json{{"error",
                 {{"code", m_code},
                  {"message", htmlEscape(m_message)},
                  {"status_code", m_status},
                  {"context", m_context}}}};
}

QString htmlEscape(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text) {
        switch (c.unicode()) {
        case '&':
            out += QLatin1String("&amp;");
            break;
        case '<':
            out += QLatin1String("&lt;");
            break;
        case '>':
            out += QLatin1String("&gt;");
            break;
        case '"':
            out += QLatin1String("&quot;");
            break;
        case '\'':
            out += QLatin1String("&#039;");
            break;
        default:
            out += c;
        }
    }
    return out;
}

QString htmlUnescape(const QString &text)
{
    if (!text.contains(QLatin1Char('&')))
        return text;
    QString out = text;
    out.replace(QLatin1String("&lt;"), QLatin1String("<"))
        .replace(QLatin1String("&gt;"), QLatin1String(">"))
        .replace(QLatin1String("&quot;"), QLatin1String("\""))
        .replace(QLatin1String("&#039;"), QLatin1String("'"))
        .replace(QLatin1String("&amp;"), QLatin1String("&"));
    return out;
}
} // namespace gatehouse
