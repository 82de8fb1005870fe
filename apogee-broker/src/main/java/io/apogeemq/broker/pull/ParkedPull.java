package io.apogeemq.broker.pull;

import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.store.TagFilter;

/**
 * A pull held by long polling: it is re-run when a matching message arrives in its queue, when a
 * periodic check finds its queue grew, or when {@code deadlineMillis} passes.
 *
 * @param filter accepts the tag codes the request subscribed to
 */
public record ParkedPull(RequestContext context, PullRequestHeader header, TagFilter filter,
    long parkedAtMillis, long deadlineMillis) {

  public String topic() {
    return header.topic();
  }

  public int queueId() {
    return header.queueId();
  }

  public long offset() {
    return header.queueOffset();
  }
}
