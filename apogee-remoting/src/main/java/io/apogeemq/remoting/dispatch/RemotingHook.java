package io.apogeemq.remoting.dispatch;

import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * Runs around every request and response: the place for ACL signatures, authentication and
 * metrics.
 *
 * <p>On a server, {@link #beforeRequest} runs before the processor; if it throws, the request is
 * answered with an error ({@code CommandException} chooses the code, anything else is
 * {@code SYSTEM_ERROR}) and the processor is not called. {@link #afterResponse} runs just before a
 * response is written (also for answers given later through {@link RequestContext}). On a client,
 * {@link #beforeRequest} runs before the request is written (a throw fails the call) and
 * {@link #afterResponse} when its response arrives.
 *
 * <p>Hooks are called from I/O and processor threads concurrently and must be thread-safe and quick.
 */
public interface RemotingHook {

  /** Called before a request is processed (server) or sent (client); may add extFields. */
  default void beforeRequest(String peer, RemotingCommand request) throws Exception {}

  /** Called with a request and its response; exceptions are logged and otherwise ignored. */
  default void afterResponse(String peer, RemotingCommand request, RemotingCommand response) {}
}
