package io.scouter.archive.api.drift;

import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.ext.MessageBodyWriter;
import jakarta.ws.rs.ext.Provider;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;

/** Writes drift results for clients that ask for {@code Accept: application/vnd.apache.arrow.stream}. */
@Provider
@Produces(ArrowResults.MEDIA_TYPE)
final class ArrowResultWriter implements MessageBodyWriter<Object> {
  @Override
  public boolean isWriteable(Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType) {
    return ArrowResults.canWrite(type) && mediaType.isCompatible(MediaType.valueOf(ArrowResults.MEDIA_TYPE));
  }

  @Override
  public void writeTo(Object result, Class<?> type, Type genericType, Annotation[] annotations, MediaType mediaType,
      MultivaluedMap<String, Object> headers, OutputStream out) throws IOException {
    ArrowResults.write(result, out);
  }
}
