package io.llgate.server.onlinebanking;

import java.util.List;

/** The cashier: the order and the banks to choose from, grouped by kind of online banking. */
public record CashierPage(OrderView order, List<Group> groups, String action, String notice) {

    /** The banks of one kind ({@code pay_type}). */
    public record Group(String payType, String label, List<Bank> banks) {
    }
}
