package io.apogeemq.client.consumer;

import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import io.apogeemq.remoting.protocol.ResponseCode;
import io.apogeemq.remoting.protocol.SerializeType;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One outstanding long-polling pull per assigned queue (semantics.md §7.1-7.3): checks flow
 * control, sends {@code PULL_MESSAGE} asynchronously (ROCKETMQ binary header, so the broker
 * answers in binary too: no JSON on either side), and on an answer with messages decodes them,
 * holds them in the process queue, sends the next pull and only then hands them to the consume
 * service, so the broker serves the next pull while the listeners run. Waits (flow control, errors) go through the shared scheduler; no
 * thread of its own.
 *
 * <p>Thread-safe: a queue's pull chain is sequential (one pull in flight), steps run on I/O
 * threads or the scheduler.
 */
final class PullLoop {

  private static final Logger LOG = LoggerFactory.getLogger(PullLoop.class);
  static final int FLAG_COMMIT_OFFSET = 0x1;
  static final int FLAG_SUSPEND = 0x2;
  static final int FLAG_SUBSCRIPTION = 0x4;
  private static final long FLOW_CONTROL_DELAY_MS = 50;
  private static final long ERROR_DELAY_MS = 1_000;
  /** Orderly: a queue whose broker lock is not valid is pulled again after this (official). */
  private static final long LOCK_WAIT_DELAY_MS = 1_000;

  private final PushConsumer consumer;
  private final PushConsumerConfig config;
  private final java.util.concurrent.atomic.AtomicLong flowControlPauses =
      new java.util.concurrent.atomic.AtomicLong();

  PullLoop(PushConsumer consumer) {
    this.consumer = consumer;
    this.config = consumer.config();
  }

  /** Times a pull was postponed by flow control (for tests and metrics). */
  long flowControlPauses() {
    return flowControlPauses.get();
  }

  void pullLater(ProcessQueue pq, long delayMillis) {
    if (pq.isDropped() || consumer.isStopping()) {
      return;
    }
    try {
      consumer.runtime().scheduler().schedule(() -> pull(pq), delayMillis, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      // client is shutting down
    }
  }

  void pull(ProcessQueue pq) {
    if (pq.isDropped() || consumer.isStopping()) {
      return;
    }
    if (pq.count() >= config.maxCachedPerQueue() || pq.bytes() >= config.maxCachedBytesPerQueue()
        || pq.span() >= config.maxSpan()) {
      if (flowControlPauses.incrementAndGet() % 1000 == 1) {
        LOG.info("flow control on {}: {} messages, {} bytes, span {} held; pull postponed",
            pq.queue(), pq.count(), pq.bytes(), pq.span());
      }
      pullLater(pq, FLOW_CONTROL_DELAY_MS);
      return;
    }
    if (consumer.needsLock() && !pq.lockValid(System.nanoTime())) {
      pullLater(pq, LOCK_WAIT_DELAY_MS);
      return;
    }
    MessageQueue q = pq.queue();
    Subscription sub = consumer.subscription(q.topic());
    String address;
    try {
      address = consumer.api().master(q);
    } catch (RuntimeException e) {
      LOG.warn("pull of {} postponed: {}", q, e.getMessage());
      pullLater(pq, ERROR_DELAY_MS);
      return;
    }
    long committed = consumer.offsets().current(q);
    int sysFlag = FLAG_SUSPEND | FLAG_SUBSCRIPTION | (committed > 0 ? FLAG_COMMIT_OFFSET : 0);
    long offset = pq.nextOffset();
    RemotingCommand request = RemotingCommand.request(RequestCode.PULL_MESSAGE)
        .putExtField("consumerGroup", consumer.group()).putExtField("topic", q.topic())
        .putExtField("queueId", q.queueId()).putExtField("queueOffset", offset)
        .putExtField("maxMsgNums", config.pullBatchSize()).putExtField("sysFlag", sysFlag)
        .putExtField("commitOffset", Math.max(0, committed))
        .putExtField("suspendTimeoutMillis", config.longPollTimeout().toMillis())
        .putExtField("subscription", sub.expression()).putExtField("subVersion", sub.version())
        .putExtField("expressionType", "TAG").putExtField("bname", q.brokerName())
        .serializeType(SerializeType.ROCKETMQ);
    long timeout = config.longPollTimeout().toMillis() + 15_000;
    pq.markPulled();
    consumer.runtime().remoting().invokeAsync(address, request, timeout)
        .whenComplete((response, error) -> {
          if (error != null) {
            if (!consumer.isStopping()) {
              LOG.debug("pull of {} at {} from {} failed: {}", q, offset, address,
                  error.toString());
            }
            pullLater(pq, ERROR_DELAY_MS);
            return;
          }
          try {
            onResponse(pq, sub, offset, address, response);
          } catch (RuntimeException e) {
            LOG.warn("pull response of {} at {} from {} could not be handled: {}", q, offset,
                address, e.toString());
            pullLater(pq, ERROR_DELAY_MS);
          }
        });
  }

  private void onResponse(ProcessQueue pq, Subscription sub, long offset, String address,
      RemotingCommand response) {
    if (pq.isDropped() || consumer.isStopping()) {
      return;
    }
    MessageQueue q = pq.queue();
    int code = response.code();
    if (code == ResponseCode.FLOW_CONTROL) {
      pullLater(pq, 20);
      return;
    }
    if (code != ResponseCode.SUCCESS && code != ResponseCode.PULL_NOT_FOUND
        && code != ResponseCode.PULL_RETRY_IMMEDIATELY && code != ResponseCode.PULL_OFFSET_MOVED) {
      LOG.warn("pull of {} at {} from {} answered code {} ({}); retrying in {} ms", q, offset,
          address, code, response.remark(), ERROR_DELAY_MS);
      pullLater(pq, ERROR_DELAY_MS);
      return;
    }
    String next = response.extField("nextBeginOffset");
    if (next == null) {
      LOG.warn("pull of {} at {} from {}: response without nextBeginOffset", q, offset, address);
      pullLater(pq, ERROR_DELAY_MS);
      return;
    }
    long nextBegin = Long.parseLong(next);
    switch (code) {
      case ResponseCode.SUCCESS -> {
        List<ReceivedMessage> found = response.body() == null ? List.of()
            : PulledMessages.decode(response.body(), q, sub);
        pq.nextOffset(nextBegin);
        if (found.isEmpty()) {
          if (pq.isEmpty()) {
            consumer.offsets().update(q, nextBegin);
          }
        } else {
          // held before the next pull leaves (so its answer cannot overtake these in the
          // process queue), handed to the listener pool after it left (the broker already
          // works on the next pull while the listeners run)
          pq.add(found);
          pull(pq);
          consumer.consumeService().submit(pq, found);
          return;
        }
      }
      case ResponseCode.PULL_OFFSET_MOVED -> {
        LOG.warn("offset {} of {} is illegal for group {}; moving to {}", offset, q,
            consumer.group(), nextBegin);
        pq.nextOffset(nextBegin);
        consumer.offsets().reset(q, nextBegin);
        consumer.offsets().persist(List.of(q));
      }
      default -> {
        pq.nextOffset(nextBegin);
        if (pq.isEmpty()) {
          consumer.offsets().update(q, nextBegin);
        }
      }
    }
    pull(pq);
  }
}
