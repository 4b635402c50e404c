package io.scouter.archive.api.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.api.errors.ScouterExceptionMapper;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ScanPermitsTest {
  @Test
  void refusesScansPastTheCapWith503UntilOneEnds() {
    ScanPermits permits = new ScanPermits(2, Duration.ofMillis(50));
    ScanPermits.Permit first = permits.acquire();
    ScanPermits.Permit second = permits.acquire();

    assertThatThrownBy(permits::acquire)
        .isInstanceOfSatisfying(ScouterException.class, e -> {
          assertThat(e.status()).isEqualTo(503);
          assertThat(e.code()).isEqualTo("busy");
        })
        .hasMessage("Too many archive scans at once (limit 2, setting limits.maxConcurrentScans); retry shortly");

    first.close();
    try (ScanPermits.Permit third = permits.acquire()) {
      assertThat(permits.available()).isZero();
    }
    second.close();
    assertThat(permits.available()).isEqualTo(2);
  }

  @Test
  void every503TellsWhenToRetry() {
    ScanPermits permits = new ScanPermits(1, Duration.ZERO);
    ScanPermits.Permit held = permits.acquire();
    ScouterException busy = org.junit.jupiter.api.Assertions.assertThrows(ScouterException.class, permits::acquire);
    held.close();
    jakarta.ws.rs.core.Response response = new ScouterExceptionMapper().toResponse(busy);

    assertThat(response.getStatus()).isEqualTo(503);
    assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
  }
}
