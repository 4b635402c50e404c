package io.scouter.archive.api.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.errors.ScouterException;
import io.scouter.archive.catalog.drift.DriftRecord;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DriftRecordParserTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private final DriftRecordParser parser = new DriftRecordParser();

  private static JsonNode json(String text) throws Exception {
    return MAPPER.readTree(text.replace('\'', '"'));
  }

  @Test
  void parsesEachKindOfTheOriginalWireFormat() throws Exception {
    var records = parser.parse(json("{'records': ["
        + "{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': '1.0.0', 'feature': 'f1', 'value': 0.42}},"
        + "{'Psi': {'created_at': '2025-04-01T14:00:00+02:00', 'space': 's', 'name': 'n', 'version': '1.0.0', 'feature': 'f1', 'bin_id': 3, 'bin_count': 17}},"
        + "{'Custom': {'created_at': '2025-04-01T12:00:00.1234567Z', 'space': 's', 'name': 'n', 'version': '1.0.0', 'metric': 'mae', 'value': 1.5, 'extra': true}}"
        + "]}"));

    Instant noon = Instant.parse("2025-04-01T12:00:00Z");
    assertThat(records).containsExactly(
        new DriftRecord.Spc(noon, "s", "n", "1.0.0", "f1", 0.42),
        new DriftRecord.Psi(noon, "s", "n", "1.0.0", "f1", 3, 17),
        new DriftRecord.Custom(Instant.parse("2025-04-01T12:00:00.123456Z"), "s", "n", "1.0.0", "mae", 1.5));
  }

  @Test
  void acceptsAnEmptyList() throws Exception {
    assertThat(parser.parse(json("{'records': []}"))).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "missing space|{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'space': is required",
      "empty name|{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': '', 'version': 'v', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'name': must not be empty",
      "blank version|{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': '  ', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'version': must not be empty",
      "numeric feature|{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 7, 'value': 1}}|Invalid record 1, field 'feature': must be a string",
      "null value|{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': null}}|Invalid record 1, field 'value': is required",
      "string value|{'Custom': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'metric': 'm', 'value': '1'}}|Invalid record 1, field 'value': must be a finite number",
      "infinite value|{'Custom': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'metric': 'm', 'value': 1e999}}|Invalid record 1, field 'value': must be a finite number",
      "missing metric|{'Custom': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'value': 1}}|Invalid record 1, field 'metric': is required",
      "negative bin_id|{'Psi': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'bin_id': -1, 'bin_count': 1}}|Invalid record 1, field 'bin_id': must be a whole number from 0 to 2147483647",
      "negative bin_count|{'Psi': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'bin_id': 1, 'bin_count': -3}}|Invalid record 1, field 'bin_count': must be a whole number from 0 to 2147483647",
      "fractional bin_count|{'Psi': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'bin_id': 1, 'bin_count': 2.5}}|Invalid record 1, field 'bin_count': must be a whole number from 0 to 2147483647",
      "huge bin_count|{'Psi': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'bin_id': 1, 'bin_count': 3000000000}}|Invalid record 1, field 'bin_count': must be a whole number from 0 to 2147483647",
      "timestamp without zone|{'Spc': {'created_at': '2025-04-01T12:00:00', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'created_at': must be an RFC 3339 timestamp with a zone",
      "garbage timestamp|{'Spc': {'created_at': 'yesterday', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'created_at': must be an RFC 3339 timestamp with a zone",
      "numeric timestamp|{'Spc': {'created_at': 1700000000, 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}|Invalid record 1, field 'created_at': must be an RFC 3339 timestamp string",
      "unknown kind|{'Ks': {'created_at': '2025-04-01T12:00:00Z'}}|Invalid record 1: unknown record kind 'Ks' (accepted: Spc, Psi, Custom)",
      "two kinds|{'Spc': {}, 'Psi': {}}|Invalid record 1: expected an object with exactly one of the keys Spc, Psi, Custom",
      "not an object|42|Invalid record 1: expected an object with exactly one of the keys Spc, Psi, Custom",
      "body not an object|{'Spc': [1]}|Invalid record 1: the record body must be a JSON object",
  })
  void rejectsNamingTheRecordAndField(String caseName, String record, String message) throws Exception {
    String valid = "{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 's', 'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}";
    JsonNode body = json("{'records': [" + valid + ", " + record + "]}");

    assertThatThrownBy(() -> parser.parse(body))
        .isInstanceOf(ScouterException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(((ScouterException) e).status()).isEqualTo(400))
        .satisfies(e -> assertThat(((ScouterException) e).details()).containsEntry("record", 1));
  }

  @Test
  void rejectsNulCharactersWhichPostgresCannotStore() throws Exception {
    JsonNode body = json("{'records': [{'Spc': {'created_at': '2025-04-01T12:00:00Z', 'space': 'a\\u0000b', "
        + "'name': 'n', 'version': 'v', 'feature': 'f', 'value': 1}}]}");
    assertThatThrownBy(() -> parser.parse(body))
        .hasMessage("Invalid record 0, field 'space': must not contain the NUL character");
  }

  @Test
  void rejectsABodyWithoutRecords() throws Exception {
    assertThatThrownBy(() -> parser.parse(json("{'recs': []}")))
        .hasMessage("Invalid body: expected {\"records\": [...]}");
    assertThatThrownBy(() -> parser.parse(json("{'records': {}}")))
        .hasMessage("Invalid body: expected {\"records\": [...]}");
  }
}
