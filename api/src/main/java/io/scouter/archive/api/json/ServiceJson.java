package io.scouter.archive.api.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;

/**
 * How the service reads and writes JSON, on top of Dropwizard's defaults.
 *
 * <p>Reading is strict: a duplicate key ({@code {"a":1,"a":2}}) and anything after the one JSON
 * value ({@code {...}{...}}) are errors instead of "last wins" and "ignored", so what is stored is
 * never a silent guess. Writing never produces {@code "Infinity"} or {@code "NaN"} strings in
 * numeric fields: a value that is not finite (e.g. a PSI term of a bin whose reference proportion
 * is 0, or a bound that overflows) is written as {@code null}. Doubles are written with Jackson's
 * shortest-digits writer (Schubfach) rather than JDK 17's {@code Double.toString}: a binned answer
 * is thousands of doubles, and the JDK's conversion was a sixth of a query's time; both write a
 * number that reads back as the very same double.
 */
public final class ServiceJson {
  private ServiceJson() {}

  /** Applies the rules to {@code mapper} and returns it. */
  public static ObjectMapper configure(ObjectMapper mapper) {
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    mapper.enable(JsonGenerator.Feature.USE_FAST_DOUBLE_WRITER);
    SimpleModule finite = new SimpleModule("finite-numbers");
    finite.addSerializer(Double.class, new FiniteDoubleSerializer());
    finite.addSerializer(double.class, new FiniteDoubleSerializer());
    mapper.registerModule(finite);
    return mapper;
  }

  /** A finite double as a JSON number; NaN and the infinities as {@code null}. */
  private static final class FiniteDoubleSerializer extends StdSerializer<Double> {
    private static final long serialVersionUID = 1L;

    FiniteDoubleSerializer() {
      super(Double.class);
    }

    @Override
    public void serialize(Double value, JsonGenerator generator, SerializerProvider provider) throws IOException {
      if (value == null || !Double.isFinite(value)) {
        generator.writeNull();
      } else {
        generator.writeNumber(value);
      }
    }
  }
}
