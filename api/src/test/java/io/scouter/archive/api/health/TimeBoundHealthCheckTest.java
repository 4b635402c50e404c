package io.scouter.archive.api.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.codahale.metrics.health.HealthCheck;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TimeBoundHealthCheckTest {
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger runs = new AtomicInteger();

  /** Like a probe of an unreachable object store: hangs until released. */
  private final HealthCheck hanging = new HealthCheck() {
    @Override
    protected Result check() throws Exception {
      runs.incrementAndGet();
      release.await();
      return Result.healthy("answered");
    }
  };

  @AfterEach
  void stop() {
    release.countDown();
    executor.shutdownNow();
  }

  @Test
  void aHangingCheckIsUnhealthyAfterTheTimeoutAndIsNotStartedTwice() {
    TimeBoundHealthCheck check = new TimeBoundHealthCheck(hanging, Duration.ofMillis(300), executor);

    long started = System.nanoTime();
    HealthCheck.Result first = check.execute();
    long firstMillis = (System.nanoTime() - started) / 1_000_000;
    HealthCheck.Result second = check.execute();

    assertThat(first.isHealthy()).isFalse();
    assertThat(first.getMessage()).isEqualTo("Did not answer within 300 ms");
    assertThat(firstMillis).isLessThan(5_000);
    assertThat(second.getMessage()).isEqualTo("The previous check has not answered yet (timeout 0 s)");
    assertThat(runs).hasValue(1);

    release.countDown();
    await().atMost(Duration.ofSeconds(10)).until(() -> check.execute().isHealthy());
    assertThat(check.execute().getMessage()).isEqualTo("answered");
  }
}
