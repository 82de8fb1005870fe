package io.apogeemq.remoting.dispatch;

import io.apogeemq.remoting.protocol.RemotingCommand;

/**
 * Handles requests of the codes it is registered for.
 *
 * <p>Return the response to answer at once (the remoting layer fills in opaque, flag, version and
 * serialization), or {@code null} to answer later through {@link RequestContext#writeResponse}
 * (long polling) or not at all (oneway requests are never answered). Throwing
 * {@link io.apogeemq.remoting.exception.CommandException} answers with its code; any other exception
 * answers {@code SYSTEM_ERROR} with the exception as remark.
 *
 * <p>Called on the processor's executor (or the connection's I/O thread for direct processors),
 * possibly for many connections at once: implementations must be thread-safe.
 */
@FunctionalInterface
public interface RequestProcessor {

  RemotingCommand process(RequestContext context, RemotingCommand request) throws Exception;
}
