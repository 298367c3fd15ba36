package io.llgate.server.cli;

import io.llgate.server.ledger.BusinessDays;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** Checks the {@code --date} and {@code --month} values of the settlement, report and reconcile commands. */
final class BusinessDayOptions {
    private BusinessDayOptions() {
    }

    /** The value as {@code yyyyMMdd}, or a usage error (exit code 2) naming the option. */
    static String day(CommandSpec spec, String option, String text) {
        try {
            return BusinessDays.format(BusinessDays.parseDay(text));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** The value as {@code yyyyMM}, or a usage error naming the option. */
    static String month(CommandSpec spec, String option, String text) {
        try {
            return BusinessDays.format(BusinessDays.parseMonth(text));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
