package io.llgate.server.sandbox;

import io.llgate.server.bank.SmsChannel;
import io.llgate.server.bank.VerificationSms;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's SMS gateway: it sends nothing, and keeps each mobile's latest messages in an inbox that developers
 * read through {@code GET /sandbox/sms?mobile=...} instead of a phone. The inbox is this node's memory: bounded, and
 * empty again after a restart, as codes expire long before anyone would miss them. In sandbox mode each payment texted
 * also has a phone page ({@link SandboxPhoneRoutes}) whose address is a random key, shown only on that payment's own
 * pages: its payer reads the texts sent to their mobile for it there, and reaches no other mobile's, nor, having typed
 * another's number, that mobile's other texts.
 */
public final class SandboxSms implements SmsChannel {
    /** Messages kept per mobile, newest first. */
    static final int KEPT_PER_MOBILE = 10;
    /** Mobiles kept; the one written to longest ago goes first. */
    static final int KEPT_MOBILES = 1_000;

    private final Clock clock;
    private final boolean phonePages;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Phone> inbox = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Phone> eldest) {
            return size() > KEPT_MOBILES;
        }
    };

    /** A mobile's messages, newest first, and the key of each payment's phone page ("oid_partner transaction"). */
    private record Phone(Deque<SmsMessage> messages, Map<String, String> pages) {

        /** The messages of the payment whose page has {@code key}, newest first; empty when none has it. */
        Optional<List<SmsMessage>> page(String key) {
            return pages.entrySet().stream().filter(page -> page.getValue().equals(key)).findFirst()
                    .map(page -> messages.stream().filter(m -> payment(m).equals(page.getKey())).toList());
        }
    }

    private static String payment(SmsMessage message) {
        return message.oidPartner() + " " + message.transaction();
    }

    /** {@code phonePages}: whether the phone pages are routed (sandbox mode), so that payers' pages may link them. */
    public SandboxSms(Clock clock, boolean phonePages) {
        this.clock = clock;
        this.phonePages = phonePages;
    }

    @Override
    public boolean isSandbox() {
        return true;
    }

    @Override
    public void sendCode(VerificationSms sms) {
        String text = "【LLGate 沙箱】您的验证码为 " + sms.code() + "，用于向" + sms.merchantName() + "付款（" + sms.transaction()
                + "）。请勿告诉他人。";
        SmsMessage message = new SmsMessage(sms.mobile(), text, sms.code(), sms.oidPartner(), sms.transaction(),
                clock.instant());
        synchronized (inbox) {
            Phone phone = inbox.computeIfAbsent(sms.mobile(),
                    m -> new Phone(new ArrayDeque<>(), new LinkedHashMap<>()));
            phone.messages().addFirst(message);
            while (phone.messages().size() > KEPT_PER_MOBILE) {
                phone.messages().removeLast();
            }
            phone.pages().computeIfAbsent(payment(message), p -> newKey());
            phone.pages().keySet().removeIf(p -> phone.messages().stream().noneMatch(m -> payment(m).equals(p)));
        }
    }

    /** The mobile's latest messages, newest first; none for a mobile nothing was sent to. */
    public List<SmsMessage> inbox(String mobile) {
        synchronized (inbox) {
            Phone phone = inbox.get(mobile);
            return phone == null ? List.of() : List.copyOf(phone.messages());
        }
    }

    @Override
    public Optional<String> phonePage(String oidPartner, String transaction) {
        if (!phonePages) {
            return Optional.empty();
        }
        String payment = oidPartner + " " + transaction;
        synchronized (inbox) {
            return inbox.values().stream().map(phone -> phone.pages().get(payment)).filter(key -> key != null)
                    .findFirst().map(SandboxPhoneRoutes::page);
        }
    }

    /** The messages of the payment whose phone page has {@code key}, newest first; empty for a key no page has. */
    Optional<List<SmsMessage>> phone(String key) {
        synchronized (inbox) {
            return inbox.values().stream().map(phone -> phone.page(key)).flatMap(Optional::stream).findFirst();
        }
    }

    private String newKey() {
        byte[] key = new byte[18];
        random.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }
}
