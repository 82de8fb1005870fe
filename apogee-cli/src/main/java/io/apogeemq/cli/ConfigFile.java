package io.apogeemq.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** Reads a RocketMQ-style {@code key=value} configuration file. */
final class ConfigFile {

  private ConfigFile() {}

  /** The file's properties; an empty set when {@code file} is null. */
  static Properties load(Path file) throws IOException {
    Properties p = new Properties();
    if (file == null) {
      return p;
    }
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IOException("config file " + file + " does not exist", e);
    } catch (IOException e) {
      throw new IOException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return p;
  }
}
