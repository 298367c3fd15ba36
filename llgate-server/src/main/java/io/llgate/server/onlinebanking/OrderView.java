package io.llgate.server.onlinebanking;

import io.llgate.protocol.Amounts;
import io.llgate.protocol.WireTime;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** An order as the pages show it to the payer: amounts in yuan, times in Beijing time. */
public record OrderView(String merchantName, String oidPartner, String noOrder, String oidPaybill, String amount,
                        String nameGoods, String infoOrder, String expires) {
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm");

    public static OrderView of(MerchantOrder shown) {
        OnlineBankingOrder order = shown.order();
        return new OrderView(shown.merchant().name(), shown.oidPartner(), order.noOrder(), order.oidPaybill(),
                Amounts.format(order.moneyOrder()), order.nameGoods(), order.infoOrder(),
                SHOWN.format(LocalDateTime.ofInstant(order.expiresAt(), WireTime.BEIJING)));
    }
}
