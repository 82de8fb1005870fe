package io.apogeemq.remoting.protocol;

/**
 * How a frame's header is serialized; carried in the high byte of the frame's second int32.
 *
 * <p>A response is written with the serialization of the request it answers.
 */
public enum SerializeType {
  /** UTF-8 JSON object (type byte 0), the official clients' default. */
  JSON((byte) 0),
  /** Compact big-endian binary layout (type byte 1). */
  ROCKETMQ((byte) 1);

  private final byte code;

  SerializeType(byte code) {
    this.code = code;
  }

  /** The type byte written on the wire. */
  public byte code() {
    return code;
  }

  /** The type for a wire byte, or {@code null} when the byte names no known serialization. */
  public static SerializeType fromCode(int code) {
    return switch (code) {
      case 0 -> JSON;
      case 1 -> ROCKETMQ;
      default -> null;
    };
  }
}
