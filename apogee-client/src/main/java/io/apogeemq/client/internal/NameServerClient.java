package io.apogeemq.client.internal;

import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.remoting.client.RemotingClient;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Route queries to the NameServers, failing over to the next address when one does not answer.
 * The address that answered last is tried first next time.
 *
 * <p>Thread-safe.
 */
public final class NameServerClient {

  private final RemotingClient remoting;
  private final List<String> addresses;
  private final long timeoutMillis;
  private final Executor continuation;
  private final AtomicInteger preferred;

  /**
   * @param continuation runs failover attempts off the I/O thread (a connect may block)
   */
  public NameServerClient(RemotingClient remoting, List<String> addresses, long timeoutMillis,
      Executor continuation) {
    this.remoting = remoting;
    this.addresses = List.copyOf(addresses);
    this.timeoutMillis = timeoutMillis;
    this.continuation = continuation;
    this.preferred = new AtomicInteger(ThreadLocalRandom.current().nextInt(addresses.size()));
  }

  public List<String> addresses() {
    return addresses;
  }

  /**
   * The route of {@code topic}, empty when the NameServer says no broker serves it
   * ({@code TOPIC_NOT_EXIST}); fails with a {@link ClientException} naming every NameServer tried
   * when none answers.
   */
  public CompletableFuture<Optional<TopicRoute>> route(String topic) {
    CompletableFuture<Optional<TopicRoute>> result = new CompletableFuture<>();
    attempt(topic, 0, preferred.get(), new StringBuilder(), result);
    return result;
  }

  private void attempt(String topic, int tried, int index, StringBuilder errors,
      CompletableFuture<Optional<TopicRoute>> result) {
    if (tried == addresses.size()) {
      result.completeExceptionally(new ClientException("route of topic '" + topic
          + "': no NameServer answered (" + errors + ")"));
      return;
    }
    String address = addresses.get(index % addresses.size());
    RemotingCommand request = RemotingCommand.request(RequestCode.GET_ROUTEINFO_BY_TOPIC)
        .putExtField("topic", topic);
    remoting.invokeAsync(address, request, timeoutMillis).whenComplete((response, error) -> {
      if (error != null) {
        if (errors.length() > 0) {
          errors.append("; ");
        }
        errors.append(address).append(": ").append(rootMessage(error));
        continuation.execute(() -> attempt(topic, tried + 1, index + 1, errors, result));
        return;
      }
      preferred.set(index % addresses.size());
      try {
        if (response.code() == ResponseCode.TOPIC_NOT_EXIST) {
          result.complete(Optional.empty());
        } else if (response.code() != ResponseCode.SUCCESS || response.body() == null) {
          result.completeExceptionally(new BrokerException(response.code(), response.remark(),
              address, "route of topic '" + topic + "'"));
        } else {
          result.complete(Optional.of(TopicRoute.parse(response.body())));
        }
      } catch (Exception e) {
        result.completeExceptionally(new ClientException("route of topic '" + topic + "' from "
            + address + " is malformed: " + e.getMessage(), e));
      }
    });
  }

  static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null && c.getCause() != c) {
      c = c.getCause();
    }
    String m = t.getMessage();
    return c == t ? String.valueOf(m) : m + " <- " + c.getMessage();
  }
}
