package io.jsock.netdb;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON spoken with the Python peer: objects are Maps, arrays Lists, integers Longs. Bytes
 * travel as {"bytes": hex} and Python tuples as {"tuple": [...]}.
 */
final class Json {
    private Json() {}

    /** An argument Python must receive as a tuple (a sockaddr). */
    record Tuple(List<Object> items) {}

    static String write(Object v) {
        StringBuilder b = new StringBuilder();
        write(v, b);
        return b.toString();
    }

    private static void write(Object v, StringBuilder b) {
        if (v == null) {
            b.append("null");
        } else if (v instanceof Boolean || v instanceof Integer || v instanceof Long) {
            b.append(v);
        } else if (v instanceof String s) {
            b.append('"');
            for (char c : s.toCharArray()) {
                if (c == '"' || c == '\\') b.append('\\').append(c);
                else if (c < 0x20 || c > 0x7e) b.append(String.format("\\u%04x", (int) c));
                else b.append(c);
            }
            b.append('"');
        } else if (v instanceof byte[] bytes) {
            write(Map.of("bytes", HexFormat.of().formatHex(bytes)), b);
        } else if (v instanceof Tuple t) {
            write(Map.of("tuple", t.items()), b);
        } else if (v instanceof List<?> list) {
            b.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) b.append(',');
                write(list.get(i), b);
            }
            b.append(']');
        } else if (v instanceof Map<?, ?> map) {
            b.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (!first) b.append(',');
                first = false;
                write(String.valueOf(e.getKey()), b);
                b.append(':');
                write(e.getValue(), b);
            }
            b.append('}');
        } else {
            throw new IllegalArgumentException("no JSON form for " + v.getClass());
        }
    }

    static Object parse(String text) {
        Json.Parser p = new Json.Parser(text);
        Object v = p.value();
        p.skipSpace();
        if (p.at != text.length()) throw p.error("trailing text");
        return v;
    }

    private static final class Parser {
        private final String s;
        private int at;

        Parser(String s) {
            this.s = s;
        }

        Object value() {
            skipSpace();
            if (at >= s.length()) throw error("unexpected end");
            char c = s.charAt(at);
            switch (c) {
                case '{': return object();
                case '[': return array();
                case '"': return string();
                case 't': return literal("true", Boolean.TRUE);
                case 'f': return literal("false", Boolean.FALSE);
                case 'n': return literal("null", null);
                default: return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            at++;
            skipSpace();
            if (s.charAt(at) == '}') {
                at++;
                return m;
            }
            for (;;) {
                skipSpace();
                String key = string();
                skipSpace();
                expect(':');
                m.put(key, value());
                skipSpace();
                if (s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect('}');
                return m;
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            at++;
            skipSpace();
            if (s.charAt(at) == ']') {
                at++;
                return list;
            }
            for (;;) {
                list.add(value());
                skipSpace();
                if (s.charAt(at) == ',') {
                    at++;
                    continue;
                }
                expect(']');
                return list;
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            for (;;) {
                char c = s.charAt(at++);
                if (c == '"') return b.toString();
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = s.charAt(at++);
                switch (e) {
                    case 'n': b.append('\n'); break;
                    case 't': b.append('\t'); break;
                    case 'r': b.append('\r'); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'u':
                        b.append((char) Integer.parseInt(s.substring(at, at + 4), 16));
                        at += 4;
                        break;
                    default: b.append(e);
                }
            }
        }

        private Object number() {
            int start = at;
            while (at < s.length() && "+-0123456789.eE".indexOf(s.charAt(at)) >= 0) at++;
            String n = s.substring(start, at);
            if (n.isEmpty()) throw error("unexpected character");
            if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.parseDouble(n);
            return Long.parseLong(n);
        }

        private Object literal(String word, Object v) {
            if (!s.startsWith(word, at)) throw error("expected " + word);
            at += word.length();
            return v;
        }

        private void expect(char c) {
            if (at >= s.length() || s.charAt(at) != c) throw error("expected '" + c + "'");
            at++;
        }

        void skipSpace() {
            while (at < s.length() && Character.isWhitespace(s.charAt(at))) at++;
        }

        IllegalArgumentException error(String why) {
            return new IllegalArgumentException("JSON: " + why + " at " + at);
        }
    }
}
