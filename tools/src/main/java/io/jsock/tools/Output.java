package io.jsock.tools;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * One output, written either as iproute2's text or as its JSON ({@code -j}), by the same calls:
 * the shape of iproute2's json_print, where each value is printed for both (ANY), for JSON only,
 * or for the text only. JSON is compact, as {@code ip -j} writes it; text goes through a format.
 */
final class Output {
    private final boolean json;
    private final boolean pretty;
    private final StringBuilder out = new StringBuilder();
    /** For each open JSON object or array: whether a member was written yet. */
    private final Deque<boolean[]> open = new ArrayDeque<>();

    Output(boolean json, boolean pretty) {
        this.json = json;
        this.pretty = pretty;
    }

    boolean json() {
        return json;
    }

    // ---- both forms

    /** A string: {@code "key":"value"} in JSON (an element when key is null), {@code format} in text. */
    Output string(String key, String format, String value) {
        jsonString(key, value);
        return text(format, value);
    }

    Output number(String key, String format, long value) {
        if (json) member(key).append(value);
        return text(format, value);
    }

    /** A true flag: {@code "key":true} in JSON, {@code text} in text. */
    Output flag(String key, String text) {
        jsonFlag(key);
        return text(text);
    }

    // ---- one form only

    Output jsonString(String key, String value) {
        if (json) quote(member(key), value);
        return this;
    }

    Output jsonNumber(String key, long value) {
        if (json) member(key).append(value);
        return this;
    }

    Output jsonFlag(String key) {
        if (json) member(key).append("true");
        return this;
    }

    Output jsonNull(String key) {
        if (json) member(key).append("null");
        return this;
    }

    /** Text only: {@code format} with its arguments, or the string itself without any. */
    Output text(String format, Object... args) {
        if (!json) out.append(args.length == 0 ? format : String.format(format, args));
        return this;
    }

    // ---- JSON structure (nothing in text)

    Output openObject(String key) {
        return openBracket(key, '{');
    }

    Output closeObject() {
        return closeBracket('}');
    }

    Output openArray(String key) {
        return openBracket(key, '[');
    }

    Output closeArray() {
        return closeBracket(']');
    }

    private Output openBracket(String key, char bracket) {
        if (json) {
            member(key).append(bracket);
            open.push(new boolean[1]);
        }
        return this;
    }

    private Output closeBracket(char bracket) {
        if (json) {
            boolean any = open.pop()[0];
            if (pretty && any) newline(open.size());
            out.append(bracket);
        }
        return this;
    }

    /** Everything written, ending with a newline in JSON as {@code ip -j} ends. */
    String result() {
        return json ? out + "\n" : out.toString();
    }

    /** Writes the separator and the key of the next member of the innermost object or array. */
    private StringBuilder member(String key) {
        boolean[] first = open.peek();
        if (first != null) {
            if (first[0]) out.append(',');
            first[0] = true;
            if (pretty) newline(open.size());
        }
        if (key != null) {
            quote(out, key).append(pretty ? ": " : ":");
        }
        return out;
    }

    private void newline(int depth) {
        out.append('\n');
        for (int i = 0; i < depth; i++) out.append("  ");
    }

    /** A JSON string: quotes, backslashes and control characters escaped. */
    static StringBuilder quote(StringBuilder b, String s) {
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20) b.append(String.format("\\u%04x", (int) c));
                    else b.append(c);
            }
        }
        return b.append('"');
    }
}
