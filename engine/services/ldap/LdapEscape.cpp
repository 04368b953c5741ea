#include "LdapEscape.h"

namespace gatehouse {
namespace {
void appendHex(QString &out, unsigned char byte)
{
    static const char digits[] = "0123456789abcdef";
    out += QLatin1Char('\\');
    out += QLatin1Char(digits[byte >> 4]);
    out += QLatin1Char(digits[byte & 0x0f]);
}
} // namespace

QString LdapEscape::filterValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QString out;
    out.reserve(utf8.size() + 8);
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        // Everything outside printable ASCII is escaped too: the filter then holds no byte a
        // server or a proxy could read differently (control bytes, overlong or broken UTF-8).
        if (byte == '*' || byte == '(' || byte == ')' || byte == '\\' || byte < 0x20 || byte >= 0x7f)
            appendHex(out, byte);
        else
            out += QLatin1Char(c);
    }
    return out;
}

QString LdapEscape::dnValue(const QString &value)
{
    const QByteArray utf8 = value.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() + 8);
    for (qsizetype i = 0; i < utf8.size(); ++i) {
        const auto byte = static_cast<unsigned char>(utf8.at(i));
        const bool first = i == 0;
        const bool last = i == utf8.size() - 1;
        if (byte < 0x20 || byte == 0x7f) {
            static const char digits[] = "0123456789abcdef";
            out += '\\';
            out += digits[byte >> 4];
            out += digits[byte & 0x0f];
        } else if (byte == ',' || byte == '+' || byte == '"' || byte == '\\' || byte == '<' || byte == '>' ||
                   byte == ';' || byte == '=' || (first && (byte == ' ' || byte == '#')) ||
                   (last && byte == ' ')) {
            out += '\\';
            out += char(byte);
        } else {
            out += char(byte); // UTF-8 is allowed as it is in a DN string (RFC 4514 §2.4)
        }
    }
    return QString::fromUtf8(out);
}
} // namespace gatehouse
