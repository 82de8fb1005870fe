package io.apogeemq.namesrv.route;

/** Permission bits of queue data and the unit bits of {@code topicSysFlag}, as on the wire. */
public final class Perm {

  /** Queue data may be read (consumers skip entries without it). */
  public static final int READ = 4;
  /** Queue data may be written (producers skip entries without it). */
  public static final int WRITE = 2;
  /** {@code topicSysFlag} bit: unit topic. */
  public static final int FLAG_UNIT = 1;
  /** {@code topicSysFlag} bit: topic has unit subscriptions. */
  public static final int FLAG_UNIT_SUB = 2;

  private Perm() {}
}
