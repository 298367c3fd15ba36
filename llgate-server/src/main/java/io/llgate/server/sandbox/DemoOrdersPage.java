package io.llgate.server.sandbox;

import java.util.List;

/** The demo shop's orders page: its latest orders, its balances and the latest notifications it received. */
public record DemoOrdersPage(String oidPartner, List<DemoOrder> orders, DemoCall balances,
                             List<ReceivedNotification> notifications) {
}
