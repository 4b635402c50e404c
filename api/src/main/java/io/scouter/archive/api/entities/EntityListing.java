package io.scouter.archive.api.entities;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scouter.archive.archiver.watermark.ArchiveState;
import io.scouter.archive.catalog.drift.DriftType;
import io.scouter.archive.catalog.hotstore.SnapshotTransaction;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The answer of {@code GET /scouter/entities}: every known entity with, per drift type, its
 * features (metrics for custom), the span still hot in PostgreSQL and the span archived in
 * Iceberg, and per drift type the archive boundary (the watermark's cutoff).
 */
final class EntityListing {
  record DriftTypeView(List<String> features, Span hot, ArchivedSpan archived) {}

  record EntityView(String space, String name, String version,
      @JsonProperty("drift_types") Map<String, DriftTypeView> driftTypes) {}

  record Listing(List<EntityView> entities, @JsonProperty("archive_cutoffs") Map<String, Instant> archiveCutoffs) {}

  private final DataSource dataSource;
  private final ArchivedSpans archivedSpans;

  EntityListing(DataSource dataSource, ArchivedSpans archivedSpans) {
    this.dataSource = dataSource;
    this.archivedSpans = archivedSpans;
  }

  Listing list(Collection<DriftType> types) throws SQLException {
    Map<EntityKey, Map<String, DriftTypeView>> entities = new TreeMap<>();
    Map<String, Instant> cutoffs = new LinkedHashMap<>();
    for (DriftType type : types) {
      Map<EntityKey, HotEntities.Hot> hot;
      Optional<ArchiveState> state;
      // One REPEATABLE READ snapshot per type: the hot spans and the archive state agree.
      try (SnapshotTransaction transaction = SnapshotTransaction.open(dataSource)) {
        state = ArchiveState.read(transaction.connection(), type);
        hot = HotEntities.read(transaction.connection(), type);
      }
      Map<EntityKey, ArchivedSpan> archived = state.map(s -> archivedSpans.at(type, s.snapshotId())).orElse(Map.of());
      cutoffs.put(type.wireName(), state.filter(s -> !s.watermark().isNone()).map(s -> s.watermark().cutoff())
          .orElse(null));
      for (Map.Entry<EntityKey, HotEntities.Hot> entry : hot.entrySet()) {
        entities.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>()).put(type.wireName(),
            new DriftTypeView(entry.getValue().series(), entry.getValue().span(), archived.get(entry.getKey())));
      }
      // Entities whose series were all archived before drift_series existed: known from Iceberg only.
      for (Map.Entry<EntityKey, ArchivedSpan> entry : archived.entrySet()) {
        entities.computeIfAbsent(entry.getKey(), k -> new LinkedHashMap<>())
            .putIfAbsent(type.wireName(), new DriftTypeView(List.of(), null, entry.getValue()));
      }
    }
    List<EntityView> views = entities.entrySet().stream().map(entry -> new EntityView(entry.getKey().space(),
        entry.getKey().name(), entry.getKey().version(), entry.getValue())).toList();
    return new Listing(views, cutoffs);
  }
}
