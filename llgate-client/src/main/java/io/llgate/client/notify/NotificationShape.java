package io.llgate.client.notify;

import io.llgate.client.VerifiedMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How a kind of notification is told apart from the others: the fields it always carries and the fields it never
 * does. A field counts as carried when it is present and not empty, its name matched trimmed as the gateway does.
 *
 * @param present fields every notification of the kind carries
 * @param absent fields no notification of the kind carries
 */
public record NotificationShape(Set<String> present, Set<String> absent) {

    public NotificationShape {
        present = Set.copyOf(new LinkedHashSet<>(present));
        absent = Set.copyOf(new LinkedHashSet<>(absent));
        if (present.isEmpty()) {
            throw new IllegalArgumentException("a notification kind is recognised by at least one field it carries");
        }
        for (String name : present) {
            if (absent.contains(name)) {
                throw new IllegalArgumentException(name + " cannot be both carried and not carried");
            }
        }
    }

    /** The kind whose notifications carry all these fields. */
    public static NotificationShape having(String... fields) {
        return new NotificationShape(Set.of(fields), Set.of());
    }

    /** This shape, for notifications that also never carry these fields. */
    public NotificationShape without(String... fields) {
        Set<String> none = new LinkedHashSet<>(absent);
        none.addAll(List.of(fields));
        return new NotificationShape(present, none);
    }

    /** Whether the message has this shape. */
    public boolean matches(VerifiedMessage message) {
        return present.stream().allMatch(name -> message.field(name).isPresent())
                && absent.stream().noneMatch(name -> message.field(name).isPresent());
    }

    /** Whether this shape asks for every field {@code other} asks for, and more: a narrower kind of it. */
    boolean narrows(NotificationShape other) {
        return present.containsAll(other.present) && !other.present.containsAll(present);
    }

    /** The shape in words, such as {@code result_pay, without no_refund}. */
    @Override
    public String toString() {
        List<String> words = new ArrayList<>(present.stream().sorted().toList());
        if (!absent.isEmpty()) {
            words.add("without " + String.join(", ", absent.stream().sorted().toList()));
        }
        return String.join(", ", words);
    }
}
