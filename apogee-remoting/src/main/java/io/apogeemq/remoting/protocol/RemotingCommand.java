package io.apogeemq.remoting.protocol;

import io.netty.buffer.ByteBuf;
import io.netty.channel.FileRegion;
import io.netty.util.ReferenceCountUtil;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One request or response of the remoting protocol: code, language, version, opaque, flag, remark,
 * extFields and body.
 *
 * <p>A command is a response iff {@link #FLAG_RESPONSE} is set in {@link #flag()}; a request with
 * {@link #FLAG_ONEWAY} expects no answer. The {@link #serializeType()} records how a received
 * command's header was encoded and how a command will be written; {@link #responseTo} copies it from
 * the request so a response always uses the serialization of its request.
 *
 * <p>The body is either a {@code byte[]} or, for outbound commands only, a Netty {@link ByteBuf}
 * (for instance a slice or composite of mmap'd stored data) or a {@link FileRegion}, which the
 * encoder writes without copying. Such a body's reference is owned by the command and released
 * once the command has been written (or has failed to be written, or was dropped); such a command
 * can be written only once.
 *
 * <p>Not thread-safe: a command is built by one thread and handed over to another by a
 * happens-before edge (an executor hand-off or a channel write).
 */
public final class RemotingCommand {

  /** Flag bit 0: the command is a response. */
  public static final int FLAG_RESPONSE = 0x1;
  /** Flag bit 1: the request expects no response. */
  public static final int FLAG_ONEWAY = 0x2;

  private int code;
  private LanguageCode language = LanguageCode.JAVA;
  private int version = RemotingVersion.CURRENT;
  private int opaque;
  private int flag;
  private String remark;
  private Map<String, String> extFields;
  private byte[] body;
  private ByteBuf bodyBuffer;
  private FileRegion bodyRegion;
  private SerializeType serializeType = SerializeType.JSON;

  /** An empty command; use the factories below for the usual shapes. */
  public RemotingCommand() {}

  /** A request with the given code, JSON serialization and Apogee's version. */
  public static RemotingCommand request(int code) {
    RemotingCommand command = new RemotingCommand();
    command.code = code;
    return command;
  }

  /** A oneway request: the peer must never answer it. */
  public static RemotingCommand onewayRequest(int code) {
    RemotingCommand command = request(code);
    command.flag = FLAG_ONEWAY;
    return command;
  }

  /**
   * A response to {@code request}: same opaque and serialization, response flag set, Apogee's
   * version and language.
   */
  public static RemotingCommand responseTo(RemotingCommand request, int code, String remark) {
    RemotingCommand response = new RemotingCommand();
    response.code = code;
    response.remark = remark;
    response.flag = FLAG_RESPONSE;
    response.opaque = request.opaque;
    response.serializeType = request.serializeType;
    return response;
  }

  /** A response with only a code and a remark, to be bound to its request later. */
  public static RemotingCommand response(int code, String remark) {
    RemotingCommand response = new RemotingCommand();
    response.code = code;
    response.remark = remark;
    response.flag = FLAG_RESPONSE;
    return response;
  }

  public int code() {
    return code;
  }

  public RemotingCommand code(int code) {
    this.code = code;
    return this;
  }

  public LanguageCode language() {
    return language;
  }

  public RemotingCommand language(LanguageCode language) {
    this.language = Objects.requireNonNull(language, "language");
    return this;
  }

  public int version() {
    return version;
  }

  public RemotingCommand version(int version) {
    this.version = version;
    return this;
  }

  public int opaque() {
    return opaque;
  }

  public RemotingCommand opaque(int opaque) {
    this.opaque = opaque;
    return this;
  }

  public int flag() {
    return flag;
  }

  public RemotingCommand flag(int flag) {
    this.flag = flag;
    return this;
  }

  public boolean isResponse() {
    return (flag & FLAG_RESPONSE) != 0;
  }

  public boolean isOneway() {
    return (flag & FLAG_ONEWAY) != 0;
  }

  /** Sets or clears the oneway bit. */
  public RemotingCommand oneway(boolean oneway) {
    flag = oneway ? flag | FLAG_ONEWAY : flag & ~FLAG_ONEWAY;
    return this;
  }

  /** Marks this command as a response. */
  public RemotingCommand markResponse() {
    flag |= FLAG_RESPONSE;
    return this;
  }

  public String remark() {
    return remark;
  }

  public RemotingCommand remark(String remark) {
    this.remark = remark;
    return this;
  }

  /** The extFields map, or {@code null} when the command carries none. Mutable. */
  public Map<String, String> extFields() {
    return extFields;
  }

  /** Replaces the extFields map (which the command then owns); {@code null} removes all fields. */
  public RemotingCommand extFields(Map<String, String> extFields) {
    this.extFields = extFields;
    return this;
  }

  /** The value of one extField, or {@code null}. */
  public String extField(String key) {
    return extFields == null ? null : extFields.get(key);
  }

  /** Adds one extField; a {@code null} value is not stored (the wire cannot carry it). */
  public RemotingCommand putExtField(String key, String value) {
    Objects.requireNonNull(key, "key");
    if (value != null) {
      if (extFields == null) {
        extFields = new HashMap<>(8);
      }
      extFields.put(key, value);
    }
    return this;
  }

  /** Adds one extField holding a decimal number. */
  public RemotingCommand putExtField(String key, long value) {
    return putExtField(key, Long.toString(value));
  }

  /** Adds one extField holding {@code true} or {@code false}. */
  public RemotingCommand putExtField(String key, boolean value) {
    return putExtField(key, Boolean.toString(value));
  }

  /** The body bytes, or {@code null}. A command with a {@link #bodyBuffer()} has no byte[] body. */
  public byte[] body() {
    return body;
  }

  public RemotingCommand body(byte[] body) {
    this.body = body != null && body.length == 0 ? null : body;
    this.bodyBuffer = null;
    this.bodyRegion = null;
    return this;
  }

  /** The zero-copy outbound body, or {@code null}. */
  public ByteBuf bodyBuffer() {
    return bodyBuffer;
  }

  /**
   * Sets a zero-copy body; the command takes over the caller's reference to {@code buffer} and the
   * encoder releases it after writing.
   */
  public RemotingCommand bodyBuffer(ByteBuf buffer) {
    this.bodyBuffer = buffer;
    this.body = null;
    this.bodyRegion = null;
    return this;
  }

  /** The zero-copy file body ({@code sendfile} where the transport supports it), or {@code null}. */
  public FileRegion bodyRegion() {
    return bodyRegion;
  }

  /**
   * Sets a file region as body (e.g. a stretch of a commit log file); the command takes over the
   * caller's reference and the encoder writes it after the header without copying it into the heap.
   */
  public RemotingCommand bodyRegion(FileRegion region) {
    this.bodyRegion = region;
    this.body = null;
    this.bodyBuffer = null;
    return this;
  }

  /** Releases a {@code ByteBuf} or file-region body that will not be written. */
  public void releaseBody() {
    if (bodyBuffer != null) {
      ReferenceCountUtil.safeRelease(bodyBuffer);
      bodyBuffer = null;
    }
    if (bodyRegion != null) {
      ReferenceCountUtil.safeRelease(bodyRegion);
      bodyRegion = null;
    }
  }

  /** Length of the body in bytes, whichever form it has. */
  public long bodyLength() {
    if (bodyBuffer != null) {
      return bodyBuffer.readableBytes();
    }
    if (bodyRegion != null) {
      return bodyRegion.count() - bodyRegion.transferred();
    }
    return body == null ? 0 : body.length;
  }

  public SerializeType serializeType() {
    return serializeType;
  }

  public RemotingCommand serializeType(SerializeType serializeType) {
    this.serializeType = Objects.requireNonNull(serializeType, "serializeType");
    return this;
  }

  /** Structural equality over every wire field (not the body's form); for tests and diagnostics. */
  public boolean sameWireContent(RemotingCommand other) {
    return code == other.code
        && language == other.language
        && version == other.version
        && opaque == other.opaque
        && flag == other.flag
        && Objects.equals(remark, other.remark)
        && Objects.equals(emptyToNull(extFields), emptyToNull(other.extFields))
        && Arrays.equals(body, other.body);
  }

  private static Map<String, String> emptyToNull(Map<String, String> map) {
    return map == null || map.isEmpty() ? null : map;
  }

  @Override
  public String toString() {
    return "RemotingCommand[code=" + code + ", " + (isResponse() ? "response" : "request")
        + (isOneway() ? ", oneway" : "") + ", opaque=" + opaque + ", language=" + language
        + ", version=" + version + ", serializeType=" + serializeType
        + (remark == null ? "" : ", remark=" + remark)
        + (extFields == null ? "" : ", extFields=" + extFields)
        + ", bodyLength=" + bodyLength() + "]";
  }
}
