package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftRecord;
import io.scouter.archive.catalog.drift.DriftType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriftDataGeneratorTest {
  private final DriftDataGenerator data = new DriftDataGenerator(3, 1);

  private List<DriftRecord> generate(DriftDataGenerator generator, DriftType type, int first, int count) {
    List<DriftRecord> records = new ArrayList<>();
    generator.generate(type, first, count, records::add);
    return records;
  }

  @Test
  void countsOneRecordPerSeriesPerMinute() {
    assertThat(generate(data, DriftType.SPC, 0, 2)).hasSize(2 * 3 * 1440);
    assertThat(generate(data, DriftType.PSI, 0, 2)).hasSize(2 * 3 * 10 * 1440);
    assertThat(generate(data, DriftType.CUSTOM, 0, 2)).hasSize(2 * 5 * 1440);
    assertThat(data.rows(DriftType.PSI, 2)).isEqualTo(2 * 3 * 10 * 1440);
    assertThat(new DriftDataGenerator(3, 30).rowsPerEntity(DriftType.SPC, 7)).isEqualTo(3 * 7 * 1440);
  }

  @Test
  void sameParametersGiveTheSameRows() {
    for (DriftType type : DriftType.values()) {
      assertThat(generate(new DriftDataGenerator(3, 1), type, 0, 2)).isEqualTo(generate(data, type, 0, 2));
    }
  }

  @Test
  void anEntitysRowsDoNotDependOnTheOtherEntities() {
    List<DriftRecord> alone = generate(data, DriftType.SPC, 1, 1);
    List<DriftRecord> amongOthers = generate(data, DriftType.SPC, 0, 3).stream()
        .filter(record -> record.name().equals("model-001")).toList();
    assertThat(amongOthers).isEqualTo(alone);
  }

  @Test
  void rowsCoverTheSpanMinuteByMinuteWithDistinctSeries() {
    List<DriftRecord> records = generate(data, DriftType.PSI, 0, 1);
    assertThat(records.get(0).createdAt()).isEqualTo(Instant.parse("2025-05-31T00:00:00Z"));
    assertThat(records.get(records.size() - 1).createdAt()).isEqualTo(Instant.parse("2025-05-31T23:59:00Z"));
    assertThat(records).allSatisfy(record -> {
      assertThat(record.space()).isEqualTo("bench");
      assertThat(record.name()).isEqualTo("model-000");
      assertThat(((DriftRecord.Psi) record).binCount()).isNotNegative();
    });
    Set<String> series = records.stream().map(record -> record.series() + "#" + ((DriftRecord.Psi) record).binId())
        .collect(Collectors.toSet());
    assertThat(series).hasSize(30);
    assertThat(generate(data, DriftType.CUSTOM, 0, 1).stream().map(DriftRecord::series).distinct())
        .containsExactly("mae", "mse", "accuracy", "latency_ms", "throughput");
  }

  @Test
  void valuesVaryAndStayFinite() {
    List<Double> values = generate(data, DriftType.SPC, 0, 1).stream()
        .map(record -> ((DriftRecord.Spc) record).value()).toList();
    assertThat(values).allSatisfy(value -> assertThat(value).isFinite());
    assertThat(values.stream().distinct().count()).isGreaterThan(values.size() / 2);
  }

  @Test
  void rejectsAnEmptySpan() {
    assertThatThrownBy(() -> new DriftDataGenerator(3, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid generator size: 3 features, 0 days");
  }
}
