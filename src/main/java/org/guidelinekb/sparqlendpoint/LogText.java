package org.guidelinekb.sparqlendpoint;

/**
 * Text from a caller, made safe for one log line: control characters and line or paragraph separators become
 * {@code \\uXXXX} (so no caller can start a forged line), and anything past {@value #MAX_CHARS} characters is cut,
 * with the full length noted (so no caller can flood the log).
 */
public final class LogText {
    public static final int MAX_CHARS = 200;

    private LogText() { }

    public static String of(String text) {
        if (text == null) return "<none>";
        StringBuilder sb = new StringBuilder();
        int end = Math.min(text.length(), MAX_CHARS);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_CHARS) sb.append(" … (").append(text.length()).append(" characters)");
        return sb.toString();
    }
}
