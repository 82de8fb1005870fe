package io.apogeemq.remoting.invoke;

import io.apogeemq.remoting.exception.RemotingSendException;
import io.apogeemq.remoting.netty.PeerAddress;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.netty.channel.Channel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests of one endpoint that wait for a response, by opaque. The endpoint numbers its
 * requests itself so opaques are unique among its pending requests. A response is matched only
 * against a request sent on the same channel; a response nobody waits for (its request timed out)
 * is logged at debug level and dropped.
 *
 * <p>Thread-safe.
 */
public final class PendingRequests {

  private static final Logger LOG = LoggerFactory.getLogger(PendingRequests.class);

  private final ConcurrentHashMap<Integer, PendingRequest> table = new ConcurrentHashMap<>(256);
  private final AtomicInteger nextOpaque = new AtomicInteger();

  int nextOpaque() {
    return nextOpaque.getAndIncrement();
  }

  void add(PendingRequest request) {
    table.put(request.opaque, request);
  }

  boolean remove(PendingRequest request) {
    return table.remove(request.opaque, request);
  }

  /** Number of requests waiting for a response. */
  public int size() {
    return table.size();
  }

  /** Completes the request {@code response} answers; called on the channel's I/O thread. */
  public void onResponse(Channel channel, RemotingCommand response, ResponseObserver observer) {
    PendingRequest pending = table.get(response.opaque());
    if (pending == null || pending.channel != channel || !table.remove(response.opaque(), pending)) {
      LOG.debug("dropping response opaque {} code {} from {}: no request waits for it (timed out?)",
          response.opaque(), response.code(), PeerAddress.of(channel));
      return;
    }
    observer.onResponse(pending.request, response);
    pending.succeed(response);
  }

  /** Fails every request sent on {@code channel}; called when it closes. */
  public void failChannel(Channel channel) {
    for (PendingRequest pending : table.values()) {
      if (pending.channel == channel && remove(pending)) {
        pending.fail(new RemotingSendException("connection to " + PeerAddress.of(channel)
            + " closed before the response to request code " + pending.request.code()
            + " opaque " + pending.opaque + " arrived", null));
      }
    }
  }

  /** Fails every pending request; called at shutdown. */
  public void failAll(String reason) {
    for (PendingRequest pending : table.values()) {
      if (remove(pending)) {
        pending.fail(new RemotingSendException(reason + ": request code " + pending.request.code()
            + " to " + PeerAddress.of(pending.channel) + " abandoned", null));
      }
    }
  }

  /** Sees each matched response before its request completes (the hooks' place). */
  @FunctionalInterface
  public interface ResponseObserver {
    void onResponse(RemotingCommand request, RemotingCommand response);
  }
}
