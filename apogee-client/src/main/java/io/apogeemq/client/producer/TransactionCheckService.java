package io.apogeemq.client.producer;

import io.apogeemq.client.consumer.ReceivedMessage;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.client.message.MessageQueue;
import io.apogeemq.common.message.MessageProperties;
import io.apogeemq.common.message.MessageRecord;
import io.apogeemq.common.message.MessageRecordCodec;
import io.apogeemq.common.message.PropertyKeys;
import io.apogeemq.remoting.dispatch.RequestContext;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.RequestCode;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code CHECK_TRANSACTION_STATE} (codes.md §3.6) for the transactional producers of one
 * client: decodes the half message, finds the producer by its {@code PGROUP} property, asks its
 * checker and answers with a oneway {@code END_TRANSACTION} to the broker that asked.
 *
 * <p>Checks run on one bounded executor owned by the remoting client (1 thread, 2,000 queued);
 * beyond that the remoting layer drops them and the broker asks again. Thread-safe.
 */
final class TransactionCheckService {

  private static final Logger LOG = LoggerFactory.getLogger(TransactionCheckService.class);

  private final ClientRuntime runtime;
  private final Map<String, TransactionChecker> checkers = new ConcurrentHashMap<>();

  private TransactionCheckService(ClientRuntime runtime) {
    this.runtime = runtime;
    runtime.remoting().registerProcessor(RequestCode.CHECK_TRANSACTION_STATE, this::onCheck,
        runtime.remoting().newProcessorExecutor("tx-check", 1, 2_000));
  }

  static TransactionCheckService of(ClientRuntime runtime) {
    return runtime.service(TransactionCheckService.class, TransactionCheckService::new);
  }

  void register(String group, TransactionChecker checker) {
    checkers.put(group, checker);
  }

  void unregister(String group) {
    checkers.remove(group);
  }

  private RemotingCommand onCheck(RequestContext context, RemotingCommand request) {
    try {
      if (request.body() == null) {
        LOG.warn("transaction check from {} without a message body ignored", context.peer());
        return null;
      }
      MessageRecord r = MessageRecordCodec.decode(ByteBuffer.wrap(request.body()), false);
      Map<String, String> props = Map.copyOf(MessageProperties.decode(r.properties()));
      String group = props.get(PropertyKeys.PRODUCER_GROUP);
      TransactionChecker checker = group == null ? null : checkers.get(group);
      if (checker == null) {
        LOG.warn("transaction check from {} for group {} ignored: no such producer here",
            context.peer(), group);
        return null;
      }
      String uniq = props.getOrDefault(PropertyKeys.UNIQ_CLIENT_MESSAGE_ID_KEYIDX,
          request.extField("msgId"));
      String bname = request.extField("bname");
      ReceivedMessage half = new ReceivedMessage(r.topic(), props.get(PropertyKeys.TAGS),
          props.get(PropertyKeys.KEYS) == null ? List.of()
              : List.of(props.get(PropertyKeys.KEYS).split(" ")),
          r.body(), props, uniq, r.offsetMessageId(),
          new MessageQueue(r.topic(), bname == null ? "" : bname, r.queueId()), r.queueOffset(),
          r.physicalOffset(), r.reconsumeTimes(), r.bornTimestamp(), r.storeTimestamp(), r.flag());
      TransactionState state;
      try {
        state = checker.check(half);
      } catch (Exception e) {
        LOG.warn("transaction checker of group {} threw for {}: {}", group, uniq, e.toString());
        state = null;
      }
      if (state == null) {
        state = TransactionState.UNKNOWN;
      }
      RemotingCommand end = RemotingCommand.onewayRequest(RequestCode.END_TRANSACTION)
          .putExtField("topic", request.extField("topic")).putExtField("producerGroup", group)
          .putExtField("tranStateTableOffset", request.extField("tranStateTableOffset"))
          .putExtField("commitLogOffset", request.extField("commitLogOffset"))
          .putExtField("commitOrRollback", state.wireValue())
          .putExtField("fromTransactionCheck", true).putExtField("msgId", uniq)
          .putExtField("transactionId", request.extField("transactionId") != null
              ? request.extField("transactionId") : uniq)
          .putExtField("bname", bname);
      runtime.remoting().invokeOneway(context.peer(), end, runtime.timeoutMillis());
    } catch (Exception e) {
      LOG.warn("transaction check from {} failed: {}", context.peer(), e.toString());
    }
    return null;
  }
}
