package io.scouter.archive.api.profile;

import io.scouter.archive.catalog.drift.DriftType;

/** A validated drift profile of one entity: its key and the profile JSON to store. */
public record DriftProfile(String space, String name, String version, DriftType type, String json) {}
