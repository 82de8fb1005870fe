package io.apogeemq.store;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Why appends are currently refused, if they are: disk usage above the warning level, or a failed
 * {@code force}. Each source blocks and unblocks independently. Reads are never gated.
 *
 * <p>Thread-safe; {@link #reason()} is a cheap volatile read on the append path.
 */
public final class WriteGate {

  private final Map<String, String> blocks = new ConcurrentHashMap<>();
  private volatile String reason;

  public void block(String source, String why) {
    blocks.put(source, why);
    reason = String.join("; ", blocks.values());
  }

  public void unblock(String source) {
    if (blocks.remove(source) != null) {
      reason = blocks.isEmpty() ? null : String.join("; ", blocks.values());
    }
  }

  /** Null when appends are allowed, otherwise why not. */
  public String reason() {
    return reason;
  }
}
