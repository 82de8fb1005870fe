package io.apogeemq.store;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicLong;

/** A clock tests move by hand. */
final class MutableClock extends Clock {

  private final AtomicLong millis;
  private final ZoneId zone;

  MutableClock(long millis, ZoneId zone) {
    this.millis = new AtomicLong(millis);
    this.zone = zone;
  }

  void advanceHours(long hours) {
    millis.addAndGet(hours * 3_600_000L);
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId z) {
    return new MutableClock(millis.get(), z);
  }

  @Override
  public long millis() {
    return millis.get();
  }

  @Override
  public Instant instant() {
    return Instant.ofEpochMilli(millis.get());
  }
}
