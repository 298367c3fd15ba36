package io.llgate.server.merchant;

import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;

/** A merchant's optional list of source addresses (single addresses or CIDR blocks); empty means any. */
public record IpAllowList(List<String> entries) {

    public IpAllowList {
        entries = List.copyOf(entries);
        for (String entry : entries) {
            block(entry);
        }
    }

    public static IpAllowList any() {
        return new IpAllowList(List.of());
    }

    /** Parses a comma- or space-separated list; throws IllegalArgumentException on a bad entry. */
    public static IpAllowList parse(String text) {
        if (text == null || text.isBlank()) {
            return any();
        }
        return new IpAllowList(List.of(text.trim().split("[,\\s]+")));
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    public boolean allows(String address) {
        if (entries.isEmpty()) {
            return true;
        }
        InetAddress source;
        try {
            source = literal(address);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return entries.stream().anyMatch(entry -> block(entry).contains(source));
    }

    @Override
    public String toString() {
        return String.join(",", entries);
    }

    private record Block(byte[] network, int prefix) {
        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int bits = bytes.length * 8;
            BigInteger mask = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
                    .shiftRight(prefix).not();
            return new BigInteger(1, bytes).and(mask).equals(new BigInteger(1, network).and(mask));
        }
    }

    private static Block block(String entry) {
        String[] parts = entry.split("/", 2);
        try {
            byte[] network = literal(parts[0]).getAddress();
            int prefix = parts.length == 2 ? Integer.parseInt(parts[1]) : network.length * 8;
            if (prefix < 0 || prefix > network.length * 8) {
                throw new IllegalArgumentException("bad prefix length in " + entry);
            }
            return new Block(network, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not an IP address or CIDR block: " + entry, e);
        }
    }

    /** Parses an IP literal without ever resolving a host name. */
    private static InetAddress literal(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.matches("[0-9A-Fa-f:.]+") && text.contains(":");
        if (!v4 && !v6) {
            throw new IllegalArgumentException("not an IP literal: " + text);
        }
        try {
            return InetAddress.getByName(text);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + text, e);
        }
    }
}
