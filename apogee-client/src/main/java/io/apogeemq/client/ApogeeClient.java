package io.apogeemq.client;

import io.apogeemq.client.consumer.MessageListener;
import io.apogeemq.client.consumer.PushConsumer;
import io.apogeemq.client.consumer.PushConsumerConfig;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.producer.Producer;
import io.apogeemq.client.producer.ProducerConfig;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Entry point: one client configuration, one connection pool and one scheduler thread, shared by
 * every producer, consumer and admin created from it.
 *
 * <pre>{@code
 * try (ApogeeClient client = ApogeeClient.start(ClientConfig.builder().namesrv("127.0.0.1:9876").build());
 *      Producer producer = client.producer("my-group")) {
 *   producer.send(Message.builder("orders").tags("created").body("hello").build());
 * }
 * }</pre>
 *
 * <p>Thread-safe. {@link #close()} closes everything created from it, then the shared threads.
 */
public final class ApogeeClient implements AutoCloseable {

  private final ClientRuntime runtime;
  private final List<AutoCloseable> children = new CopyOnWriteArrayList<>();

  private ApogeeClient(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /** Starts a client (threads start; connections open on first use). */
  public static ApogeeClient start(ClientConfig config) {
    ClientRuntime runtime = new ClientRuntime(config);
    runtime.start();
    return new ApogeeClient(runtime);
  }

  public ClientConfig config() {
    return runtime.config();
  }

  /** The id this client reports to brokers ({@code ip@instanceName}). */
  public String clientId() {
    return runtime.clientId();
  }

  /** A producer with the official defaults (see {@link ProducerConfig#defaults}). */
  public Producer producer(String group) {
    return producer(ProducerConfig.defaults(group));
  }

  public Producer producer(ProducerConfig config) {
    checkOpen();
    Producer p = new Producer(runtime, config);
    children.add(p);
    return p;
  }

  /**
   * A clustering push consumer; it starts consuming at once. One client holds at most one consumer
   * per group: a second member of the same group needs its own {@code ApogeeClient}.
   */
  public PushConsumer pushConsumer(PushConsumerConfig config, MessageListener listener) {
    checkOpen();
    PushConsumer c = new PushConsumer(runtime, config, listener);
    children.add(c);
    return c;
  }

  /**
   * An orderly push consumer (official {@code MessageListenerOrderly}): each queue's messages
   * reach {@code listener} in queue-offset order, one batch at a time per queue; in clustering
   * mode the queues are locked on their brokers while this member consumes them. It starts
   * consuming at once; one consumer per group per client, as for {@link #pushConsumer}.
   */
  public PushConsumer orderlyPushConsumer(PushConsumerConfig config,
      io.apogeemq.client.consumer.OrderlyMessageListener listener) {
    checkOpen();
    PushConsumer c = new PushConsumer(runtime, config, listener);
    children.add(c);
    return c;
  }

  /**
   * A producer that can {@link Producer#sendInTransaction send in transactions}; {@code checker}
   * answers the broker's check-backs for its group on the client's bounded check executor.
   */
  public Producer transactionProducer(ProducerConfig config,
      io.apogeemq.client.producer.TransactionChecker checker) {
    checkOpen();
    Producer p = new Producer(runtime, config, java.util.Objects.requireNonNull(checker, "checker"));
    children.add(p);
    return p;
  }

  /**
   * A pull consumer over explicitly assigned queues ({@code batchSize} = most messages per queue
   * per pull). With {@code autoCommit} every poll commits the positions the previous poll reached.
   */
  public io.apogeemq.client.consumer.PullConsumer pullConsumer(String group,
      io.apogeemq.client.consumer.StartPosition start, boolean autoCommit, int batchSize) {
    checkOpen();
    var c = new io.apogeemq.client.consumer.PullConsumer(runtime, group, start, autoCommit,
        batchSize);
    children.add(c);
    return c;
  }

  /** Administration through this client's connections. */
  public io.apogeemq.client.admin.Admin admin() {
    checkOpen();
    return new io.apogeemq.client.admin.Admin(runtime);
  }

  /** For the consumer and admin classes of this library. */
  ClientRuntime runtime() {
    return runtime;
  }

  <T extends AutoCloseable> T own(T child) {
    checkOpen();
    children.add(child);
    return child;
  }

  private void checkOpen() {
    if (runtime.isClosed()) {
      throw new ClientException("client " + runtime.clientId() + " is closed");
    }
  }

  /** Closes consumers (finishing in-flight work), producers, then connections and threads. */
  @Override
  public void close() {
    for (int i = children.size() - 1; i >= 0; i--) {
      try {
        children.get(i).close();
      } catch (Exception e) {
        org.slf4j.LoggerFactory.getLogger(ApogeeClient.class)
            .warn("closing {} failed: {}", children.get(i), e.toString());
      }
    }
    children.clear();
    runtime.close();
  }
}
