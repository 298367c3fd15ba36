package io.llgate.server.http;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.llgate.protocol.FieldRules;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the admin and sandbox APIs read from a request: the JSON body, query and path parameters, each with the
 * type and length it must have. Every refusal is an {@link AdminException} 400 naming the field, so that no
 * route hands the database text it cannot store (a NUL on PostgreSQL, a name longer than its column).
 */
public final class AdminInput {
    /** The largest admin body: an operator's call is a few fields, never a file. */
    public static final int MAX_BODY_BYTES = 1 << 20;
    /** The longest query or path parameter any admin call takes. */
    static final int MAX_PARAMETER_LENGTH = 256;

    /** Refuses a field given twice, which would otherwise read as its last value. */
    private static final ObjectMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(32).build())
                    .build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private AdminInput() {
    }

    /**
     * Refuses a request whose query or path parameters hold control characters or are longer than any admin
     * call takes, before a route reads them; installed once for every admin and sandbox route.
     */
    public static Handler parameterGuard() {
        return ctx -> {
            for (Map.Entry<String, String> param : ctx.pathParamMap().entrySet()) {
                checkText(param.getKey(), param.getValue(), MAX_PARAMETER_LENGTH);
            }
            for (Map.Entry<String, List<String>> param : ctx.queryParamMap().entrySet()) {
                checkText("query parameter name", param.getKey(), MAX_PARAMETER_LENGTH);
                for (String value : param.getValue()) {
                    checkText(param.getKey(), value, MAX_PARAMETER_LENGTH);
                }
            }
        };
    }

    /** A query parameter, trimmed; empty when absent or blank. */
    public static Optional<String> query(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(checkText(name, value, MAX_PARAMETER_LENGTH).trim());
    }

    /** A whole-number query parameter from {@code min} to {@code max}; empty when absent or blank. */
    public static Optional<Integer> wholeNumber(Context ctx, String name, int min, int max) {
        return query(ctx, name).map(text -> wholeNumber(name, text, min, max));
    }

    /** An instant query parameter (see {@link #instant(String, String)}); empty when absent or blank. */
    public static Optional<Instant> instant(Context ctx, String name) {
        return query(ctx, name).map(text -> instant(name, text));
    }

    /**
     * An ISO-8601 instant such as {@code 2024-06-12T08:00:00Z}, or a date and time without a zone (what a browser's
     * date-time field sends), taken as UTC.
     */
    public static Instant instant(String name, String text) {
        // A "+" of an offset arrives as a space when a query string was not encoded.
        String trimmed = text.trim().replace(' ', '+');
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(trimmed).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException local) {
                throw new AdminException(400, name + " must be an ISO-8601 instant such as 2024-06-12T08:00:00Z, not "
                        + text);
            }
        }
    }

    /** A true/false query parameter; empty when absent or blank. */
    public static Optional<Boolean> bool(Context ctx, String name) {
        return query(ctx, name).map(text -> switch (text) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new AdminException(400, name + " must be true or false");
        });
    }

    /** The request body as a JSON object; an empty body reads as an empty object. */
    public static Body body(Context ctx) {
        byte[] bytes;
        try {
            bytes = RequestBody.readAtMost(ctx, MAX_BODY_BYTES)
                    .orElseThrow(() -> new AdminException(413, "the body is larger than " + (MAX_BODY_BYTES >> 20)
                            + " MB"));
        } catch (IOException e) {
            throw new AdminException(400, "the body could not be read");
        }
        if (bytes.length == 0) {
            return new Body(STRICT.createObjectNode());
        }
        JsonNode node;
        try {
            node = STRICT.readTree(bytes);
        } catch (IOException e) {
            throw new AdminException(400, "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new AdminException(400, "the body must be a JSON object");
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            checkText("a field name", names.next(), MAX_PARAMETER_LENGTH);
        }
        return new Body(node);
    }

    /**
     * A browser form's fields as an admin request body, so that a console form is checked by the same code as the
     * admin API's JSON: blank fields are left out, {@code true} and {@code false} become JSON booleans, a field
     * named in {@code lists} is split on commas and line breaks into a list ({@code *} alone is JSON null), and one named in {@code numbers} becomes a
     * JSON number when it reads as one.
     */
    public static Body form(Map<String, String> fields, Set<String> lists, Set<String> numbers) {
        ObjectNode node = STRICT.createObjectNode();
        fields.forEach((name, value) -> {
            checkText("a field name", name, MAX_PARAMETER_LENGTH);
            if (value == null || value.isBlank()) {
                return;
            }
            if (lists.contains(name) && value.trim().equals("*")) {
                // A list field's "*" is the JSON null that clears it: any address, every product.
                node.putNull(name);
            } else if (lists.contains(name)) {
                node.put(name, String.join(",", Arrays.stream(value.split("[,\\r\\n]+"))
                        .map(String::trim).filter(t -> !t.isEmpty()).toList()));
            } else if (numbers.contains(name) && value.trim().matches("-?\\d{1,12}(\\.\\d{1,6})?")) {
                BigDecimal number = new BigDecimal(value.trim());
                if (number.scale() <= 0) {
                    node.put(name, number.longValueExact());
                } else {
                    node.put(name, number.doubleValue());
                }
            } else if (value.equals("true") || value.equals("false")) {
                node.put(name, Boolean.parseBoolean(value));
            } else {
                node.put(name, value);
            }
        });
        return new Body(node);
    }

    /** A JSON object body whose fields are read with the type they must have. */
    public static final class Body {
        private final JsonNode node;

        private Body(JsonNode node) {
            this.node = node;
        }

        /** True when the field is present, JSON null included. */
        public boolean given(String name) {
            return node.has(name);
        }

        /** True when the field is present and not JSON null. */
        public boolean has(String name) {
            JsonNode value = node.get(name);
            return value != null && !value.isNull();
        }

        /** A JSON string of at most {@code maxLength} characters, without control characters; empty when absent or null. */
        public Optional<String> text(String name, int maxLength) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw new AdminException(400, name + " must be a JSON string");
            }
            return Optional.of(checkText(name, value.textValue(), maxLength));
        }

        /** The same, trimmed, and refused when absent, null or blank. */
        public String required(String name, int maxLength) {
            return text(name, maxLength).map(String::trim).filter(t -> !t.isEmpty())
                    .orElseThrow(() -> new AdminException(400, name + " is required"));
        }

        /** A JSON string that may span lines (a PEM key), otherwise as {@link #text}. */
        public Optional<String> lines(String name, int maxLength) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isTextual()) {
                throw new AdminException(400, name + " must be a JSON string");
            }
            String text = value.textValue();
            checkText(name, text.replace('\n', ' ').replace('\r', ' ').replace('\t', ' '), maxLength);
            return Optional.of(text);
        }

        /** A list given as a JSON array of strings or as one comma-separated string, as comma-separated text. */
        public Optional<String> list(String name, int maxLength) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (value.isTextual()) {
                return text(name, maxLength);
            }
            if (!value.isArray()) {
                throw new AdminException(400, name + " must be a JSON array of strings or a comma-separated string");
            }
            StringBuilder text = new StringBuilder();
            for (JsonNode item : value) {
                if (!item.isTextual()) {
                    throw new AdminException(400, name + " must be a JSON array of strings or a comma-separated string");
                }
                text.append(text.isEmpty() ? "" : ",").append(item.textValue());
                if (text.length() > maxLength) {
                    break;
                }
            }
            return Optional.of(checkText(name, text.toString(), maxLength));
        }

        /** A JSON true or false; empty when absent or null. */
        public Optional<Boolean> bool(String name) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isBoolean()) {
                throw new AdminException(400, name + " must be true or false");
            }
            return Optional.of(value.booleanValue());
        }

        /** A JSON whole number from {@code min} to {@code max} of {@code unit}; empty when absent or null. */
        public Optional<Integer> wholeNumber(String name, int min, int max, String unit) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < min || value.intValue() > max) {
                throw new AdminException(400, name + " must be a whole number from " + min + " to " + max + " " + unit);
            }
            return Optional.of(value.intValue());
        }

        /** A JSON number above {@code 0} and at most {@code max}; empty when absent or null. */
        public Optional<Double> positiveNumber(String name, double max, String meaning) {
            JsonNode value = node.get(name);
            if (value == null || value.isNull()) {
                return Optional.empty();
            }
            double number = value.isNumber() ? value.doubleValue() : Double.NaN;
            if (!(number > 0 && number <= max)) {
                throw new AdminException(400, name + " must be a number of " + meaning + " above 0 and at most "
                        + (max == Math.rint(max) ? String.valueOf((long) max) : String.valueOf(max)));
            }
            return Optional.of(number);
        }
    }

    private static int wholeNumber(String name, String text, int min, int max) {
        long value;
        try {
            value = text.matches("[+-]?\\d{1,10}") ? Long.parseLong(text) : Long.MIN_VALUE;
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) {
            throw new AdminException(400, name + " must be a whole number from " + min + " to " + max);
        }
        return (int) value;
    }

    /**
     * Refuses text with control characters or an unpaired surrogate (neither database stores them as given), or
     * longer than {@code maxLength} characters, counted as the merchant API counts them ({@link FieldRules#length}).
     */
    static String checkText(String name, String text, int maxLength) {
        if (FieldRules.length(text) > maxLength) {
            throw new AdminException(400, name + " is too long: at most " + maxLength + " characters");
        }
        if (!FieldRules.isLineOfText(text)) {
            throw new AdminException(400, name + (text.chars().anyMatch(Character::isISOControl)
                    ? " must not hold control characters" : " is not valid text"));
        }
        return text;
    }
}
