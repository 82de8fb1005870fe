package io.apogeemq.cli.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.util.function.Consumer;

/**
 * What an admin command prints: a value for {@code --json} (written by Jackson; records become
 * objects with their component names) and a human rendering (usually a {@link Table}).
 *
 * @param json the value printed with {@code --json}
 * @param text prints the human form
 */
public record Output(Object json, Consumer<PrintWriter> text) {

  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS).build();

  /** A table, and {@code json} for scripts. */
  public static Output table(Object json, Table table) {
    return new Output(json, table::print);
  }

  /** One line of text, and {@code json} for scripts. */
  public static Output line(Object json, String line) {
    return new Output(json, out -> out.println(line));
  }

  void print(PrintWriter out, boolean asJson) {
    if (asJson) {
      try {
        out.println(JSON.writeValueAsString(json));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("cannot write the result as JSON: " + e.getMessage(), e);
      }
    } else {
      text.accept(out);
    }
    out.flush();
  }
}
