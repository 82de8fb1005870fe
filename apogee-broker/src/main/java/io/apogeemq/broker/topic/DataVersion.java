package io.apogeemq.broker.topic;

/**
 * Version of the topic table sent with every registration; the NameServer compares it to decide
 * whether the broker's topics changed. A new value is made on every change.
 *
 * @param timestamp wall-clock time of the change (ms)
 * @param counter number of changes since the table was created
 */
public record DataVersion(long timestamp, long counter) {

  /** The version after one more change at {@code now}. */
  public DataVersion next(long now) {
    return new DataVersion(now, counter + 1);
  }
}
