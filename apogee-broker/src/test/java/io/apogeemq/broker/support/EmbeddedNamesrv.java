package io.apogeemq.broker.support;

import io.apogeemq.namesrv.NamesrvServer;
import io.apogeemq.namesrv.config.NamesrvConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Properties;

/** Apogee's NameServer on a free loopback port with its files under a directory. */
public final class EmbeddedNamesrv implements AutoCloseable {

  private final NamesrvServer server;

  public EmbeddedNamesrv(Path dir) throws Exception {
    Files.createDirectories(dir);
    Properties p = new Properties();
    p.setProperty("listenPort", "0");
    p.setProperty("bindAddress", "127.0.0.1");
    p.setProperty("kvConfigPath", dir.resolve("kv.json").toString());
    p.setProperty("configStorePath", dir.resolve("namesrv.properties").toString());
    server = NamesrvServer.create(NamesrvConfig.fromProperties(p, w -> { }), Clock.systemUTC());
    server.start();
  }

  public String addr() {
    return "127.0.0.1:" + server.port();
  }

  public NamesrvServer server() {
    return server;
  }

  @Override
  public void close() {
    server.close();
  }
}
