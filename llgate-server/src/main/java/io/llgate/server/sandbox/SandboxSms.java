package io.llgate.server.sandbox;

import io.llgate.server.bank.SmsChannel;
import io.llgate.server.bank.VerificationSms;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sandbox's SMS gateway: it sends nothing, and keeps each mobile's latest messages in an inbox that developers
 * read through {@code GET /sandbox/sms?mobile=...} instead of a phone. The inbox is this node's memory: bounded, and
 * empty again after a restart, as codes expire long before anyone would miss them.
 */
public final class SandboxSms implements SmsChannel {

    @Override
    public boolean isSandbox() {
        return true;
    }
    /** Messages kept per mobile, newest first. */
    static final int KEPT_PER_MOBILE = 10;
    /** Mobiles kept; the one written to longest ago goes first. */
    static final int KEPT_MOBILES = 1_000;

    private final Clock clock;
    private final Map<String, Deque<SmsMessage>> inbox = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Deque<SmsMessage>> eldest) {
            return size() > KEPT_MOBILES;
        }
    };

    public SandboxSms(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void sendCode(VerificationSms sms) {
        String text = "【LLGate 沙箱】您的验证码为 " + sms.code() + "，用于向" + sms.merchantName() + "付款（" + sms.transaction()
                + "）。请勿告诉他人。";
        SmsMessage message = new SmsMessage(sms.mobile(), text, sms.code(), sms.oidPartner(), sms.transaction(),
                clock.instant());
        synchronized (inbox) {
            Deque<SmsMessage> messages = inbox.computeIfAbsent(sms.mobile(), m -> new ArrayDeque<>());
            messages.addFirst(message);
            while (messages.size() > KEPT_PER_MOBILE) {
                messages.removeLast();
            }
        }
    }

    /** The mobile's latest messages, newest first; none for a mobile nothing was sent to. */
    public List<SmsMessage> inbox(String mobile) {
        synchronized (inbox) {
            Deque<SmsMessage> messages = inbox.get(mobile);
            return messages == null ? List.of() : List.copyOf(messages);
        }
    }
}
