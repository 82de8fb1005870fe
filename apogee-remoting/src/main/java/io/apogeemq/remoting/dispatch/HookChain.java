package io.apogeemq.remoting.dispatch;

import io.apogeemq.remoting.protocol.RemotingCommand;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered hooks of one endpoint. Thread-safe: hooks may be added at any time; each call sees a
 * consistent snapshot.
 */
public final class HookChain {

  private static final Logger LOG = LoggerFactory.getLogger(HookChain.class);

  private final List<RemotingHook> hooks = new CopyOnWriteArrayList<>();

  public void add(RemotingHook hook) {
    hooks.add(hook);
  }

  public boolean isEmpty() {
    return hooks.isEmpty();
  }

  /** Runs every hook's {@code beforeRequest} in order; the first exception propagates. */
  public void beforeRequest(String peer, RemotingCommand request) throws Exception {
    for (RemotingHook hook : hooks) {
      hook.beforeRequest(peer, request);
    }
  }

  /** Runs every hook's {@code afterResponse}; an exception is logged and the next hook still runs. */
  public void afterResponse(String peer, RemotingCommand request, RemotingCommand response) {
    for (RemotingHook hook : hooks) {
      try {
        hook.afterResponse(peer, request, response);
      } catch (RuntimeException e) {
        LOG.warn("hook {} failed after response to request code {} from {}: {}",
            hook.getClass().getName(), request.code(), peer, e.toString());
      }
    }
  }
}
