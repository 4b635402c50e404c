package io.scouter.archive.api.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.metrics.CustomResult;
import java.util.Arrays;
import java.util.Map;
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
  void refusesTrailingDataAndDuplicateKeys() {
    assertThatThrownBy(() -> mapper.readTree("{\"records\":[1]}{\"records\":[2]}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Trailing token");
    assertThatThrownBy(() -> mapper.readTree("{\"a\":1,\"a\":2}"))
        .isInstanceOf(JsonProcessingException.class)
        .hasMessageContaining("Duplicate field 'a'");
  }
}
