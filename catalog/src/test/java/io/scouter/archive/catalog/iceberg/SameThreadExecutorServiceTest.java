package io.scouter.archive.catalog.iceberg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SameThreadExecutorServiceTest {
  @Test
  void aSubmittedTaskHasRunOnTheCallersThreadBeforeSubmitReturns() throws Exception {
    SameThreadExecutorService executor = new SameThreadExecutorService();
    Thread caller = Thread.currentThread();

    Future<Thread> ranOn = executor.submit(Thread::currentThread);

    // Iceberg's Tasks.waitFor checks isDone() before its first 10 ms sleep: it must already be true.
    assertThat(ranOn.isDone()).isTrue();
    assertThat(ranOn.get()).isSameAs(caller);
  }

  @Test
  void aFailingTaskFailsItsFutureNotTheSubmitter() {
    SameThreadExecutorService executor = new SameThreadExecutorService();

    Future<Object> failed = executor.submit(() -> {
      throw new IllegalStateException("manifest unreadable");
    });

    assertThat(failed.isDone()).isTrue();
    assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class)
        .hasRootCauseMessage("manifest unreadable");
  }

  @Test
  void invokeAllRunsEveryTaskInOrder() throws Exception {
    SameThreadExecutorService executor = new SameThreadExecutorService();
    StringBuilder order = new StringBuilder();
    List<Callable<Integer>> tasks = List.of(() -> append(order, 1), () -> append(order, 2), () -> append(order, 3));

    List<Future<Integer>> results = executor.invokeAll(tasks);

    assertThat(order).hasToString("123");
    assertThat(results).allSatisfy(result -> assertThat(result.isDone()).isTrue());
  }

  @Test
  void afterShutdownNothingMoreRunsAndItIsTerminated() throws Exception {
    SameThreadExecutorService executor = new SameThreadExecutorService();
    executor.shutdown();

    assertThatThrownBy(() -> executor.execute(() -> { })).isInstanceOf(RejectedExecutionException.class);
    assertThat(executor.isShutdown()).isTrue();
    assertThat(executor.awaitTermination(0, TimeUnit.SECONDS)).isTrue();
    assertThat(executor.shutdownNow()).isEmpty();
  }

  private static int append(StringBuilder order, int task) {
    order.append(task);
    return task;
  }
}
