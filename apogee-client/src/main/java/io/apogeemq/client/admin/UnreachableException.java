package io.apogeemq.client.admin;

import io.apogeemq.client.ClientException;

/** No connection could be made to a NameServer or broker. */
public final class UnreachableException extends ClientException {

  private final String peer;

  UnreachableException(String peer, String what, Throwable cause) {
    super(what + ": cannot reach " + peer + ": " + reason(cause), cause);
    this.peer = peer;
  }

  /** {@code host:port} that could not be reached. */
  public String peer() {
    return peer;
  }

  /** The short reason ("connection refused", "connect timed out" …). */
  public String reason() {
    return reason(getCause());
  }

  private static String reason(Throwable cause) {
    Throwable t = cause;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    if (t instanceof java.net.ConnectException || (t.getMessage() != null
        && t.getMessage().toLowerCase(java.util.Locale.ROOT).contains("connection refused"))) {
      return "connection refused";
    }
    String m = t.getMessage();
    return m == null ? t.getClass().getSimpleName() : m;
  }
}
