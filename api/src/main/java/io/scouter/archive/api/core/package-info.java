/**
 * {@link io.scouter.archive.api.core.ArchiveService}: the one assembly of the storage and archive
 * parts from configuration, with their lifecycle, shared by {@code server}, the operator commands
 * and the benchmark; the stop sequence for commands that run no Jetty server; and
 * {@link io.scouter.archive.api.core.FixedDelaySchedule}, on which the application runs the archive
 * and maintenance passes.
 */
package io.scouter.archive.api.core;
