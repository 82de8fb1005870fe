package io.apogeemq.broker.timer;

/** The system topic where timer messages wait (one queue), RocketMQ 5.x's name. */
public final class TimerTopic {

  public static final String NAME = "rmq_sys_wheel_timer";

  private TimerTopic() {}
}
