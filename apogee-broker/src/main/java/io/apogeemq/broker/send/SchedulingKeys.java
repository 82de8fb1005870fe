package io.apogeemq.broker.send;

import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.PropertyKeys;

/**
 * The properties the {@link MessageRedirect}s decide on, found in <b>one</b> pass over a message's
 * encoded properties ({@code name\u0001value\u0002} pairs, messages.md §2) instead of one
 * {@link MessageProperties#find} per key and redirect: {@code DELAY}, {@code TIMER_DELAY_SEC},
 * {@code TIMER_DELAY_MS}, {@code TIMER_DELIVER_MS}, {@code TRAN_MSG} and {@code TIMER_DEL_UNIQKEY}.
 *
 * <p>Each value is exactly what {@link MessageProperties#find} returns for its key: the value of
 * the first pair with that name, null when there is none or its value is empty. A message without
 * any of them (the usual case) gets the shared {@link #NONE} and costs no allocation.
 *
 * <p>Immutable and thread-safe.
 *
 * @param delay {@code DELAY} (delay level)
 * @param timerDelaySec {@code TIMER_DELAY_SEC}
 * @param timerDelayMs {@code TIMER_DELAY_MS}
 * @param timerDeliverMs {@code TIMER_DELIVER_MS}
 * @param transactionPrepared {@code TRAN_MSG}
 * @param timerCancel {@code TIMER_DEL_UNIQKEY} (timer cancellation marker)
 */
public record SchedulingKeys(String delay, String timerDelaySec, String timerDelayMs,
    String timerDeliverMs, String transactionPrepared, String timerCancel) {

  /** No scheduling property at all. */
  public static final SchedulingKeys NONE = new SchedulingKeys(null, null, null, null, null, null);

  private static final String[] NAMES = {PropertyKeys.DELAY_TIME_LEVEL,
      PropertyKeys.TIMER_DELAY_SEC, PropertyKeys.TIMER_DELAY_MS, PropertyKeys.TIMER_DELIVER_MS,
      PropertyKeys.TRANSACTION_PREPARED, PropertyKeys.TIMER_DEL_UNIQKEY};

  /** The scheduling keys of {@code encoded} properties (null is treated as empty). */
  public static SchedulingKeys of(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return NONE;
    }
    String[] values = null;
    int seen = 0;
    int length = encoded.length();
    int start = 0;
    while (start < length) {
      int end = encoded.indexOf(MessageProperties.PROPERTY_SEPARATOR, start);
      if (end < 0) {
        end = length;
      }
      int key = keyIndex(encoded, start, end);
      if (key >= 0 && (seen & (1 << key)) == 0) {
        seen |= 1 << key;
        int valueStart = start + NAMES[key].length() + 1;
        if (end > valueStart) {
          if (values == null) {
            values = new String[NAMES.length];
          }
          values[key] = encoded.substring(valueStart, end);
        }
      }
      start = end + 1;
    }
    return values == null ? NONE
        : new SchedulingKeys(values[0], values[1], values[2], values[3], values[4], values[5]);
  }

  /** True when a timer property is present (with a value). */
  public boolean anyTimer() {
    return timerDelaySec != null || timerDelayMs != null || timerDeliverMs != null;
  }

  /**
   * Index in {@link #NAMES} of the name of the pair in {@code [start, end)}, or -1. The name is
   * what precedes the pair's first {@code \u0001}; names are told apart by length first.
   */
  private static int keyIndex(String s, int start, int end) {
    for (int k = 0; k < NAMES.length; k++) {
      String name = NAMES[k];
      int sep = start + name.length();
      if (sep < end && s.charAt(sep) == MessageProperties.NAME_VALUE_SEPARATOR
          && s.regionMatches(start, name, 0, name.length())) {
        return k;
      }
    }
    return -1;
  }
}
