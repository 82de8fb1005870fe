package io.apogeemq.cli.admin;

import java.io.PrintWriter;
import java.util.Map;

/** Prints key/value tables per broker, keys padded to the widest. Stateless. */
final class KeyValues {

  private KeyValues() {}

  /** With {@code header}, each broker's table starts with a line naming its address. */
  static void print(PrintWriter out, Map<String, ? extends Map<String, String>> perBroker,
      String separator, boolean header) {
    perBroker.forEach((broker, kv) -> {
      if (header) {
        out.println("============" + broker + "============");
      }
      int width = kv.keySet().stream().mapToInt(String::length).max().orElse(0);
      kv.forEach((k, v) -> out.println(k + " ".repeat(width - k.length()) + separator + v));
    });
    out.flush();
  }
}
