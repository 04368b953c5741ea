#pragma once

#include <vector>

#include <QByteArray>

namespace gatehouse {

// Splits a newline-delimited JSON body into lines, whatever the byte boundaries. Lines end with
// LF or CRLF; blank lines are skipped; finish() returns a last line that had no newline.
class NdjsonDecoder
{
public:
    static constexpr qsizetype kMaxLine = 16 * 1024 * 1024;

    void feed(const QByteArray &bytes, std::vector<QByteArray> &lines);
    void finish(std::vector<QByteArray> &lines);

private:
    void emitLine(std::vector<QByteArray> &lines);

    QByteArray m_line;
};
} // namespace gatehouse
