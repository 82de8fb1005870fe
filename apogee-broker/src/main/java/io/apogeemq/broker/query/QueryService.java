package io.apogeemq.broker.query;

import io.apogeemq.broker.BrokerComponent;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.server.RemotingServer;
import io.apogeemq.store.MessageStore;
import java.util.concurrent.Executor;

/**
 * Message lookups for admin tools and clients: {@code QUERY_MESSAGE} (by key / unique key) and
 * {@code VIEW_MESSAGE_BY_ID} (by CommitLog offset), on their own small executor so that slow
 * index scans never hold up sends or pulls. No background work of its own.
 */
public final class QueryService implements BrokerComponent {

  private final MessageStore store;

  public QueryService(MessageStore store) {
    this.store = store;
  }

  @Override
  public String name() {
    return "query";
  }

  @Override
  public void install(RemotingServer server) {
    Executor executor = server.newProcessorExecutor("query", 2, 10_000);
    server.registerProcessor(RequestCode.QUERY_MESSAGE, new QueryMessageProcessor(store),
        executor);
    server.registerProcessor(RequestCode.VIEW_MESSAGE_BY_ID, new ViewMessageProcessor(store),
        executor);
  }
}
