package io.scouter.archive.bench;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Heap use of this JVM while something runs: the highest heap use seen (sampled every few
 * milliseconds, garbage included, so it tends towards what the collector lets pile up) and the highest
 * heap use right after a collection (what the run really kept alive, the figure that decides whether
 * it fits a given {@code -Xmx}).
 */
final class HeapWatch implements AutoCloseable {
  private static final long SAMPLE_MILLIS = 5;

  private final List<MemoryPoolMXBean> heapPools;
  private final Set<String> heapPoolNames;
  private final List<GarbageCollectorMXBean> collectors;
  private final AtomicLong peakUsed = new AtomicLong();
  private final AtomicLong peakAfterGc = new AtomicLong(-1);
  private final long collectionsBefore;
  private final long collectionMillisBefore;
  private final NotificationListener listener = this::collected;
  private final Thread sampler;
  private volatile boolean running = true;

  private HeapWatch() {
    heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
    heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    collectors = ManagementFactory.getGarbageCollectorMXBeans();
    collectionsBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    collectionMillisBefore = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    sampler = new Thread(this::sample, "bench-heap-sampler");
    sampler.setDaemon(true);
  }

  /** Collects garbage first, so the figures start from what is live now, then starts watching. */
  static HeapWatch start() {
    System.gc();
    return startWithoutCollecting();
  }

  /**
   * Starts watching at once, garbage and all, for work whose speed is measured too: a full collection
   * right before an archive run slowed that run by about 25 ms (median of 12 spc_drift runs, 0.307 s
   * against 0.282 s without, alternating in one JVM), something a service never does before a pass.
   * The caller collects earlier, before other work, if it wants a cleaner start.
   */
  static HeapWatch startWithoutCollecting() {
    HeapWatch watch = new HeapWatch();
    watch.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
    for (GarbageCollectorMXBean collector : watch.collectors) {
      if (collector instanceof NotificationEmitter emitter) {
        emitter.addNotificationListener(watch.listener, null, null);
      }
    }
    watch.sampler.start();
    return watch;
  }

  record Result(long maxHeapBytes, long peakUsedBytes, long peakPoolsBytes, long peakAfterGcBytes, long collections,
      Duration collectionTime) {}

  Result result() {
    long poolPeaks = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    return new Result(Runtime.getRuntime().maxMemory(), peakUsed.get(), poolPeaks, peakAfterGc.get(),
        collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - collectionsBefore,
        Duration.ofMillis(collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum()
            - collectionMillisBefore));
  }

  private void sample() {
    var memory = ManagementFactory.getMemoryMXBean();
    while (running) {
      peakUsed.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
      try {
        Thread.sleep(SAMPLE_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void collected(Notification notification, Object handback) {
    if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
      return;
    }
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
    long after = 0;
    for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPoolNames.contains(pool.getKey())) {
        after += pool.getValue().getUsed();
      }
    }
    peakAfterGc.accumulateAndGet(after, Math::max);
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    sampler.join();
    for (GarbageCollectorMXBean collector : collectors) {
      if (collector instanceof NotificationEmitter emitter) {
        try {
          emitter.removeNotificationListener(listener);
        } catch (ListenerNotFoundException e) {
          // Never added: nothing to remove.
        }
      }
    }
  }
}
