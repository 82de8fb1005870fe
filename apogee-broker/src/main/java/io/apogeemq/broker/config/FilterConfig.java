package io.apogeemq.broker.config;

import java.util.Properties;

/**
 * The {@code broker.conf} keys of message filtering (config.md, filter section).
 *
 * @param enablePropertyFilter allow SQL92 subscriptions (RocketMQ's default: false). When false,
 *     {@code CHECK_CLIENT_CONFIG} and pulls of an SQL92 subscription are answered
 *     {@code SYSTEM_ERROR}, so the official push consumer fails to start.
 */
public record FilterConfig(boolean enablePropertyFilter) {

  /** RocketMQ's defaults. */
  public static FilterConfig defaults() {
    return new FilterConfig(false);
  }

  static FilterConfig read(PropertyReader r) {
    return new FilterConfig(r.bool("enablePropertyFilter", false));
  }

  void writeTo(Properties p) {
    p.setProperty("enablePropertyFilter", Boolean.toString(enablePropertyFilter));
  }
}
