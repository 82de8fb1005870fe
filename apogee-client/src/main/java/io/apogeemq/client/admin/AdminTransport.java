package io.apogeemq.client.admin;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.apogeemq.client.BrokerException;
import io.apogeemq.client.ClientException;
import io.apogeemq.client.internal.ClientRuntime;
import io.apogeemq.remoting.exception.RemotingConnectException;
import io.apogeemq.remoting.exception.RemotingException;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.ResponseCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Synchronous request/response for the admin classes: one call to one peer, the NameServers in
 * turn, or every NameServer; JSON bodies read leniently (fastjson's unquoted numeric keys and
 * object keys). Thread-safe; owns nothing.
 */
final class AdminTransport {

  /** Lenient: the official servers write unquoted numeric map keys. */
  static final ObjectMapper JSON = JsonMapper.builder()
      .enable(JsonReadFeature.ALLOW_UNQUOTED_FIELD_NAMES).build();

  private final ClientRuntime runtime;

  AdminTransport(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  ClientRuntime runtime() {
    return runtime;
  }

  /**
   * Sends {@code request} to {@code address}; a code other than SUCCESS becomes a
   * {@link BrokerException}, a transport failure a {@link ClientException} (an
   * {@link UnreachableException} when no connection could be made).
   */
  RemotingCommand call(String address, RemotingCommand request, String what) {
    RemotingCommand r = callAnyCode(address, request, what);
    if (r.code() != ResponseCode.SUCCESS) {
      throw new BrokerException(r.code(), r.remark(), address, what);
    }
    return r;
  }

  /** As {@link #call} but returns the response whatever its code. */
  RemotingCommand callAnyCode(String address, RemotingCommand request, String what) {
    try {
      return runtime.remoting().invokeSync(address, request, runtime.timeoutMillis());
    } catch (RemotingConnectException e) {
      throw new UnreachableException(address, what, e);
    } catch (RemotingException e) {
      throw new ClientException(what + " via " + address + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClientException(what + " interrupted", e);
    }
  }

  /** Asks the NameServers in turn until one answers (an error code is an answer). */
  RemotingCommand callNamesrv(RemotingCommand request, String what) {
    ClientException last = null;
    for (String ns : runtime.config().namesrvAddresses()) {
      try {
        return call(ns, request, what);
      } catch (BrokerException e) {
        throw e;
      } catch (ClientException e) {
        last = e;
      }
    }
    throw last != null ? last : new ClientException(what + ": no NameServer configured");
  }

  /** Sends the request to every NameServer; fails on the first that does not succeed. */
  void callAllNamesrv(java.util.function.Supplier<RemotingCommand> request, String what) {
    for (String ns : runtime.config().namesrvAddresses()) {
      call(ns, request.get(), what);
    }
  }

  /** The body as a JSON tree; fastjson object keys become string keys. */
  static JsonNode json(RemotingCommand r, String what) {
    byte[] body = r.body();
    if (body == null || body.length == 0) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(FastjsonKeys.normalize(new String(body, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new ClientException(what + ": malformed JSON body: " + e.getMessage(), e);
    }
  }

  /** A {@code MessageQueue} map key: a JSON object text. */
  static io.apogeemq.client.message.MessageQueue queueKey(String key, String what) {
    try {
      JsonNode q = JSON.readTree(key);
      return new io.apogeemq.client.message.MessageQueue(q.path("topic").asText(),
          q.path("brokerName").asText(), q.path("queueId").asInt());
    } catch (IOException e) {
      throw new ClientException(what + ": malformed queue key " + key, e);
    }
  }
}
