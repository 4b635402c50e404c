package io.scouter.archive.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.metrics.CustomResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ServiceJsonTest {
  private final ObjectMapper mapper = ServiceJson.configure(new ObjectMapper());

  @Test
  void writesNonFiniteNumbersAsNull() throws Exception {
    assertThat(mapper.writeValueAsString(new CustomResult.Stats(1.5, Double.NEGATIVE_INFINITY, Double.NaN)))
        .isEqualTo("{\"avg\":1.5,\"lower_bound\":null,\"upper_bound\":null}");
    assertThat(mapper.writeValueAsString(Map.of("psi", Arrays.asList(0.25, Double.POSITIVE_INFINITY))))
        .isEqualTo("{\"psi\":[0.25,null]}");
  }

  @Test
  void everyFiniteDoubleReadsBackAsTheSameDouble() throws Exception {
    Random random = new Random(3);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      values.add(switch (i % 4) {
        case 0 -> Double.longBitsToDouble(random.nextLong() & 0x7FEF_FFFF_FFFF_FFFFL) * (random.nextBoolean() ? 1 : -1);
        case 1 -> random.nextGaussian() * 100;
        case 2 -> Math.scalb(random.nextDouble(), -1074 + random.nextInt(60)); // subnormal and near it
        default -> random.nextInt(1_000_000) / 1000.0;
      });
    }
    // Through the service's own double serializer, as a result's lists of values are written.
    List<Double> read = mapper.readValue(mapper.writeValueAsString(values), new TypeReference<List<Double>>() {});
    assertThat(read).containsExactlyElementsOf(values);
    assertThat(mapper.writeValueAsString(List.of(0.1, 100.0, 1e-7, 2.5e300))).isEqualTo("[0.1,100.0,1.0E-7,2.5E300]");
  }

  @Test
  void refusesTrailingDataAndDuplicateKeys() {
    assertThatThrownBy(() -> mapper.readTree("{\"records\":[1]}{\"records\":[2]}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> mapper.readTree("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }
}
