package io.llgate.server.cli;

/** Entry point of the {@code llgate} command. */
public final class Main {
    public static void main(String[] args) {
        System.out.println("llgate");
    }
}
