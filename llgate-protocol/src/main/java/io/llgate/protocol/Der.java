package io.llgate.protocol;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.Arrays;

/** Just enough DER to read and wrap RSA key structures without a crypto library. */
final class Der {
    static final int INTEGER = 0x02;
    static final int BIT_STRING = 0x03;
    static final int OCTET_STRING = 0x04;
    static final int NULL = 0x05;
    static final int OBJECT_IDENTIFIER = 0x06;
    static final int SEQUENCE = 0x30;

    /** The content bytes of the rsaEncryption object identifier, 1.2.840.113549.1.1.1. */
    static final byte[] RSA_ENCRYPTION = {0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01};

    private Der() {
    }

    /** Thrown when bytes are not the expected DER structure. */
    static final class FormatException extends Exception {
        FormatException(String message) {
            super(message);
        }
    }

    /** Reads consecutive elements of one DER byte range. */
    static final class Reader {
        private final byte[] data;
        private final int end;
        private int position;

        Reader(byte[] data) {
            this(data, 0, data.length);
        }

        private Reader(byte[] data, int start, int end) {
            this.data = data;
            this.position = start;
            this.end = end;
        }

        boolean atEnd() {
            return position == end;
        }

        /** Whether the next element has this tag, without consuming it. */
        boolean nextIs(int tag) {
            return position < end && (data[position] & 0xFF) == tag;
        }

        /** A reader over the contents of the next element, which must have this tag. */
        Reader enter(int tag) throws FormatException {
            int length = header(tag);
            Reader inner = new Reader(data, position, position + length);
            position += length;
            return inner;
        }

        byte[] bytes(int tag) throws FormatException {
            int length = header(tag);
            byte[] content = Arrays.copyOfRange(data, position, position + length);
            position += length;
            return content;
        }

        BigInteger integer() throws FormatException {
            byte[] content = bytes(INTEGER);
            if (content.length == 0) {
                throw new FormatException("empty INTEGER");
            }
            return new BigInteger(content);
        }

        void skip() throws FormatException {
            if (position >= end) {
                throw new FormatException("missing element");
            }
            bytes(data[position] & 0xFF);
        }

        private int header(int tag) throws FormatException {
            if (position + 2 > end || (data[position] & 0xFF) != tag) {
                throw new FormatException("expected tag " + tag);
            }
            position++;
            int first = data[position++] & 0xFF;
            int length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7F;
                if (count == 0 || count > 3 || position + count > end) {
                    throw new FormatException("unsupported length");
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (data[position++] & 0xFF);
                }
            }
            if (length > end - position) {
                throw new FormatException("length beyond the data");
            }
            return length;
        }
    }

    /** One element with the given tag whose content is the concatenation of {@code parts}. */
    static byte[] element(int tag, byte[]... parts) {
        ByteArrayOutputStream content = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            content.writeBytes(part);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int length = content.size();
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else if (length < 0x10000) {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        } else {
            out.write(0x83);
            out.write(length >> 16);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(content.toByteArray());
        return out.toByteArray();
    }
}
