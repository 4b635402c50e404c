package io.scouter.archive.api.restcatalog;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.apache.iceberg.rest.RESTResponse;
import org.apache.iceberg.rest.RESTSerializers;

/**
 * The protocol's JSON, written with Iceberg's serializers of the request and response models
 * ({@link RESTSerializers}) on a mapper set up as Iceberg's client sets up its own (its
 * {@code RESTObjectMapper} is package-private): fields, kebab-case names. The service's
 * Dropwizard mapper knows none of these models.
 */
final class RestCatalogJson {
  private static final ObjectMapper MAPPER = protocolMapper();

  private RestCatalogJson() {}

  private static ObjectMapper protocolMapper() {
    ObjectMapper mapper = new ObjectMapper();
    mapper.setVisibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY);
    mapper.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    mapper.setPropertyNamingStrategy(new PropertyNamingStrategies.KebabCaseStrategy());
    RESTSerializers.registerAll(mapper);
    return mapper;
  }

  static String write(RESTResponse response) {
    try {
      return MAPPER.writeValueAsString(response);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot write " + response.getClass().getSimpleName() + " as JSON", e);
    }
  }

  static Response ok(RESTResponse response) {
    return Response.ok(write(response), MediaType.APPLICATION_JSON_TYPE).build();
  }
}
