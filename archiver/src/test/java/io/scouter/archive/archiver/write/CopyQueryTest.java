package io.scouter.archive.archiver.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scouter.archive.catalog.drift.DriftType;
import org.junit.jupiter.api.Test;

/** The COPY statement, the row selection and the options: pure, no database. */
class CopyQueryTest {
  @Test
  void selectsTheDriftColumnsInIndexOrder() {
    assertThat(CopyQuery.copy(DriftType.PSI, RowSelection.where("created_at < '2025-01-01T00:00:00Z'::timestamptz", "run-42"))).isEqualTo(
        "COPY (SELECT created_at::timestamp with time zone, space::text, name::text, version::text, "
            + "feature::text, bin_id::integer, bin_count::integer FROM scouter.observed_bin_count "
            + "WHERE created_at < '2025-01-01T00:00:00Z'::timestamptz ORDER BY space, name, version, created_at) "
            + "TO STDOUT (FORMAT binary)");
    assertThat(CopyQuery.select(DriftType.CUSTOM, RowSelection.where("true", "run-1")))
        .startsWith("SELECT created_at::timestamp with time zone, space::text, name::text, version::text, "
            + "metric::text, value::double precision FROM scouter.custom_metric");
  }

  @Test
  void labelsFilesWithTheRun() {
    assertThat(RowSelection.where("true", "run-7").label()).isEqualTo("run-7");
    assertThat(RowSelection.where("space = 'a'", "backfill-2").predicate()).isEqualTo("space = 'a'");
  }

  @Test
  void rejectsPredicatesThatCouldEndTheStatement() {
    assertThatThrownBy(() -> RowSelection.where("true; DROP TABLE x", "run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid row predicate: true; DROP TABLE x");
    assertThatThrownBy(() -> RowSelection.where(" ", "run"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid row predicate:  ");
    assertThatThrownBy(() -> RowSelection.where("true", "../etc"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid row selection label: ../etc");
  }

  @Test
  void validatesOptions() {
    assertThat(ArchiveWriteOptions.defaults()).isEqualTo(new ArchiveWriteOptions(2, 1 << 20));
    assertThatThrownBy(() -> ArchiveWriteOptions.defaults().withEncoderThreads(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid encoder thread count: -1 (0 to 16)");
    assertThatThrownBy(() -> ArchiveWriteOptions.defaults().withMaxRunRows(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid maximum run size: 0 rows");
  }
}
