package io.scouter.archive.archiver.maintenance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.ManifestReader;
import org.apache.iceberg.ReachableFileUtil;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * Every file a table's metadata references: metadata files (current and logged), manifest lists,
 * statistics files, manifests and the data and delete files of every retained snapshot (tags and
 * branches included). Locations are compared without their scheme and authority spelling
 * ({@code s3://} and {@code s3a://}, {@code file:/} and a bare path), as a listing may spell them otherwise.
 */
final class ReferencedFiles {
  private final Set<String> locations = new HashSet<>();

  private ReferencedFiles() {}

  static ReferencedFiles of(Table table) {
    ReferencedFiles files = new ReferencedFiles();
    ReachableFileUtil.metadataFileLocations(table, false).forEach(files::add);
    ReachableFileUtil.manifestListLocations(table).forEach(files::add);
    ReachableFileUtil.statisticsFilesLocations(table).forEach(files::add);
    Set<String> manifestsRead = new HashSet<>();
    for (Snapshot snapshot : table.snapshots()) {
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifestsRead.add(manifest.path())) {
          files.add(manifest.path());
          files.addContentOf(table, manifest);
        }
      }
    }
    return files;
  }

  private void addContentOf(Table table, ManifestFile manifest) {
    if (manifest.content() == ManifestContent.DATA) {
      try (CloseableIterable<String> paths = ManifestFiles.readPaths(manifest, table.io(), table.specs())) {
        paths.forEach(this::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    } else {
      try (ManifestReader<?> reader = ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs())) {
        reader.forEach(file -> add(file.location()));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private void add(String location) {
    locations.add(normalized(location));
  }

  boolean contains(String location) {
    return locations.contains(normalized(location));
  }

  int size() {
    return locations.size();
  }

  static String normalized(String location) {
    String path = location;
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      path = path.substring(scheme + 3);
    } else if (path.startsWith("file:")) {
      path = path.substring("file:".length());
    }
    return path.replaceAll("/{2,}", "/");
  }
}
