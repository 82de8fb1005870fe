package io.apogeemq.remoting.dispatch;

import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs received requests: finds the processor of the request code, hands the request to its
 * executor and turns every outcome into at most one response.
 *
 * <ul>
 *   <li>no processor: {@code REQUEST_CODE_NOT_SUPPORTED}, remark
 *       {@code " request type <code> not supported"} (the official text);
 *   <li>the processor's executor queue is full: {@code SYSTEM_BUSY} at once, from the I/O thread;
 *   <li>a hook or the processor throws {@link CommandException}: its code and remark;
 *   <li>any other exception: {@code SYSTEM_ERROR} with the exception as remark.
 * </ul>
 *
 * <p>Oneway requests are never answered, whatever happens. Thread-safe.
 */
public final class RequestDispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(RequestDispatcher.class);

  private final ProcessorRegistry registry;
  private final HookChain hooks;

  public RequestDispatcher(ProcessorRegistry registry, HookChain hooks) {
    this.registry = registry;
    this.hooks = hooks;
  }

  /** Called on the channel's I/O thread for every received request. */
  public void dispatch(Channel channel, RemotingCommand request) {
    RequestContext context = new RequestContext(channel, request, hooks);
    ProcessorRegistry.Registration registration = registry.lookup(request.code());
    if (registration == null) {
      LOG.debug("request code {} from {} is not supported", request.code(), context.peer());
      context.writeResponse(RemotingCommand.response(ResponseCode.REQUEST_CODE_NOT_SUPPORTED,
          " request type " + request.code() + " not supported"));
      return;
    }
    if (registration.executor() == null) {
      run(registration.processor(), context);
      return;
    }
    try {
      registration.executor().execute(() -> run(registration.processor(), context));
    } catch (RejectedExecutionException e) {
      LOG.debug("processor queue for request code {} is full; {} gets SYSTEM_BUSY", request.code(),
          context.peer());
      context.writeResponse(RemotingCommand.response(ResponseCode.SYSTEM_BUSY,
          "[REJECTREQUEST]system busy, the queue of request code " + request.code() + " is full"));
    }
  }

  private void run(RequestProcessor processor, RequestContext context) {
    RemotingCommand request = context.request();
    try {
      if (!hooks.isEmpty()) {
        hooks.beforeRequest(context.peer(), request);
      }
      RemotingCommand response = processor.process(context, request);
      if (response != null) {
        context.writeResponse(response);
      }
    } catch (CommandException e) {
      LOG.debug("request code {} from {} refused with code {}: {}", request.code(), context.peer(),
          e.responseCode(), e.getMessage());
      respondError(context, e.responseCode(), e.getMessage());
    } catch (Throwable e) {
      LOG.warn("processing request code {} opaque {} from {} failed", request.code(),
          request.opaque(), context.peer(), e);
      respondError(context, ResponseCode.SYSTEM_ERROR,
          "processing request code " + request.code() + " failed: " + e);
      if (e instanceof VirtualMachineError error) {
        throw error;
      }
    }
  }

  private static void respondError(RequestContext context, int code, String remark) {
    if (!context.hasResponded()) {
      context.writeResponse(RemotingCommand.response(code, remark));
    }
  }
}
