package io.apogeemq.remoting.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.apogeemq.remoting.protocol.LanguageCode;
import io.apogeemq.remoting.protocol.RemotingCommand;
import io.apogeemq.remoting.protocol.SerializeType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.util.concurrent.FastThreadLocal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The JSON header (serialize type 0): one UTF-8 JSON object.
 *
 * <pre>
 * {"code":105,"extFields":{"topic":"TopicTest"},"flag":0,"language":"JAVA","opaque":0,
 *  "remark":"...","serializeTypeCurrentRPC":"JSON","version":479}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>type</th><th>notes</th></tr>
 *   <tr><td>code</td><td>number</td><td>request or response code</td></tr>
 *   <tr><td>extFields</td><td>object</td><td>string to string; omitted when empty</td></tr>
 *   <tr><td>flag</td><td>number</td><td>bit 0 response, bit 1 oneway</td></tr>
 *   <tr><td>language</td><td>string</td><td>{@link LanguageCode} name (an ordinal is accepted)</td></tr>
 *   <tr><td>opaque</td><td>number</td><td>request id</td></tr>
 *   <tr><td>remark</td><td>string</td><td>omitted when null</td></tr>
 *   <tr><td>serializeTypeCurrentRPC</td><td>string</td><td>informational, ignored on input</td></tr>
 *   <tr><td>version</td><td>number</td><td>sender's release ordinal</td></tr>
 * </table>
 *
 * <p>The writer emits the keys in the order above (the official encoder's alphabetical order) and
 * writes straight into the frame buffer without an object model. The reader streams with Jackson's
 * {@link JsonParser}, ignores unknown keys, accepts numbers given as strings and skips
 * {@code null} members; anything that is not one well-formed JSON object is a
 * {@link MalformedFrameException}.
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonHeaderCodec {

  private static final JsonFactory JSON = JsonFactory.builder().build();

  private static final byte[] CODE = ascii("{\"code\":");
  private static final byte[] EXT_FIELDS = ascii(",\"extFields\":{");
  private static final byte[] FLAG = ascii(",\"flag\":");
  private static final byte[] LANGUAGE = ascii(",\"language\":\"");
  private static final byte[] OPAQUE = ascii("\",\"opaque\":");
  private static final byte[] REMARK = ascii(",\"remark\":");
  private static final byte[] SERIALIZE_JSON = ascii(",\"serializeTypeCurrentRPC\":\"JSON\"");
  private static final byte[] VERSION = ascii(",\"version\":");
  private static final byte[][] LANGUAGE_NAMES = languageNames();
  private static final byte[] HEX = ascii("0123456789abcdef");
  /** Per-thread copy area for headers held in direct buffers; the parser never outlives a call. */
  private static final int SCRATCH_SIZE = 4096;
  private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
    @Override
    protected byte[] initialValue() {
      return new byte[SCRATCH_SIZE];
    }
  };

  private JsonHeaderCodec() {}

  /** Writes the header of {@code command} at {@code out}'s writer index. */
  public static void encode(RemotingCommand command, ByteBuf out) {
    out.writeBytes(CODE);
    writeInt(out, command.code());
    Map<String, String> ext = command.extFields();
    if (ext != null && !ext.isEmpty()) {
      out.writeBytes(EXT_FIELDS);
      boolean first = true;
      for (Map.Entry<String, String> entry : ext.entrySet()) {
        if (entry.getKey() == null || entry.getValue() == null) {
          continue;
        }
        if (!first) {
          out.writeByte(',');
        }
        first = false;
        writeString(out, entry.getKey());
        out.writeByte(':');
        writeString(out, entry.getValue());
      }
      out.writeByte('}');
    }
    out.writeBytes(FLAG);
    writeInt(out, command.flag());
    out.writeBytes(LANGUAGE);
    out.writeBytes(LANGUAGE_NAMES[command.language().ordinal()]);
    out.writeBytes(OPAQUE);
    writeInt(out, command.opaque());
    if (command.remark() != null) {
      out.writeBytes(REMARK);
      writeString(out, command.remark());
    }
    out.writeBytes(SERIALIZE_JSON);
    out.writeBytes(VERSION);
    writeInt(out, command.version());
    out.writeByte('}');
  }

  /**
   * Reads a header of {@code length} bytes starting at {@code in}'s reader index (which is left
   * unchanged).
   *
   * @throws MalformedFrameException when the bytes are not one valid JSON header object
   */
  public static RemotingCommand decode(ByteBuf in, int length) {
    byte[] array;
    int offset;
    if (in.hasArray()) {
      array = in.array();
      offset = in.arrayOffset() + in.readerIndex();
    } else {
      array = length <= SCRATCH_SIZE ? SCRATCH.get() : new byte[length];
      in.getBytes(in.readerIndex(), array, 0, length);
      offset = 0;
    }
    try (JsonParser parser = JSON.createParser(array, offset, length)) {
      RemotingCommand command = readObject(parser);
      if (parser.nextToken() != null) {
        throw new MalformedFrameException("JSON header has trailing content after the object");
      }
      return command.serializeType(SerializeType.JSON);
    } catch (JsonProcessingException e) {
      throw new MalformedFrameException("invalid JSON header: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new MalformedFrameException("unreadable JSON header: " + e.getMessage(), e);
    }
  }

  private static RemotingCommand readObject(JsonParser parser) throws IOException {
    if (parser.nextToken() != JsonToken.START_OBJECT) {
      throw new MalformedFrameException("JSON header is not an object");
    }
    RemotingCommand command = new RemotingCommand();
    JsonToken token;
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      JsonToken value = parser.nextToken();
      if (value == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (name) {
        case "code" -> command.code(readInt(parser, name));
        case "flag" -> command.flag(readInt(parser, name));
        case "opaque" -> command.opaque(readInt(parser, name));
        case "version" -> command.version(readInt(parser, name));
        case "language" -> command.language(readLanguage(parser));
        case "remark" -> command.remark(readScalarText(parser, name));
        case "extFields" -> command.extFields(readExtFields(parser));
        default -> parser.skipChildren();
      }
    }
    if (token != JsonToken.END_OBJECT) {
      throw new MalformedFrameException("JSON header object is not closed");
    }
    return command;
  }

  private static Map<String, String> readExtFields(JsonParser parser) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      throw new MalformedFrameException("JSON header: extFields is not an object");
    }
    Map<String, String> fields = new HashMap<>(16);
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        continue;
      }
      fields.put(key, readScalarText(parser, "extFields." + key));
    }
    return fields;
  }

  private static String readScalarText(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == null || !token.isScalarValue()) {
      throw new MalformedFrameException("JSON header: " + field + " is not a scalar value");
    }
    return parser.getText();
  }

  private static int readInt(JsonParser parser, String field) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_NUMBER_INT) {
      if (parser.getNumberType() != JsonParser.NumberType.INT) {
        throw new MalformedFrameException("JSON header: " + field + " is out of int range");
      }
      return parser.getIntValue();
    }
    if (token == JsonToken.VALUE_STRING) {
      try {
        return Integer.parseInt(parser.getText().trim());
      } catch (NumberFormatException e) {
        throw new MalformedFrameException("JSON header: " + field + " is not an integer", e);
      }
    }
    throw new MalformedFrameException("JSON header: " + field + " is not an integer");
  }

  private static LanguageCode readLanguage(JsonParser parser) throws IOException {
    JsonToken token = parser.currentToken();
    if (token == JsonToken.VALUE_STRING) {
      return LanguageCode.fromName(parser.getText());
    }
    if (token == JsonToken.VALUE_NUMBER_INT) {
      return LanguageCode.fromCode(parser.getIntValue());
    }
    throw new MalformedFrameException("JSON header: language is neither a name nor a number");
  }

  /** Writes a decimal int without allocating. */
  static void writeInt(ByteBuf out, int value) {
    if (value == Integer.MIN_VALUE) {
      out.writeBytes(ascii(Integer.toString(value)));
      return;
    }
    if (value < 0) {
      out.writeByte('-');
      value = -value;
    }
    int digits = 1;
    for (int v = value; v >= 10; v /= 10) {
      digits++;
    }
    int end = out.writerIndex() + digits;
    out.ensureWritable(digits);
    int pos = end;
    do {
      out.setByte(--pos, '0' + value % 10);
      value /= 10;
    } while (value != 0);
    out.writerIndex(end);
  }

  /** Writes a JSON string literal: UTF-8, escaping only what JSON requires. */
  static void writeString(ByteBuf out, String value) {
    out.writeByte('"');
    int length = value.length();
    int plainUntil = 0;
    while (plainUntil < length && isPlainAscii(value.charAt(plainUntil))) {
      plainUntil++;
    }
    if (plainUntil == length) {
      ByteBufUtil.writeAscii(out, value);
    } else {
      if (plainUntil > 0) {
        ByteBufUtil.writeAscii(out, value.subSequence(0, plainUntil));
      }
      writeEscaped(out, value, plainUntil);
    }
    out.writeByte('"');
  }

  private static void writeEscaped(ByteBuf out, String value, int from) {
    int length = value.length();
    int start = from;
    for (int i = from; i < length; i++) {
      char c = value.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      if (i > start) {
        ByteBufUtil.writeUtf8(out, value, start, i);
      }
      start = i + 1;
      switch (c) {
        case '"' -> out.writeShort(('\\' << 8) | '"');
        case '\\' -> out.writeShort(('\\' << 8) | '\\');
        case '\n' -> out.writeShort(('\\' << 8) | 'n');
        case '\r' -> out.writeShort(('\\' << 8) | 'r');
        case '\t' -> out.writeShort(('\\' << 8) | 't');
        default -> {
          out.writeInt(('\\' << 24) | ('u' << 16) | ('0' << 8) | '0');
          out.writeByte(HEX[c >> 4]);
          out.writeByte(HEX[c & 0xF]);
        }
      }
    }
    if (start < length) {
      ByteBufUtil.writeUtf8(out, value, start, length);
    }
  }

  private static boolean isPlainAscii(char c) {
    return c >= 0x20 && c < 0x7F && c != '"' && c != '\\';
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[][] languageNames() {
    LanguageCode[] all = LanguageCode.values();
    byte[][] names = new byte[all.length][];
    for (LanguageCode language : all) {
      names[language.ordinal()] = ascii(language.name());
    }
    return names;
  }
}
