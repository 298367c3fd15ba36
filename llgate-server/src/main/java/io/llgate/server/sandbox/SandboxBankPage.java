package io.llgate.server.sandbox;

import io.llgate.protocol.Amounts;
import io.llgate.server.bank.PayerBankPayment;

/**
 * A page of the sandbox bank's site: the payment handed over, and either the payer's two buttons ({@code action}
 * where they post) or the bank's own word on the outcome, for a bank that does not send payers back.
 */
public record SandboxBankPage(PayerBankPayment payment, String amount, String action, Outcome outcome) {

    /** The outcome a bank that keeps the payer shows: heading and text, paid or not. */
    public record Outcome(String heading, String text, boolean paid) {
    }

    static SandboxBankPage decide(PayerBankPayment payment) {
        return new SandboxBankPage(payment, Amounts.format(payment.amountFen()), SandboxPayerBank.page(payment.reference()),
                null);
    }

    static SandboxBankPage answered(PayerBankPayment payment, boolean paid) {
        return new SandboxBankPage(payment, Amounts.format(payment.amountFen()), null, paid
                ? new Outcome("支付成功", "扣款成功。本行不会将您带回商户网站，请关闭本页面；商户会收到支付结果通知。", true)
                : new Outcome("支付未完成", "您已拒绝本次支付，账户未扣款。请关闭本页面。", false));
    }

    /** The bank's banner. */
    public String header() {
        return payment.bankName() + " 网上银行 · LLGate 沙箱银行";
    }
}
