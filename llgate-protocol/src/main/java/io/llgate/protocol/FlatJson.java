package io.llgate.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and writes flat wire messages: one JSON object whose values are kept as the exact
 * text the sender wrote, because signatures cover that text.
 */
public final class FlatJson {
    // Jackson's defaults already refuse comments, single quotes, trailing commas and NaN.
    // Field names are not canonicalized so untrusted keys do not fill a shared symbol table.
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    private FlatJson() {
    }

    /**
     * The members of a UTF-8 JSON object, keys exactly as received, in order. Strings give
     * their decoded text, numbers and booleans their literal text, null gives null, and
     * nested objects or arrays their compact JSON text.
     */
    public static LinkedHashMap<String, String> parse(byte[] utf8) throws MalformedMessageException {
        if (utf8 == null) {
            return parse((String) null);
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new MalformedMessageException("the message is not valid UTF-8", false);
        }
        return parse(text);
    }

    /** Same as {@link #parse(byte[])}, from text. */
    public static LinkedHashMap<String, String> parse(String json) throws MalformedMessageException {
        String text = json == null ? "" : withoutByteOrderMark(json);
        if (isJsonWhitespace(text)) {
            throw new MalformedMessageException("the message is empty", true);
        }
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedMessageException("the message is not a JSON object", false);
            }
            LinkedHashMap<String, String> fields = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                parser.nextToken();
                fields.put(name, valueText(parser));
            }
            if (parser.nextToken() != null) {
                throw new MalformedMessageException("unexpected content after the JSON object", false);
            }
            return fields;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("invalid JSON: " + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A compact JSON object with every non-null value written as a JSON string, in the map's
     * order; non-ASCII text is written as is, not as {@code \}{@code u} escapes.
     */
    public static String write(Map<String, String> fields) {
        return write(fields, Set.of());
    }

    /**
     * As {@link #write(Map)}, but the members named in {@code jsonMembers} hold JSON text (a list the gateway built
     * with {@link #array}) and are written as that JSON, not as a string: LianLian's clients read lists as real
     * arrays (14 D12).
     */
    public static String write(Map<String, String> fields, Set<String> jsonMembers) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartObject();
            for (Map.Entry<String, String> field : fields.entrySet()) {
                if (field.getValue() == null) {
                    continue;
                }
                if (jsonMembers.contains(field.getKey())) {
                    generator.writeFieldName(field.getKey());
                    generator.writeRawValue(field.getValue());
                } else {
                    generator.writeStringField(field.getKey(), field.getValue());
                }
            }
            generator.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A compact JSON array of flat objects, members in each map's order, every value a string: the text
     * {@link #parse} gives for such an array, so it is also the text a signature over the list covers (14 D13).
     */
    public static String array(List<? extends Map<String, String>> elements) {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            generator.writeStartArray();
            for (Map<String, String> element : elements) {
                generator.writeStartObject();
                for (Map.Entry<String, String> member : element.entrySet()) {
                    generator.writeStringField(member.getKey(), member.getValue());
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The elements of a JSON array of objects (a list member as {@link #parse} gives it), each read as
     * {@link #parse} reads a message.
     */
    public static List<LinkedHashMap<String, String>> parseArray(String json) throws MalformedMessageException {
        String text = json == null ? "" : json;
        try (JsonParser parser = JSON.createParser(text)) {
            if (parser.nextToken() != JsonToken.START_ARRAY) {
                throw new MalformedMessageException("the list is not a JSON array", isJsonWhitespace(text));
            }
            List<LinkedHashMap<String, String>> elements = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                LinkedHashMap<String, String> element = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    element.put(name, valueText(parser));
                }
                elements.add(element);
            }
            if (parser.currentToken() != JsonToken.END_ARRAY || parser.nextToken() != null) {
                throw new MalformedMessageException("the list holds something that is not a JSON object", false);
            }
            return elements;
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("invalid JSON: " + e.getOriginalMessage(), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String valueText(JsonParser parser) throws IOException {
        return switch (parser.currentToken()) {
            case VALUE_NULL -> null;
            case START_OBJECT, START_ARRAY -> compactText(parser);
            // For numbers getText() is the literal as written, so "1.10" stays "1.10".
            default -> parser.getText();
        };
    }

    private static String compactText(JsonParser parser) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(out)) {
            copy(parser, generator);
        }
        return out.toString();
    }

    // Recursion is bounded by Jackson's nesting limit (1000 levels by default).
    private static void copy(JsonParser parser, JsonGenerator generator) throws IOException {
        switch (parser.currentToken()) {
            case START_OBJECT -> {
                generator.writeStartObject();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    generator.writeFieldName(parser.currentName());
                    parser.nextToken();
                    copy(parser, generator);
                }
                generator.writeEndObject();
            }
            case START_ARRAY -> {
                generator.writeStartArray();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    copy(parser, generator);
                }
                generator.writeEndArray();
            }
            case VALUE_STRING -> generator.writeString(parser.getText());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
            case VALUE_TRUE -> generator.writeBoolean(true);
            case VALUE_FALSE -> generator.writeBoolean(false);
            case VALUE_NULL -> generator.writeNull();
            default -> throw new IllegalStateException("unexpected token " + parser.currentToken());
        }
    }

    // RFC 8259 lets parsers ignore a byte order mark, and some Windows clients send one.
    private static String withoutByteOrderMark(String text) {
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    private static boolean isJsonWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
        }
        return true;
    }
}
