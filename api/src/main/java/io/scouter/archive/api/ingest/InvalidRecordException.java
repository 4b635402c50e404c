package io.scouter.archive.api.ingest;

import io.scouter.archive.api.errors.ErrorCategory;
import io.scouter.archive.api.errors.ScouterException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A record of an ingestion body that cannot be stored; the whole body is rejected with it. */
final class InvalidRecordException extends ScouterException {
  private static final long serialVersionUID = 1L;

  InvalidRecordException(int index, String field, String problem) {
    super("invalid_record", ErrorCategory.USER_ERROR, 400,
        "Invalid record " + index + (field == null ? "" : ", field '" + field + "'") + ": " + problem,
        details(index, field));
  }

  private static Map<String, Object> details(int index, String field) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("record", index);
    if (field != null) {
      details.put("field", field);
    }
    return details;
  }
}
