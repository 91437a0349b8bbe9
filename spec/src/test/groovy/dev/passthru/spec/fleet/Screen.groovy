package dev.passthru.spec.fleet

/**
 * What a terminal of a given size shows after some output: printable characters, CR, LF, and the escapes the
 * fleet board uses (cursor up/down, erase line, erase below). Records how far any line ran and how far up the
 * cursor ever went, so a spec can tell that the board stays within the terminal.
 */
class Screen {
    final int columns
    final int rows
    final List<StringBuilder> lines = [new StringBuilder()]
    int row = 0
    int col = 0
    /** The widest any line got. */
    int widest = 0
    /** The furthest the cursor moved up in one move. */
    int highestMove = 0

    Screen(int columns, int rows) {
        this.columns = columns
        this.rows = rows
    }

    Screen feed(String text) {
        int i = 0
        while (i < text.length()) {
            char c = text.charAt(i)
            if (c == '\u001b' as char) {
                java.util.regex.Matcher m = text.substring(i) =~ /^\u001b\[(\d*)([A-Za-z])/
                assert m.find(): "unknown escape at ${i}"
                int n = m.group(1) ? m.group(1) as int : 1
                switch (m.group(2)) {
                    case 'A': highestMove = Math.max(highestMove, n); row -= n; assert row >= 0; break
                    case 'B': row += n; while (lines.size() <= row) lines << new StringBuilder(); break
                    case 'K': lines[row].setLength(0); break
                    case 'J': lines[row].setLength(col); while (lines.size() > row + 1) lines.remove(lines.size() - 1); break
                    default: assert false: "unexpected escape ${m.group(0)}"
                }
                i += m.group(0).length()
                continue
            }
            if (c == '\r' as char) col = 0
            else if (c == '\n' as char) { row++; col = 0; if (lines.size() <= row) lines << new StringBuilder() }
            else {
                StringBuilder l = lines[row]
                while (l.length() < col) l.append(' ')
                if (col < l.length()) l.setCharAt(col, c) else l.append(c)
                col++
                widest = Math.max(widest, col)
            }
            i++
        }
        this
    }

    /** The lines as shown, trailing spaces removed. */
    List<String> text() { lines.collect { it.toString().replaceAll(/\s+$/, '') } }
}
