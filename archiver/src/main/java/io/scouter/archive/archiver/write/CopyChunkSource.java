package io.scouter.archive.archiver.write;

import java.sql.SQLException;

/**
 * The bytes of a {@code COPY ... TO STDOUT} stream in the chunks the driver hands them out (PgJDBC:
 * one CopyData message each). Chunk boundaries carry no meaning: a tuple may span several.
 */
@FunctionalInterface
interface CopyChunkSource {
  /** The next chunk, or {@code null} once the stream has ended. */
  byte[] next() throws SQLException;
}
