/**
 * What the service reads from config.yml: {@link io.scouter.archive.api.config.ScouterArchiveConfiguration}
 * and its sections, plain Dropwizard beans with validation annotations whose initial values are
 * the defaults (SettingDefaultsTest pins them to config.yml and the README). They build nothing;
 * {@code core.ArchiveService} and the application's {@code run} do.
 */
package io.scouter.archive.api.config;
