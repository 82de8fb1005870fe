package io.apogeemq.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.spi.ContextAwareBase;
import ch.qos.logback.core.util.FileSize;
import org.slf4j.Logger;

/**
 * Logback configuration of the {@code apogee} servers and {@code bench}, built in code: the same
 * appenders an XML file would declare, without parsing XML at start (Logback's XML configurator
 * loads several hundred classes and a SAX parser, a large share of a server's start-up).
 *
 * <ul>
 *   <li>console: {@code HH:mm:ss.SSS LEVEL [thread] logger - message};
 *   <li>file {@code <apogee.log.dir>/apogee.log} (default {@code ./logs}), rolled daily and at
 *       100 MB to {@code apogee.<date>.<i>.log.gz}, 7 days and at most 2 GB kept;
 *   <li>root level INFO, {@code io.netty} WARN.
 * </ul>
 *
 * <p>Found by Logback through {@code META-INF/services}; it acts only when the system property
 * {@value #SWITCH} is {@value #ON} (set by {@link Apogee#main} when no
 * {@code -Dlogback.configurationFile} is given) and otherwise lets Logback's usual configuration
 * (a given file, {@code logback-test.xml} in tests) run. Called once by Logback at initialisation.
 */
public final class ServerLogConfigurator extends ContextAwareBase implements Configurator {

  /** System property that turns this configuration on. */
  public static final String SWITCH = "apogee.logging";

  /** Value of {@link #SWITCH} that turns it on. */
  public static final String ON = "server";

  @Override
  public ExecutionStatus configure(LoggerContext ctx) {
    if (!ON.equals(System.getProperty(SWITCH))) {
      return ExecutionStatus.INVOKE_NEXT_IF_ANY;
    }
    String dir = System.getProperty("apogee.log.dir", "logs");

    ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
    console.setContext(ctx);
    console.setName("CONSOLE");
    console.setEncoder(encoder(ctx, "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{24} - %msg%n"));
    console.start();

    RollingFileAppender<ILoggingEvent> file = new RollingFileAppender<>();
    file.setContext(ctx);
    file.setName("FILE");
    file.setFile(dir + "/apogee.log");
    SizeAndTimeBasedRollingPolicy<ILoggingEvent> rolling = new SizeAndTimeBasedRollingPolicy<>();
    rolling.setContext(ctx);
    rolling.setParent(file);
    rolling.setFileNamePattern(dir + "/apogee.%d{yyyy-MM-dd}.%i.log.gz");
    rolling.setMaxFileSize(FileSize.valueOf("100MB"));
    rolling.setMaxHistory(7);
    rolling.setTotalSizeCap(FileSize.valueOf("2GB"));
    rolling.start();
    file.setRollingPolicy(rolling); // also its triggering policy
    file.setEncoder(encoder(ctx,
        "%d{yyyy-MM-dd HH:mm:ss.SSS} %-5level [%thread] %logger{36} - %msg%n"));
    file.start();

    ctx.getLogger("io.netty").setLevel(Level.WARN);
    ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.INFO);
    root.addAppender(console);
    root.addAppender(file);
    return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
  }

  private static PatternLayoutEncoder encoder(LoggerContext ctx, String pattern) {
    PatternLayoutEncoder e = new PatternLayoutEncoder();
    e.setContext(ctx);
    e.setPattern(pattern);
    e.start();
    return e;
  }
}
