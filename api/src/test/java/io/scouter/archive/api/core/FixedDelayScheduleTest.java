package io.scouter.archive.api.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class FixedDelayScheduleTest {

  @Test
  void aFailedPassDoesNotCancelTheSchedule() throws Exception {
    ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    try {
      AtomicInteger passes = new AtomicInteger();
      CountDownLatch third = new CountDownLatch(3);
      FixedDelaySchedule schedule = new FixedDelaySchedule("Test pass", executor, () -> {
        passes.incrementAndGet();
        third.countDown();
        if (passes.get() == 1) {
          throw new IllegalStateException("the first pass fails");
        }
        if (passes.get() == 2) {
          throw new NoClassDefFoundError("a linkage error too");
        }
      }, Duration.ZERO, Duration.ofMillis(10));
      schedule.start();
      assertThat(third.await(30, TimeUnit.SECONDS)).as("a third pass ran after two failures").isTrue();
    } finally {
      executor.shutdownNow();
    }
  }
}
