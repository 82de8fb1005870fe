package io.apogeemq.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Reads a process's CPU time and memory from Linux {@code /proc}, for benchmarks that compare
 * servers running as child JVMs.
 *
 * <ul>
 *   <li>CPU: fields 14 ({@code utime}) and 15 ({@code stime}) of {@code /proc/<pid>/stat}, in clock
 *       ticks, converted with {@code getconf CLK_TCK} (read once; 100 when it cannot be run). Both
 *       fields cover every thread of the process.
 *   <li>Memory: {@code VmRSS} (resident now) and {@code VmHWM} (resident peak) of
 *       {@code /proc/<pid>/status}, in KiB. Resident memory includes the touched pages of mapped
 *       files (a broker's CommitLog); {@code RssAnon} leaves them out.
 * </ul>
 *
 * <p>Stateless and thread-safe. Every method throws {@link IOException} naming the pid when the
 * process is gone or {@code /proc} is not Linux's.
 */
public final class ProcessProbe {

  /** One reading of a process. */
  public record Sample(long pid, double cpuSeconds, long rssKb, long hwmKb) {}

  private static final long TICKS_PER_SECOND = clockTicks();

  private ProcessProbe() {}

  /** CPU seconds (user + system) the process has used since it started. */
  public static double cpuSeconds(long pid) throws IOException {
    String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
    // field 2 (comm) is in parentheses and may hold spaces: count fields after the last ')'
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IOException("unexpected /proc/" + pid + "/stat: " + stat);
    }
    String[] f = stat.substring(close + 2).trim().split(" ");
    // f[0] is field 3 (state), so field n is f[n - 3]
    long ticks = Long.parseLong(f[14 - 3]) + Long.parseLong(f[15 - 3]);
    return ticks / (double) TICKS_PER_SECOND;
  }

  /** Resident set size now, in KiB. */
  public static long rssKb(long pid) throws IOException {
    return statusKb(pid, "VmRSS:");
  }

  /**
   * Anonymous resident memory ({@code RssAnon}: heap, metaspace, code cache, direct buffers,
   * thread stacks), in KiB: the resident set without the pages of mapped files.
   */
  public static long rssAnonKb(long pid) throws IOException {
    return statusKb(pid, "RssAnon:");
  }

  /** Peak resident set size ("high water mark"), in KiB. */
  public static long hwmKb(long pid) throws IOException {
    return statusKb(pid, "VmHWM:");
  }

  /** CPU, RSS and peak RSS in one reading. */
  public static Sample sample(long pid) throws IOException {
    return new Sample(pid, cpuSeconds(pid), rssKb(pid), hwmKb(pid));
  }

  private static long statusKb(long pid, String key) throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
      if (line.startsWith(key)) {
        return Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
      }
    }
    throw new IOException("no " + key + " in /proc/" + pid + "/status");
  }

  private static long clockTicks() {
    try {
      Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes()).trim();
      if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return Long.parseLong(out);
      }
    } catch (IOException | NumberFormatException e) {
      // fall through to the Linux default
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 100;
  }
}
