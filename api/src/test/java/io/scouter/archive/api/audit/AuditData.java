package io.scouter.archive.api.audit;

import io.scouter.archive.catalog.drift.DriftRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The generated rows of the audit tests: one entity, whole days of SPC, custom and PSI rows, and
 * late arrivals into days already archived. Values are a fixed function of day and position, so
 * the expected answers are computed here, independently of the service.
 */
final class AuditData {
  static final String SPACE = "audit space";
  static final String NAME = "model";
  static final String VERSION = "v1";
  static final Instant D1 = Instant.parse("2026-03-01T00:00:00Z");

  private AuditData() {}

  static Instant day(int index) {
    return D1.plus(Duration.ofDays(index - 1));
  }

  /** Days {@code first..last} (1-based): two SPC features and a custom metric every 30 minutes, PSI hourly. */
  static List<DriftRecord> days(int first, int last) {
    List<DriftRecord> records = new ArrayList<>();
    for (int d = first; d <= last; d++) {
      for (int i = 0; i < 48; i++) {
        Instant at = day(d).plusSeconds(i * 1800L + 7);
        records.add(new DriftRecord.Spc(at, SPACE, NAME, VERSION, "f1", value(d, i, 1)));
        records.add(new DriftRecord.Spc(at.plusSeconds(60), SPACE, NAME, VERSION, "f2", value(d, i, 2)));
        records.add(new DriftRecord.Custom(at, SPACE, NAME, VERSION, "mae", value(d, i, 3)));
        if (i % 2 == 0) {
          records.add(new DriftRecord.Psi(at, SPACE, NAME, VERSION, "f1", i % 3, 1 + (i * 5 + d) % 11));
        }
      }
    }
    return records;
  }

  /** Late arrivals: 5 SPC rows into day 1 (f1), 3 into day 2 (f2), plus custom and PSI rows into day 2. */
  static List<DriftRecord> lateArrivals() {
    List<DriftRecord> records = new ArrayList<>();
    for (int j = 0; j < 5; j++) {
      records.add(new DriftRecord.Spc(day(1).plusSeconds(12 * 3600 + j * 1200L + 13), SPACE, NAME, VERSION, "f1",
          100 + j));
    }
    for (int j = 0; j < 3; j++) {
      Instant at = day(2).plusSeconds(5 * 3600 + j * 900L + 29);
      records.add(new DriftRecord.Spc(at, SPACE, NAME, VERSION, "f2", -50 - j));
      records.add(new DriftRecord.Custom(at, SPACE, NAME, VERSION, "mae", 40 + j));
      records.add(new DriftRecord.Psi(at, SPACE, NAME, VERSION, "f1", 1, 100));
    }
    return records;
  }

  private static double value(int day, int i, int series) {
    return ((day * 31 + i * 7 + series * 13) % 97) / 7.0;
  }
}
