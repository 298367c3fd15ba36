package io.llgate.server.http;

import io.llgate.server.kernel.Refusal;
import io.llgate.protocol.RetCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A browser form body ({@code application/x-www-form-urlencoded}). A browser encodes the fields in its
 * page's charset, which the form itself may declare, so the body is first split into raw bytes and only
 * then decoded, once the charset is known.
 */
public final class FormBody {
    private static final Charset GB18030 = Charset.forName("GB18030");

    private record Pair(byte[] name, byte[] value) {
    }

    private final List<Pair> pairs;

    private FormBody(List<Pair> pairs) {
        this.pairs = pairs;
    }

    /**
     * The charset that decodes a form from a page in the named charset: UTF-8, GBK, GB2312 or GB18030, in any
     * case. Browsers encode the forms of GBK and GB2312 pages as GBK, which GB18030 decodes (WHATWG Encoding
     * Standard), so all three decode as GB18030.
     */
    public static Optional<Charset> decoderFor(String charsetName) {
        return switch (charsetName.trim().toUpperCase(Locale.ROOT)) {
            case "UTF-8" -> Optional.of(StandardCharsets.UTF_8);
            case "GBK", "GB2312", "GB18030" -> Optional.of(GB18030);
            default -> Optional.empty();
        };
    }

    /** Splits the body into fields; 1012 when a percent escape is broken. */
    public static FormBody parse(byte[] body) {
        List<Pair> pairs = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= body.length; i++) {
            if (i == body.length || body[i] == '&') {
                if (i > start) {
                    int equals = indexOf(body, (byte) '=', start, i);
                    int nameEnd = equals < 0 ? i : equals;
                    pairs.add(new Pair(unescape(body, start, nameEnd),
                            equals < 0 ? new byte[0] : unescape(body, equals + 1, i)));
                }
                start = i + 1;
            }
        }
        return new FormBody(pairs);
    }

    /**
     * The value of the first field called {@code name} read as ASCII: how a field that names the charset is
     * read before the charset is known. Empty when absent or when it is not ASCII.
     */
    public Optional<String> ascii(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.US_ASCII);
        for (Pair pair : pairs) {
            if (Arrays.equals(pair.name(), wanted)) {
                for (byte b : pair.value()) {
                    if (b < 0) {
                        return Optional.empty();
                    }
                }
                return Optional.of(new String(pair.value(), StandardCharsets.US_ASCII));
            }
        }
        return Optional.empty();
    }

    /**
     * Every field decoded with {@code charset}, in the order sent; a repeated name keeps its first value,
     * as servlet containers' {@code getParameter} does. Throws {@link CharacterCodingException} when the
     * bytes are not text in that charset.
     */
    public LinkedHashMap<String, String> decode(Charset charset) throws CharacterCodingException {
        LinkedHashMap<String, String> fields = new LinkedHashMap<>();
        for (Pair pair : pairs) {
            fields.putIfAbsent(text(pair.name(), charset), text(pair.value(), charset));
        }
        return fields;
    }

    private static String text(byte[] bytes, Charset charset) throws CharacterCodingException {
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes))
                .toString();
    }

    private static byte[] unescape(byte[] body, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        for (int i = from; i < to; i++) {
            byte b = body[i];
            if (b == '+') {
                out.write(' ');
            } else if (b == '%') {
                if (i + 2 >= to) {
                    throw Refusal.of(RetCode.UNPARSABLE);
                }
                int high = Character.digit(body[i + 1], 16);
                int low = Character.digit(body[i + 2], 16);
                if (high < 0 || low < 0) {
                    throw Refusal.of(RetCode.UNPARSABLE);
                }
                out.write(high << 4 | low);
                i += 2;
            } else {
                out.write(b);
            }
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] body, byte wanted, int from, int to) {
        for (int i = from; i < to; i++) {
            if (body[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}
