package io.apogeemq.namesrv.processor;

import java.util.Map;

/**
 * A response as the processors produce it, independent of the transport.
 *
 * @param code response code
 * @param remark error text, or null
 * @param fields response header fields (never null)
 * @param body body bytes, or null
 */
public record NamesrvReply(int code, String remark, Map<String, String> fields, byte[] body) {

  public NamesrvReply {
    fields = fields == null ? Map.of() : fields;
  }

  public static NamesrvReply success() {
    return new NamesrvReply(NamesrvCodes.SUCCESS, null, Map.of(), null);
  }

  public static NamesrvReply success(byte[] body) {
    return new NamesrvReply(NamesrvCodes.SUCCESS, null, Map.of(), body);
  }

  public static NamesrvReply success(Map<String, String> fields, byte[] body) {
    return new NamesrvReply(NamesrvCodes.SUCCESS, null, fields, body);
  }

  public static NamesrvReply error(int code, String remark) {
    return new NamesrvReply(code, remark, Map.of(), null);
  }
}
