package io.scouter.archive.api.metrics;

import static io.scouter.archive.api.metrics.SeriesMomentsTest.at;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins the response shapes of the contract; the API layer's mapper only needs the Java time module. */
class ResultJsonTest {
  // Left with dates as timestamps (Jackson's default) on purpose: the records must still write RFC 3339 strings.
  private final ObjectMapper mapper = new ObjectMapper().registerModule(new JavaTimeModule());
  private final Binning binning = Binning.of(
      TimeWindow.between(Instant.parse("2025-04-01T12:00:00Z"), Instant.parse("2025-04-01T12:10:00Z")), 10);

  @Test
  void timestampsAsNumbersIsReallyTheMapperDefault() {
    assertThat(mapper.isEnabled(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)).isTrue();
  }

  @Test
  void spc() throws Exception {
    SeriesMoments moments = new SeriesMoments(binning);
    moments.add("f2", at("12:01:30"), 1.0);
    moments.add("f1", at("12:03:00"), 2.0);
    moments.add("f1", at("12:03:01"), 3.0);

    assertThat(mapper.writeValueAsString(moments.spc())).isEqualTo(
        "{\"features\":{"
            + "\"f1\":{\"created_at\":[\"2025-04-01T12:03:00Z\"],\"values\":[2.5]},"
            + "\"f2\":{\"created_at\":[\"2025-04-01T12:01:00Z\"],\"values\":[1.0]}}}");
  }

  @Test
  void custom() throws Exception {
    SeriesMoments moments = new SeriesMoments(binning);
    moments.add("mae", at("12:00:10"), 1.0);
    moments.add("mae", at("12:00:20"), 3.0);

    // mean 2, sd = sqrt(((1-2)^2 + (3-2)^2) / 1) = sqrt(2) = 1.41421356237309504...; the bounds are rounded
    // once from the exact values: 2 - sqrt(2) = 0.58578643762690495... -> 0.585786437626905 (the double
    // expression 2 - Math.sqrt(2) rounds twice and gives 0.5857864376269049).
    assertThat(mapper.writeValueAsString(moments.custom())).isEqualTo(
        "{\"metrics\":{\"mae\":{\"metric\":\"mae\",\"created_at\":[\"2025-04-01T12:00:00Z\"],"
            + "\"stats\":[{\"avg\":2.0,\"lower_bound\":0.585786437626905,\"upper_bound\":3.414213562373095}]}}}");
  }

  @Test
  void psi() throws Exception {
    SeriesBinCounts counts = new SeriesBinCounts(binning);
    counts.add("f", at("12:02:00"), 10, 1);
    counts.add("f", at("12:02:00"), 2, 1);

    PsiReference reference = PsiReference.of(Map.of("f", Map.of(2, 0.5, 10, 0.5)));

    // Bin ids are ordered as numbers (2 before 10), not as strings.
    assertThat(mapper.writeValueAsString(counts.psi(reference))).isEqualTo(
        "{\"features\":{\"f\":{\"created_at\":[\"2025-04-01T12:02:00Z\"],\"psi\":[0.0],\"overall_psi\":0.0,"
            + "\"bins\":{\"2\":0.5,\"10\":0.5}}}}");
  }
}
