package io.scouter.archive.api.profile;

import io.scouter.archive.api.metrics.PsiReference;
import io.scouter.archive.catalog.drift.DriftType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/** Drift profiles in {@code scouter.drift_profile}, one per entity and drift type; storing again replaces. */
public final class ProfileStore {
  private final DataSource dataSource;

  public ProfileStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Inserts or replaces the profile of the entity and type. */
  public void store(DriftProfile profile) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "INSERT INTO scouter.drift_profile (space, name, version, drift_type, profile) "
                + "VALUES (?, ?, ?, ?, ?::jsonb) ON CONFLICT (space, name, version, drift_type) "
                + "DO UPDATE SET profile = EXCLUDED.profile, updated_at = now()")) {
      statement.setString(1, profile.space());
      statement.setString(2, profile.name());
      statement.setString(3, profile.version());
      statement.setString(4, profile.type().wireName());
      statement.setString(5, profile.json());
      statement.executeUpdate();
    }
  }

  /** The stored profile JSON, as PostgreSQL normalised it. */
  public Optional<String> json(String space, String name, String version, DriftType type) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(
            "SELECT profile::text FROM scouter.drift_profile "
                + "WHERE space = ? AND name = ? AND version = ? AND drift_type = ?")) {
      statement.setString(1, space);
      statement.setString(2, name);
      statement.setString(3, version);
      statement.setString(4, type.wireName());
      try (ResultSet row = statement.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    }
  }

  /** The entity's PSI reference proportions, if a PSI profile is stored. */
  public Optional<PsiReference> psiReference(String space, String name, String version) throws SQLException {
    if (!ProfileParser.isStorable(space) || !ProfileParser.isStorable(name) || !ProfileParser.isStorable(version)) {
      return Optional.empty();
    }
    return json(space, name, version, DriftType.PSI).map(ProfileParser::psiReference);
  }
}
