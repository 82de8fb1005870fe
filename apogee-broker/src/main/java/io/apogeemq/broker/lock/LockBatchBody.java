package io.apogeemq.broker.lock;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apogeemq.remoting.exception.CommandException;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The JSON bodies of {@code LOCK_BATCH_MQ} (41) and {@code UNLOCK_BATCH_MQ} (42), codes.md §4.10.
 *
 * <pre>
 * request  {"clientId":"ip@instance","consumerGroup":"g","onlyThisBroker":false,
 *           "mqSet":[{"brokerName":"b","queueId":0,"topic":"T"}, ...]}
 * response {"lockOKMQSet":[{"brokerName":"b","queueId":0,"topic":"T"}, ...]}   (LOCK only)
 * </pre>
 *
 * <p>A body that is not this shape is refused with {@code SYSTEM_ERROR} naming what is wrong.
 *
 * @param clientId the requesting client instance
 * @param consumerGroup the orderly consumer group
 * @param queues the queues to lock or unlock (duplicates removed, order kept)
 */
public record LockBatchBody(String clientId, String consumerGroup, List<QueueAddress> queues) {

  /** More queues than any topic can have is not a lock request but a mistake. */
  static final int MAX_QUEUES = 65_536;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = new JsonFactory();

  /** Parses a request body; {@code what} names the request in errors. */
  public static LockBatchBody parse(byte[] body, String what) {
    if (body == null || body.length == 0) {
      throw malformed(what, "no body");
    }
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw malformed(what, "not JSON (" + e.getOriginalMessage() + ")");
    } catch (IOException e) {
      throw malformed(what, "unreadable (" + e.getMessage() + ")");
    }
    if (root == null || !root.isObject()) {
      throw malformed(what, "not a JSON object");
    }
    String clientId = text(root, "clientId", what);
    String group = text(root, "consumerGroup", what);
    JsonNode set = root.get("mqSet");
    if (set == null || set.isNull()) {
      return new LockBatchBody(clientId, group, List.of());
    }
    if (!set.isArray()) {
      throw malformed(what, "mqSet is not an array");
    }
    if (set.size() > MAX_QUEUES) {
      throw malformed(what, "mqSet has " + set.size() + " queues, more than " + MAX_QUEUES);
    }
    List<QueueAddress> queues = new ArrayList<>(set.size());
    for (JsonNode q : set) {
      if (!q.isObject()) {
        throw malformed(what, "mqSet entry " + q + " is not an object");
      }
      JsonNode id = q.get("queueId");
      if (id == null || !id.canConvertToInt() || !id.isIntegralNumber() || id.asInt() < 0) {
        throw malformed(what, "mqSet entry " + q + " has no valid queueId");
      }
      QueueAddress a = new QueueAddress(text(q, "topic", what), text(q, "brokerName", what),
          id.asInt());
      if (!queues.contains(a)) {
        queues.add(a);
      }
    }
    return new LockBatchBody(clientId, group, queues);
  }

  /** The LOCK_BATCH_MQ response body listing the queues the client now holds. */
  public static byte[] lockedResponse(Collection<QueueAddress> locked) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 64 * locked.size());
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeArrayFieldStart("lockOKMQSet");
      for (QueueAddress q : locked) {
        g.writeStartObject();
        g.writeStringField("brokerName", q.brokerName());
        g.writeNumberField("queueId", q.queueId());
        g.writeStringField("topic", q.topic());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode lock response", e);
    }
    return out.toByteArray();
  }

  private static String text(JsonNode node, String field, String what) {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw malformed(what, "field '" + field + "' missing or not a non-empty string");
    }
    return v.asText();
  }

  private static CommandException malformed(String what, String why) {
    return new CommandException(ResponseCode.SYSTEM_ERROR, "malformed " + what + " body: " + why);
  }
}
