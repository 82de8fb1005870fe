package io.apogeemq.broker.filter;

import io.apogeemq.broker.filter.sql.SqlFilter;
import io.apogeemq.broker.filter.sql.SqlSyntaxException;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;

/**
 * Where the broker turns an SQL92 subscription into a filter, with the protocol's answers when it
 * cannot (semantics.md §9.2): {@code SYSTEM_ERROR} when {@code enablePropertyFilter=false},
 * {@code SUBSCRIPTION_PARSE_FAILED} with the compiler's message when the expression does not
 * compile. Shared by {@code CHECK_CLIENT_CONFIG} (subscription time) and the pull path, through one
 * {@link SqlFilterCache}.
 *
 * <p>Thread-safe.
 */
public final class SqlSubscriptions {

  private final java.util.function.BooleanSupplier enabled;
  private final SqlFilterCache cache;
  private final String brokerName;

  public SqlSubscriptions(boolean enabled, SqlFilterCache cache, String brokerName) {
    this(() -> enabled, cache, brokerName);
  }

  /** @param enabled read per use ({@code enablePropertyFilter} changes live) */
  public SqlSubscriptions(java.util.function.BooleanSupplier enabled, SqlFilterCache cache,
      String brokerName) {
    this.enabled = enabled;
    this.cache = cache;
    this.brokerName = brokerName;
  }

  /** SQL92 switched off (the default), for processors built without filtering. */
  public static SqlSubscriptions disabled(String brokerName) {
    return new SqlSubscriptions(false, new SqlFilterCache(), brokerName);
  }

  public boolean enabled() {
    return enabled.getAsBoolean();
  }

  /**
   * The compiled filter of {@code group}'s SQL92 subscription to {@code topic}.
   *
   * @throws CommandException {@code SYSTEM_ERROR} when disabled, {@code SUBSCRIPTION_PARSE_FAILED}
   *     when the expression does not compile
   */
  public SqlFilter filter(String group, String topic, String expression) {
    if (!enabled.getAsBoolean()) {
      throw new CommandException(ResponseCode.SYSTEM_ERROR, "broker " + brokerName
          + " does not filter by SQL92 (group " + group + ", topic " + topic
          + "): enablePropertyFilter=false; set enablePropertyFilter=true in its configuration");
    }
    try {
      return cache.filter(group, topic, expression);
    } catch (SqlSyntaxException e) {
      throw new CommandException(ResponseCode.SUBSCRIPTION_PARSE_FAILED, "SQL92 expression '"
          + expression + "' of group " + group + " on topic " + topic + " does not compile: "
          + e.getMessage());
    }
  }

  public SqlFilterCache cache() {
    return cache;
  }
}
