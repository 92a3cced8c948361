package egovframework.msa.sample.support.logging;

/**
 * Text from outside (a path, a header, a message id) as part of one plain log line: CR, LF and the other
 * control characters become escapes ({@code \r}, {@code \n}, {@code \u001b}), so no caller can start a line
 * of its own that reads like the service's. Tabs stay. The JSON layout needs none of this: JSON escapes them.
 */
final class OneLine {

    private OneLine() {
    }

    /** The text with its control characters escaped; the same instance when it has none. */
    static String escape(String text) {
        if (text == null || text.chars().noneMatch(OneLine::escaped)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                out.append("\\r");
            } else if (c == '\n') {
                out.append("\\n");
            } else if (escaped(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** C0 and C1 controls, DEL, and the Unicode line and paragraph separators; not the tab. */
    private static boolean escaped(int c) {
        return (Character.isISOControl(c) && c != '\t') || c == '\u2028' || c == '\u2029';
    }
}
