/**
 * {@link io.scouter.archive.api.core.ArchiveService}: the one assembly of the storage and archive
 * parts from configuration, with their lifecycle, shared by {@code server}, the {@code archive}
 * command and the benchmark; and the stop sequence for commands that run no Jetty server.
 */
package io.scouter.archive.api.core;
