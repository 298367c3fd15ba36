package io.llgate.protocol;

/** Removes whitespace that mail-style wrapping, copy and paste or sloppy samples put inside base64. */
final class Whitespace {
    private Whitespace() {
    }

    static String removeAll(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c)) {
                kept.append(c);
            }
        }
        return kept.toString();
    }
}
