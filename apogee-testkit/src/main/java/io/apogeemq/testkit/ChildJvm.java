package io.apogeemq.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java process started with this JVM's classpath (in tests: the test classpath, which holds the
 * official RocketMQ jars), its output redirected to a log file.
 *
 * <p>The process is always destroyed: by {@link #close()} (SIGTERM, then SIGKILL after a grace
 * period), by {@link #kill()}, or — should the test JVM exit first — by a shutdown hook.
 * Thread-safe.
 */
public final class ChildJvm implements AutoCloseable {

  /** JVM flags the official RocketMQ 5.x processes need on Java 17. */
  public static final List<String> ROCKETMQ_FLAGS = List.of(
      "-XX:+UseG1GC", "-XX:-OmitStackTraceInFastThrow", "-Djava.net.preferIPv4Stack=true",
      "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED");

  private static final long GRACE_SECONDS = 15;

  private final String name;
  private final Process process;
  private final Path log;
  private final Thread reaper;
  private final long startNanos;

  private ChildJvm(String name, Process process, Path log, long startNanos) {
    this.name = name;
    this.startNanos = startNanos;
    this.process = process;
    this.log = log;
    this.reaper = new Thread(process::destroyForcibly, "apogee-testkit-reaper-" + name);
    Runtime.getRuntime().addShutdownHook(reaper);
  }

  /**
   * Starts {@code mainClass} with {@code jvmArgs} and {@code args}; stdout and stderr go to
   * {@code log}.
   */
  public static ChildJvm start(String name, List<String> jvmArgs, String mainClass,
      List<String> args, Path log) throws IOException {
    return start(name, jvmArgs, System.getProperty("java.class.path"), mainClass, args, log);
  }

  /**
   * Starts {@code mainClass} from {@code classPath} (for example a production class path without
   * the test jars, when start-up time or memory is measured).
   */
  public static ChildJvm start(String name, List<String> jvmArgs, String classPath,
      String mainClass, List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(classPath);
    cmd.add(mainClass);
    cmd.addAll(args);
    Files.createDirectories(log.toAbsolutePath().getParent());
    long startNanos = System.nanoTime();
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    return new ChildJvm(name, p, log, startNanos);
  }

  public String name() {
    return name;
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
      return "(no log at " + log + ": " + e + ")";
    }
  }

  /** {@link System#nanoTime()} just before the process was started (for start-to-ready times). */
  public long startNanos() {
    return startNanos;
  }

  /** Resident set size now, in KiB (see {@link ProcessProbe}). */
  public long rssKb() throws IOException {
    return ProcessProbe.rssKb(pid());
  }

  /** Anonymous resident memory (without mapped files), in KiB (see {@link ProcessProbe}). */
  public long rssAnonKb() throws IOException {
    return ProcessProbe.rssAnonKb(pid());
  }

  /** Peak resident set size, in KiB (see {@link ProcessProbe}). */
  public long hwmKb() throws IOException {
    return ProcessProbe.hwmKb(pid());
  }

  /** CPU seconds (user + system, all threads) used so far (see {@link ProcessProbe}). */
  public double cpuSeconds() throws IOException {
    return ProcessProbe.cpuSeconds(pid());
  }

  /** Runs a full GC in the child ({@code jcmd GC.run}) and returns the used heap in KiB after it. */
  public long heapUsedAfterGcKb() throws IOException, InterruptedException {
    jcmd("GC.run");
    String info = jcmd("GC.heap_info");
    Matcher m = Pattern.compile("used (\\d+)K").matcher(info);
    if (!m.find()) {
      throw new IOException("cannot read the heap usage of " + name + " from: " + info);
    }
    return Long.parseLong(m.group(1));
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
    Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IOException("jcmd " + command + " on " + name + " timed out");
    }
    return out;
  }

  /** Kills the process at once (SIGKILL): its connections drop without a goodbye. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(10, TimeUnit.SECONDS);
    removeReaper();
  }

  /** Asks the process to stop (SIGTERM) and kills it if it has not exited after 15 s. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(10, TimeUnit.SECONDS);
    }
    removeReaper();
  }

  private void removeReaper() {
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway, harmlessly
    }
  }

  @Override
  public String toString() {
    return name + "(pid " + process.pid() + ", log " + log + ")";
  }
}
