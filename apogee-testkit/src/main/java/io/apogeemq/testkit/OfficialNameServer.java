package io.apogeemq.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The official Apache RocketMQ NameServer ({@code NamesrvStartup} from the classpath) as a child
 * JVM bound to 127.0.0.1.
 */
public final class OfficialNameServer {

  private OfficialNameServer() {}

  /** Starts a NameServer on {@code port} with its home and log under {@code dir}. */
  public static ChildJvm start(Path dir, int port) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    Path conf = dir.resolve("namesrv.conf");
    Files.writeString(conf, "listenPort=" + port + "\nbindAddress=127.0.0.1\n");
    List<String> jvm = new ArrayList<>(List.of("-Xms128m", "-Xmx256m",
        "-Duser.home=" + home, "-Drocketmq.home.dir=" + home));
    jvm.addAll(ChildJvm.ROCKETMQ_FLAGS);
    return ChildJvm.start("namesrv-" + port, jvm, "org.apache.rocketmq.namesrv.NamesrvStartup",
        List.of("-c", conf.toString()), dir.resolve("namesrv.out"));
  }
}
