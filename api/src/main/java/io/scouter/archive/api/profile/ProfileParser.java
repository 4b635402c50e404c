package io.scouter.archive.api.profile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.scouter.archive.api.ingest.RecordLimits;
import io.scouter.archive.api.json.ServiceJson;
import io.scouter.archive.api.metrics.PsiReference;
import io.scouter.archive.catalog.drift.DriftType;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the original client's {@code POST /scouter/profile} body, {@code {"space": ..., "drift_type":
 * "Psi", "profile": "<JSON string>"}}, and checks what this service relies on: the profile's
 * {@code config.space/name/version} name the entity, and a PSI profile's
 * {@code features.<feature>.bins[]} carry an {@code id} and a {@code proportion} each. Other fields
 * are kept as they are and not interpreted.
 */
public final class ProfileParser {
  private static final ObjectMapper MAPPER = ServiceJson.configure(new ObjectMapper());

  private ProfileParser() {}

  public static DriftProfile parse(JsonNode body) {
    if (body == null || !body.isObject()) {
      throw new InvalidProfileException("(body)", "expected {\"space\": ..., \"drift_type\": \"Psi\", "
          + "\"profile\": \"<profile JSON>\"}");
    }
    DriftType type = driftType(body.get("drift_type"));
    JsonNode profile = profileObject(body.get("profile"));
    JsonNode config = profile.get("config");
    if (config == null || !config.isObject()) {
      throw new InvalidProfileException("profile.config", "is required and must be an object");
    }
    String space = name(config, "space");
    String name = name(config, "name");
    String version = name(config, "version");
    JsonNode bodySpace = body.get("space");
    if (bodySpace != null && !bodySpace.isNull() && !space.equals(bodySpace.asText())) {
      throw new InvalidProfileException("space", "'" + bodySpace.asText() + "' differs from profile.config.space '"
          + space + "'");
    }
    if (type == DriftType.PSI) {
      psiReference(profile);
    }
    String json = profile.toString();
    int surrogate = RecordLimits.unpairedSurrogate(json);
    if (surrogate >= 0) {
      throw new InvalidProfileException("profile", "contains an unpaired UTF-16 surrogate (not valid Unicode text)");
    }
    return new DriftProfile(space, name, version, type, json);
  }

  /** The reference proportions of a stored PSI profile. */
  static PsiReference psiReference(String json) {
    try {
      return psiReference(MAPPER.readTree(json));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a stored PSI profile: " + e.getOriginalMessage(), e);
    }
  }

  /** Whether ingestion could have stored a record with this name (so a profile lookup can match). */
  static boolean isStorable(String name) {
    return RecordLimits.mayBeStored(name);
  }

  private static PsiReference psiReference(JsonNode profile) {
    JsonNode features = profile.get("features");
    if (features == null || !features.isObject() || features.isEmpty()) {
      throw new InvalidProfileException("profile.features", "must be an object with at least one feature");
    }
    Map<String, Map<Integer, Double>> reference = new HashMap<>();
    for (Map.Entry<String, JsonNode> feature : features.properties()) {
      String field = "profile.features." + feature.getKey() + ".bins";
      JsonNode bins = feature.getValue().isObject() ? feature.getValue().get("bins") : null;
      if (bins == null || !bins.isArray() || bins.isEmpty()) {
        throw new InvalidProfileException(field, "must be a non-empty array of {\"id\", \"proportion\"}");
      }
      Map<Integer, Double> proportions = new TreeMap<>();
      for (int index = 0; index < bins.size(); index++) {
        JsonNode bin = bins.get(index);
        String binField = field + "[" + index + "]";
        JsonNode id = bin.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToInt() || id.intValue() < 0) {
          throw new InvalidProfileException(binField + ".id", "must be a whole number from 0 to "
              + Integer.MAX_VALUE);
        }
        JsonNode proportion = bin.get("proportion");
        if (proportion == null || !proportion.isNumber() || !Double.isFinite(proportion.doubleValue())
            || proportion.doubleValue() < 0) {
          throw new InvalidProfileException(binField + ".proportion", "must be a finite number >= 0");
        }
        if (proportions.put(id.intValue(), proportion.doubleValue()) != null) {
          throw new InvalidProfileException(binField + ".id", "bin id " + id.intValue() + " appears twice");
        }
      }
      reference.put(feature.getKey(), proportions);
    }
    return PsiReference.of(reference);
  }

  private static DriftType driftType(JsonNode node) {
    String accepted = "must be one of Spc, Psi, Custom";
    if (node == null || !node.isTextual()) {
      throw new InvalidProfileException("drift_type", accepted);
    }
    return DriftType.fromWireName(node.textValue())
        .orElseThrow(() -> new InvalidProfileException("drift_type", accepted + " (got '" + node.textValue() + "')"));
  }

  /** The profile, sent as a JSON string (as the original client does) or as an object. */
  private static JsonNode profileObject(JsonNode node) {
    if (node == null || node.isNull()) {
      throw new InvalidProfileException("profile", "is required: the profile JSON, as a string");
    }
    JsonNode profile = node;
    if (node.isTextual()) {
      try {
        profile = MAPPER.readTree(node.textValue());
      } catch (JsonProcessingException e) {
        throw new InvalidProfileException("profile", "is not valid JSON: " + e.getOriginalMessage());
      }
    }
    if (profile == null || !profile.isObject()) {
      throw new InvalidProfileException("profile", "must be a JSON object");
    }
    return profile;
  }

  private static String name(JsonNode config, String field) {
    JsonNode value = config.get(field);
    String path = "profile.config." + field;
    if (value == null || !value.isTextual() || value.textValue().isBlank()) {
      throw new InvalidProfileException(path, "must be a non-empty string");
    }
    String problem = RecordLimits.nameProblem(value.textValue());
    if (problem != null) {
      throw new InvalidProfileException(path, problem);
    }
    return value.textValue();
  }
}
