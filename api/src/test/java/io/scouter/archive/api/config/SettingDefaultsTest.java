package io.scouter.archive.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.text.StringSubstitutor;
import org.junit.jupiter.api.Test;

/**
 * Every default is written in two places a reader sees, config.yml ({@code ${VAR:-default}}) and the
 * README's settings table, and once in code (the configuration beans' initial values); these
 * tests fail as soon as one of the three says something else.
 */
class SettingDefaultsTest {
  private static final Path CONFIG = Path.of("..", "config.yml");
  private static final Path README = Path.of("..", "README.md");
  private static final List<String> SECTIONS = List.of("database", "retention", "storage", "catalog", "archive",
      "ingest");
  private static final Pattern CONFIG_LINE = Pattern.compile("^\\s*(\\w+):\\s*\\$\\{(\\w+):-([^}]*)}", Pattern.MULTILINE);
  private static final Pattern README_ROW = Pattern.compile("^\\| `(\\w+)` \\| `([\\w.\\[\\]0-9]+)` \\| ([^|]*) \\|",
      Pattern.MULTILINE);
  private final ObjectMapper mapper = Jackson.newObjectMapper();

  @Test
  void configYmlWithNoVariableSetEqualsTheBeansDefaults() throws Exception {
    ScouterArchiveConfiguration fromFile = new YamlConfigurationFactory<>(ScouterArchiveConfiguration.class,
        Validators.newValidator(), mapper, "dw")
        .build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
            new StringSubstitutor(key -> null)), CONFIG.toString());
    ScouterArchiveConfiguration inCode = new ScouterArchiveConfiguration();
    for (String section : SECTIONS) {
      JsonNode file = mapper.valueToTree(mapper.convertValue(fromFile, Map.class).get(section));
      JsonNode code = mapper.valueToTree(mapper.convertValue(inCode, Map.class).get(section));
      assertThat(file).as("section %s: config.yml against the bean's defaults", section).isEqualTo(code);
    }
  }

  @Test
  void readmeTableNamesEachVariableOfConfigYmlWithItsDefault() throws Exception {
    Map<String, String> configDefaults = new LinkedHashMap<>();
    Map<String, String> configKeys = new LinkedHashMap<>();
    String config = Files.readString(CONFIG);
    Matcher line = CONFIG_LINE.matcher(config);
    while (line.find()) {
      configKeys.put(line.group(2), line.group(1));
      configDefaults.put(line.group(2), line.group(3));
    }
    Map<String, String> readmeDefaults = new LinkedHashMap<>();
    Matcher row = README_ROW.matcher(Files.readString(README));
    while (row.find()) {
      String variable = row.group(1);
      assertThat(row.group(2)).as("README key of %s", variable).endsWith(configKeys.getOrDefault(variable, "?"));
      readmeDefaults.put(variable, readmeDefault(row.group(3)));
    }
    assertThat(configDefaults).hasSizeGreaterThanOrEqualTo(25);
    assertThat(readmeDefaults.keySet()).containsExactlyInAnyOrderElementsOf(configDefaults.keySet());
    assertThat(readmeDefaults).isEqualTo(configDefaults);
  }

  /** {@code `30`} or {@code `0` (a free port)} is the value; {@code unset…} is the empty default. */
  private static String readmeDefault(String cell) {
    Matcher value = Pattern.compile("^`([^`]*)`").matcher(cell.strip());
    return value.find() ? value.group(1) : "";
  }
}
