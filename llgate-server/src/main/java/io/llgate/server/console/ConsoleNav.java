package io.llgate.server.console;

/** The console's sections, in the order its navigation shows them, each with its Chinese and English label. */
public enum ConsoleNav {
    OVERVIEW("/console", "概览", "Overview", false),
    TRANSACTIONS("/console/transactions", "交易", "Transactions", false),
    NOTIFICATIONS("/console/notifications", "通知", "Notifications", false),
    MERCHANTS("/console/merchants", "商户", "Merchants", false),
    SETTLEMENT("/console/settlement", "结算与对账", "Settlement & reports", false),
    SANDBOX("/console/sandbox", "沙箱", "Sandbox", true),
    AUDIT("/console/audit", "审计日志", "Audit log", false);

    private final String path;
    private final String chinese;
    private final String english;
    private final boolean sandboxOnly;

    ConsoleNav(String path, String chinese, String english, boolean sandboxOnly) {
        this.path = path;
        this.chinese = chinese;
        this.english = english;
        this.sandboxOnly = sandboxOnly;
    }

    public String path() {
        return path;
    }

    public String chinese() {
        return chinese;
    }

    public String english() {
        return english;
    }

    /** True for a section that exists only in sandbox mode. */
    public boolean sandboxOnly() {
        return sandboxOnly;
    }
}
