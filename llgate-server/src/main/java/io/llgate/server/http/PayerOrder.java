package io.llgate.server.http;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.WireTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** An order as the payer's pages show it, whatever the product: amounts in yuan, times in Beijing time. */
public record PayerOrder(String merchantName, String oidPartner, String noOrder, String oidPaybill, String amount,
                         String nameGoods, String infoOrder, String expires) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    public static PayerOrder of(String merchantName, String oidPartner, String noOrder, String oidPaybill,
                                long amountFen, String nameGoods, String infoOrder, Instant expiresAt) {
        return new PayerOrder(merchantName, oidPartner, noOrder, oidPaybill, Amounts.format(amountFen), nameGoods,
                infoOrder, SHOWN.format(LocalDateTime.ofInstant(expiresAt, WireTime.BEIJING)));
    }
}
