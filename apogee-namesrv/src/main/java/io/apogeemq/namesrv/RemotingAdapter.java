package io.apogeemq.namesrv;

import io.apogeemq.namesrv.processor.NamesrvDispatcher;
import io.apogeemq.namesrv.processor.NamesrvReply;
import io.apogeemq.namesrv.processor.NamesrvRequest;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.dispatch.RequestProcessor;
import io.apogeemq.remoting.protocol.RemotingCommand;
import java.util.HashMap;

/**
 * Bridges the remoting layer to the transport-free NameServer processors: a received command becomes
 * a {@link NamesrvRequest} (the channel is the connection identity used for liveness), the
 * {@link NamesrvReply} becomes the response command. Stateless and thread-safe.
 */
final class RemotingAdapter implements RequestProcessor {

  private final NamesrvDispatcher dispatcher;

  RemotingAdapter(NamesrvDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public RemotingCommand process(RequestContext context, RemotingCommand request) {
    NamesrvReply reply =
        dispatcher.dispatch(
            new NamesrvRequest(
                request.code(),
                request.version(),
                request.extFields(),
                request.body(),
                context.channel(),
                context.peer()));
    RemotingCommand response = RemotingCommand.response(reply.code(), reply.remark());
    if (!reply.fields().isEmpty()) {
      response.extFields(new HashMap<>(reply.fields()));
    }
    return response.body(reply.body());
  }

}
