package io.apogeemq.client.admin;

/**
 * Rewrites fastjson's object-keyed maps into standard JSON so Jackson can read them.
 *
 * <p>The official broker writes maps keyed by {@code MessageQueue} with the key object in key
 * position ({@code {{"brokerName":"b","queueId":0,"topic":"T"}:{...}}}, codes.md conventions).
 * This turns every such key into a JSON string holding the object text
 * ({@code {"{\"brokerName\":\"b\",...}":{...}}}), which is also the form Apogee's broker writes.
 * Text that is already standard JSON passes unchanged. Stateless and thread-safe.
 */
final class FastjsonKeys {

  private FastjsonKeys() {}

  static String normalize(String json) {
    StringBuilder out = new StringBuilder(json.length() + 64);
    // A stack of container kinds: true = object, false = array.
    java.util.ArrayDeque<Boolean> stack = new java.util.ArrayDeque<>();
    boolean expectKey = false;
    int i = 0;
    int n = json.length();
    while (i < n) {
      char c = json.charAt(i);
      if (c == '"') {
        int end = stringEnd(json, i);
        out.append(json, i, end);
        i = end;
        expectKey = false;
        continue;
      }
      if (expectKey && c == '{') {
        int end = objectEnd(json, i);
        out.append('"');
        appendEscaped(out, json.substring(i, end));
        out.append('"');
        i = end;
        expectKey = false;
        continue;
      }
      switch (c) {
        case '{' -> {
          stack.push(Boolean.TRUE);
          expectKey = true;
        }
        case '[' -> {
          stack.push(Boolean.FALSE);
          expectKey = false;
        }
        case '}', ']' -> {
          if (!stack.isEmpty()) {
            stack.pop();
          }
          expectKey = false;
        }
        case ',' -> expectKey = !stack.isEmpty() && stack.peek();
        default -> {
          if (!Character.isWhitespace(c)) {
            expectKey = false;
          }
        }
      }
      out.append(c);
      i++;
    }
    return out.toString();
  }

  /** Index just after the string literal starting at {@code start}. */
  private static int stringEnd(String s, int start) {
    int i = start + 1;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '\\') {
        i += 2;
      } else if (c == '"') {
        return i + 1;
      } else {
        i++;
      }
    }
    return s.length();
  }

  /** Index just after the balanced object starting at {@code start}. */
  private static int objectEnd(String s, int start) {
    int depth = 0;
    int i = start;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '"') {
        i = stringEnd(s, i);
        continue;
      }
      if (c == '{' || c == '[') {
        depth++;
      } else if (c == '}' || c == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
      i++;
    }
    return s.length();
  }

  private static void appendEscaped(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
  }
}
