package io.apogeemq.broker.filter;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.broker.BrokerEndpoint;
import io.apogeemq.broker.filter.sql.SqlFilter;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;

/**
 * The filtering feature's wire part: {@code CHECK_CLIENT_CONFIG} (46). Pull filtering itself runs
 * inside the pull path, sharing the same {@link SqlSubscriptions}. The check runs on one processor
 * thread ({@code apogee-filter-check}) owned by the remoting server.
 */
public final class FilterService implements BrokerComponent {

  private final CheckClientConfigProcessor processor;

  public FilterService(SqlSubscriptions sql, String brokerName) {
    this.processor = new CheckClientConfigProcessor(sql, brokerName);
  }

  @Override
  public String name() {
    return "filter";
  }

  @Override
  public void install(RemotingServer server) {
    server.registerProcessor(RequestCode.CHECK_CLIENT_CONFIG, processor,
        server.newProcessorExecutor("filter-check", 1, 1_000));
  }

  /**
   * Loads the parser's classes now, so the first {@code CHECK_CLIENT_CONFIG} of a consumer's
   * {@code start()} (which waits at most 3 s) does not pay for class loading on a busy machine.
   */
  @Override
  public void start(BrokerEndpoint endpoint) {
    SqlFilter.compile("a IS NULL AND b IN ('x') OR c > 1 OR NOT (d BETWEEN 1 AND 2.5)");
  }
}
