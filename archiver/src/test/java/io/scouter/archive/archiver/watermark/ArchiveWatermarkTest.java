package io.scouter.archive.archiver.watermark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The watermark's SQL fragments and the shapes it refuses: pure, no database. */
class ArchiveWatermarkTest {
  private static final Instant CUTOFF = Instant.parse("2025-06-01T00:00:00Z");

  @Test
  void coversRowsBeforeTheCutoffThatTheSnapshotSaw() {
    ArchiveWatermark watermark = ArchiveWatermark.of(CUTOFF, "740:745:741,743");
    assertThat(watermark.archivedSql()).isEqualTo("(created_at < '2025-06-01T00:00:00Z'::timestamptz "
        + "AND pg_visible_in_snapshot(ins_xid, '740:745:741,743'::pg_snapshot))");
    assertThat(watermark.unarchivedSql()).isEqualTo("NOT " + watermark.archivedSql());
    assertThat(watermark.lateRowsSql()).isEqualTo("ins_xid >= '740'::xid8 AND created_at < "
        + "'2025-06-01T00:00:00Z'::timestamptz AND NOT pg_visible_in_snapshot(ins_xid, '740:745:741,743'::pg_snapshot)");
  }

  @Test
  void noneCoversNothing() {
    assertThat(ArchiveWatermark.NONE.isNone()).isTrue();
    assertThat(ArchiveWatermark.NONE.archivedSql()).isEqualTo("false");
    assertThat(ArchiveWatermark.NONE.unarchivedSql()).isEqualTo("true");
    assertThat(ArchiveWatermark.NONE.lateRowsSql()).isEqualTo("false");
  }

  @Test
  void refusesAnythingButASnapshotItCanInline() {
    assertThatThrownBy(() -> ArchiveWatermark.of(CUTOFF, "1:2:'); DROP TABLE x; --"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Not a PostgreSQL snapshot");
    assertThatThrownBy(() -> new ArchiveWatermark(CUTOFF, null))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(ArchiveWatermark.of(CUTOFF, "5:5:").snapshot()).isEqualTo("5:5:");
  }
}
