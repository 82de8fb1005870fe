package io.apogeemq.store.file;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Releases a mapping eagerly through {@code sun.misc.Unsafe.invokeCleaner} (module
 * {@code jdk.unsupported}, no flags needed). Without it a deleted segment's pages would stay
 * mapped until a GC. Callers guarantee no reader still uses the buffer (reference counting in
 * {@link MappedSegment}).
 */
public final class Unmapper {

  private static final Logger LOG = LoggerFactory.getLogger(Unmapper.class);
  private static final Object UNSAFE;
  private static final Method INVOKE_CLEANER;

  static {
    Object unsafe = null;
    Method m = null;
    try {
      Class<?> c = Class.forName("sun.misc.Unsafe");
      Field f = c.getDeclaredField("theUnsafe");
      f.setAccessible(true);
      unsafe = f.get(null);
      m = c.getMethod("invokeCleaner", ByteBuffer.class);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("cannot unmap eagerly, mappings are released by GC: {}", e.toString());
    }
    UNSAFE = unsafe;
    INVOKE_CLEANER = m;
  }

  private Unmapper() {}

  public static void unmap(ByteBuffer mapped) {
    if (INVOKE_CLEANER == null || mapped == null || !mapped.isDirect()) {
      return;
    }
    try {
      INVOKE_CLEANER.invoke(UNSAFE, mapped);
    } catch (ReflectiveOperationException | RuntimeException e) {
      LOG.warn("unmap failed: {}", e.toString());
    }
  }
}
