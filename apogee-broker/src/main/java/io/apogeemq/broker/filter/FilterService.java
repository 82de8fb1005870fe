package io.apogeemq.broker.filter;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;

/**
 * The filtering feature's wire part: {@code CHECK_CLIENT_CONFIG} (46). Pull filtering itself runs
 * inside the pull path, sharing the same {@link SqlSubscriptions}. No threads.
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
}
