package io.apogeemq.namesrv.processor;

import io.apogeemq.namesrv.kv.KvConfigStore;
import io.apogeemq.namesrv.wire.SmallBodies;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KV config requests: {@code PUT_KV_CONFIG} (100), {@code GET_KV_CONFIG} (101),
 * {@code DELETE_KV_CONFIG} (102), {@code GET_KVLIST_BY_NAMESPACE} (219). A change that cannot be
 * persisted is answered with {@code SYSTEM_ERROR} and not applied. Thread-safe.
 */
public final class KvConfigProcessor implements RequestProcessor {

  private static final Logger LOG = LoggerFactory.getLogger(KvConfigProcessor.class);

  private final KvConfigStore kv;

  public KvConfigProcessor(KvConfigStore kv) {
    this.kv = Objects.requireNonNull(kv);
  }

  @Override
  public NamesrvReply process(NamesrvRequest r) throws BadRequestException {
    String namespace = r.required("namespace");
    switch (r.code()) {
      case NamesrvCodes.PUT_KV_CONFIG -> {
        String key = r.required("key");
        String value = r.fields().get("value");
        if (value == null) {
          throw new BadRequestException("PUT_KV_CONFIG " + namespace + "/" + key + " misses header field 'value'");
        }
        try {
          kv.put(namespace, key, value);
        } catch (IOException e) {
          LOG.error("Cannot persist KV config {}/{}: {}", namespace, key, e.getMessage());
          return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "cannot persist KV config " + namespace + "/" + key + ": " + e.getMessage());
        }
        return NamesrvReply.success();
      }
      case NamesrvCodes.GET_KV_CONFIG -> {
        String key = r.required("key");
        Optional<String> value = kv.get(namespace, key);
        if (value.isEmpty()) {
          return NamesrvReply.error(NamesrvCodes.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace + " Key: " + key);
        }
        return NamesrvReply.success(Map.of("value", value.get()), null);
      }
      case NamesrvCodes.DELETE_KV_CONFIG -> {
        String key = r.required("key");
        try {
          kv.delete(namespace, key);
        } catch (IOException e) {
          LOG.error("Cannot persist deletion of KV config {}/{}: {}", namespace, key, e.getMessage());
          return NamesrvReply.error(NamesrvCodes.SYSTEM_ERROR, "cannot persist KV config " + namespace + "/" + key + ": " + e.getMessage());
        }
        return NamesrvReply.success();
      }
      case NamesrvCodes.GET_KVLIST_BY_NAMESPACE -> {
        Map<String, String> table = kv.namespace(namespace);
        if (table.isEmpty()) {
          return NamesrvReply.error(NamesrvCodes.QUERY_NOT_FOUND, "No config item, Namespace: " + namespace);
        }
        return NamesrvReply.success(SmallBodies.kvTable(table));
      }
      default -> throw new IllegalArgumentException("not a KV request: " + r.code());
    }
  }
}
