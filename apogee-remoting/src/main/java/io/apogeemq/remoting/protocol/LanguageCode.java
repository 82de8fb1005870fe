package io.apogeemq.remoting.protocol;

/**
 * The sender's implementation language, carried by every command: by name in JSON headers and by
 * byte in ROCKETMQ binary headers. Apogee always sends {@link #JAVA}.
 */
public enum LanguageCode {
  JAVA(0),
  CPP(1),
  DOTNET(2),
  PYTHON(3),
  DELPHI(4),
  ERLANG(5),
  RUBY(6),
  OTHER(7),
  HTTP(8),
  GO(9),
  PHP(10),
  OMS(11),
  RUST(12),
  NODE_JS(13);

  private static final LanguageCode[] BY_CODE = values();

  private final byte code;

  LanguageCode(int code) {
    this.code = (byte) code;
  }

  /** The byte written in the ROCKETMQ binary header. */
  public byte code() {
    return code;
  }

  /**
   * The language for a binary-header byte. Unknown bytes map to {@link #OTHER}: a peer's language
   * is informational and must never make a frame undecodable.
   */
  public static LanguageCode fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : OTHER;
  }

  /** The language for a JSON name; unknown names map to {@link #OTHER} (see {@link #fromCode}). */
  public static LanguageCode fromName(String name) {
    for (LanguageCode language : BY_CODE) {
      if (language.name().equals(name)) {
        return language;
      }
    }
    return OTHER;
  }
}
