package io.jsock.testing;

import com.eclipsesource.json.JsonArray;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON as the peers speak it ({@code ip -j}, the Python side of the parity tests), through
 * minimal-json, in plain Java values: objects are maps (in their order), arrays lists, integers
 * longs, other numbers doubles, and the rest strings, booleans and null.
 */
public final class Json {
    private Json() {}

    /** The value {@code text} holds; an IllegalArgumentException if it is not JSON. */
    public static Object parse(String text) {
        try {
            return plain(com.eclipsesource.json.Json.parse(text));
        } catch (com.eclipsesource.json.ParseException e) {
            throw new IllegalArgumentException("JSON: " + e.getMessage(), e);
        }
    }

    /**
     * {@code value} (null, Boolean, Integer, Long, String, List, Map) as JSON text in ASCII: what
     * is not ASCII is written as {@code \}{@code uXXXX}, so the text means the same whatever
     * encoding the reader assumes.
     */
    public static String write(Object value) {
        String text = json(value).toString();
        StringBuilder ascii = new StringBuilder(text.length());
        for (char c : text.toCharArray()) { // outside strings JSON is ASCII already
            if (c > 0x7e) ascii.append(String.format("\\u%04x", (int) c));
            else ascii.append(c);
        }
        return ascii.toString();
    }

    private static Object plain(JsonValue v) {
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (JsonObject.Member member : v.asObject()) m.put(member.getName(), plain(member.getValue()));
            return m;
        }
        if (v.isArray()) {
            List<Object> l = new ArrayList<>();
            for (JsonValue item : v.asArray()) l.add(plain(item));
            return l;
        }
        if (v.isString()) return v.asString();
        if (v.isBoolean()) return v.asBoolean();
        if (v.isNull()) return null;
        String number = v.toString(); // the number as it was written
        return number.matches("-?\\d+") ? (Object) Long.parseLong(number) : (Object) Double.parseDouble(number);
    }

    private static JsonValue json(Object v) {
        if (v == null) return com.eclipsesource.json.Json.NULL;
        if (v instanceof Boolean b) return com.eclipsesource.json.Json.value(b);
        if (v instanceof Integer || v instanceof Long) return com.eclipsesource.json.Json.value(((Number) v).longValue());
        if (v instanceof String s) return com.eclipsesource.json.Json.value(s);
        if (v instanceof List<?> list) {
            JsonArray a = new JsonArray();
            for (Object item : list) a.add(json(item));
            return a;
        }
        if (v instanceof Map<?, ?> map) {
            JsonObject o = new JsonObject();
            for (Map.Entry<?, ?> e : map.entrySet()) o.add(String.valueOf(e.getKey()), json(e.getValue()));
            return o;
        }
        throw new IllegalArgumentException("no JSON form for " + v.getClass());
    }
}
