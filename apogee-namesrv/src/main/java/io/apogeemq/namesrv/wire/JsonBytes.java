package io.apogeemq.namesrv.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with just enough JSON writing for the route hot path: raw bytes, ASCII
 * punctuation, numbers and escaped strings (RFC 8259: {@code "} {@code \} and control characters
 * escaped, everything else UTF-8). Not thread-safe; one instance per encoding.
 */
final class JsonBytes {

  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private byte[] buf;
  private int len;

  JsonBytes(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  private void ensure(int extra) {
    if (len + extra > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
    }
  }

  JsonBytes raw(byte[] bytes) {
    ensure(bytes.length);
    System.arraycopy(bytes, 0, buf, len, bytes.length);
    len += bytes.length;
    return this;
  }

  JsonBytes raw(char c) {
    ensure(1);
    buf[len++] = (byte) c;
    return this;
  }

  /** Appends an ASCII literal (field names, punctuation); the caller guarantees it is ASCII. */
  JsonBytes ascii(String s) {
    ensure(s.length());
    for (int i = 0; i < s.length(); i++) {
      buf[len++] = (byte) s.charAt(i);
    }
    return this;
  }

  JsonBytes number(long v) {
    return ascii(Long.toString(v));
  }

  /** Appends {@code s} as a quoted, escaped JSON string. */
  JsonBytes string(String s) {
    raw('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
        raw(c);
      } else if (c == '"' || c == '\\') {
        raw('\\').raw(c);
      } else if (c < 0x20) {
        ensure(6);
        buf[len++] = '\\';
        buf[len++] = 'u';
        buf[len++] = '0';
        buf[len++] = '0';
        buf[len++] = HEX[c >> 4];
        buf[len++] = HEX[c & 0xF];
      } else {
        int end = i + 1;
        while (end < s.length() && s.charAt(end) >= 0x7f) {
          end++;
        }
        raw(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
        i = end - 1;
      }
    }
    return raw('"');
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, len);
  }
}
