package io.apogeemq.broker.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java process started from this JVM's classpath (the test classpath, which holds the official
 * RocketMQ jars in test scope), with its output in a log file. Always destroyed: by {@link #close()}
 * and, should the test JVM die first, by a shutdown hook.
 */
final class ChildJvm implements AutoCloseable {

  /** JVM flags the official RocketMQ 5.x processes need on Java 17. */
  public static final List<String> ROCKETMQ_FLAGS = List.of(
      "-XX:+UseG1GC", "-Djava.net.preferIPv4Stack=true",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread hook;

  private ChildJvm(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
    this.hook = new Thread(process::destroyForcibly, "child-jvm-reaper-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts {@code mainClass} with the given JVM flags and arguments; output goes to {@code log}. */
  public static ChildJvm start(String name, List<String> jvmArgs, String mainClass, List<String> args, Path log)
      throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    return new ChildJvm(name, p, log);
  }

  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public Path log() {
    return log;
  }

  /** The last {@code n} characters of the log, for failure messages. */
  public String logTail(int n) {
    try {
      String s = Files.readString(log);
      return s.length() <= n ? s : s.substring(s.length() - n);
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  /** Resident set size in KiB, from /proc. */
  public long rssKb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** Runs a full GC in the child (jcmd) and returns the used heap in KiB afterwards. */
  public long heapUsedAfterGcKb() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IOException("cannot read heap usage of " + name + " from: " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + command + " on " + name + " timed out");
    }
    return out;
  }

  /** Kills the process at once (SIGKILL): its connections drop without any goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
  }

  /** Asks the process to stop (SIGTERM), then kills it after 15 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(15, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
  }
}
