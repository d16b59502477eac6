package io.jsock.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text on its way to C. Java's {@code getBytes} turns what UTF-8 cannot encode (a lone
 * surrogate) into {@code '?'}, and C stops at the first NUL: either way the call would act on
 * another name than the caller's. So both are refused here, before any native call.
 */
public final class CStrings {
    private CStrings() {}

    /** The UTF-8 bytes of {@code text}; a lone surrogate is refused. NUL bytes are allowed (abstract names). */
    public static byte[] utf8(String text, String what) {
        CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            ByteBuffer b = encoder.encode(CharBuffer.wrap(text));
            byte[] out = new byte[b.remaining()];
            b.get(out);
            return out;
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(what + " cannot be encoded as UTF-8 (a lone surrogate): \""
                    + escaped(text) + "\"");
        }
    }

    /** A C string's bytes (without the NUL): UTF-8, neither a NUL nor a lone surrogate in it. Null stays null. */
    public static byte[] of(String text, String what) {
        if (text == null) return null;
        byte[] b = utf8(text, what);
        checkNoNul(b, what, text);
        return b;
    }

    /** Refuses a NUL byte inside {@code b}, which C would take for the end of the text. */
    public static void checkNoNul(byte[] b, String what, String text) {
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                throw new IllegalArgumentException(what + " must not contain a NUL character (byte " + i + " of \""
                        + escaped(text) + "\")");
            }
        }
    }

    /** The text with NULs and surrogates written as escapes, so a message shows what was refused. */
    private static String escaped(String text) {
        StringBuilder b = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == 0 || Character.isSurrogate(c)) b.append(String.format("\\u%04x", (int) c));
            else b.append(c);
        }
        return b.toString();
    }
}
