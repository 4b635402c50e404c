package io.scouter.archive.archiver;

import static org.assertj.core.api.Assertions.assertThat;

import io.scouter.archive.archiver.run.ArchiveFaults;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.archiver.watermark.ArchiveWatermark;
import java.sql.Connection;
import org.junit.jupiter.api.Test;

/**
 * "Is archived" is defined once, by the SQL function scouter.is_archived; the archiver inlines the
 * same rule as literals (ArchiveWatermark.archivedSql) so that indexes serve it. Both must agree
 * on every row: archived, late (below the cutoff, inserted after the run) and hot.
 */
class IsArchivedRuleTest {
  @Test
  void theInlinedRuleAgreesWithTheSqlFunctionOnEveryRow() throws Exception {
    try (ArchiveFixture fixture = new ArchiveFixture("is_archived_rule")) {
      fixture.ingest(7, 120, 40);
      fixture.archiver(ArchiveFaults.NONE).archive();
      fixture.ingest(8, 30, 30);
      for (DriftType type : DriftType.values()) {
        ArchiveWatermark watermark;
        try (Connection connection = fixture.hotStore.dataSource().getConnection()) {
          watermark = ArchiveState.watermark(connection, type);
        }
        assertThat(watermark.isNone()).isFalse();
        String function = ArchiveFixture.archived(type);
        assertThat(fixture.countHot(type, watermark.archivedSql() + " IS DISTINCT FROM " + function))
            .as("rows where the two rules disagree in %s", type).isZero();
        assertThat(fixture.countHot(type, watermark.unarchivedSql() + " IS DISTINCT FROM NOT " + function)).isZero();
        // The readers' split of the unarchived rows: recent or late, never both, together exactly the rest.
        assertThat(fixture.countHot(type, "(" + watermark.recentRowsSql() + ") AND (" + watermark.lateRowsSql() + ")"))
            .isZero();
        assertThat(fixture.countHot(type, "((" + watermark.recentRowsSql() + ") OR (" + watermark.lateRowsSql()
            + ")) IS DISTINCT FROM NOT " + function)).isZero();
        assertThat(fixture.countHot(type, function)).as("archived rows in %s", type).isPositive();
        assertThat(fixture.countHot(type, "NOT " + function)).as("hot rows in %s", type).isPositive();
      }
    }
  }
}
