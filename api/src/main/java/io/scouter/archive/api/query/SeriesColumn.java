package io.scouter.archive.api.query;

import java.util.function.IntFunction;
import org.apache.arrow.memory.util.ByteFunctionHelpers;
import org.apache.arrow.vector.BaseVariableWidthVector;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.IntVector;
import org.apache.iceberg.arrow.vectorized.ColumnVector;

/**
 * The series column (feature or metric) of one batch, compared row with row without decoding it:
 * an archive file's rows are sorted by series, so a reader decodes a series name only where it
 * changes instead of making a String per row. A dictionary-encoded column compares dictionary ids,
 * a plain one its UTF-8 bytes in place; any other vector (none is expected) compares decoded values.
 */
abstract class SeriesColumn {
  private final IntFunction<String> decode;

  private SeriesColumn(IntFunction<String> decode) {
    this.decode = decode;
  }

  static SeriesColumn of(ColumnVector column) {
    // The raw vector: ColumnVector.getArrowVector() would decode a dictionary-encoded column into a copy.
    return of(column.getFieldVector(), column::getString);
  }

  /** The column held in {@code vector}, whose rows {@code decode} turns into series names. */
  static SeriesColumn of(FieldVector vector, IntFunction<String> decode) {
    if (vector instanceof IntVector ids) {
      return new SeriesColumn(decode) {
        @Override
        boolean same(int row, int otherRow) {
          return ids.get(row) == ids.get(otherRow);
        }
      };
    }
    if (vector instanceof BaseVariableWidthVector strings) {
      return new SeriesColumn(decode) {
        @Override
        boolean same(int row, int otherRow) {
          return ByteFunctionHelpers.equal(strings.getDataBuffer(), strings.getStartOffset(row),
              strings.getEndOffset(row), strings.getDataBuffer(), strings.getStartOffset(otherRow),
              strings.getEndOffset(otherRow)) == 1;
        }
      };
    }
    return new SeriesColumn(decode) {
      @Override
      boolean same(int row, int otherRow) {
        return decode.apply(row).equals(decode.apply(otherRow));
      }
    };
  }

  /** Whether two rows of the batch hold the same series. */
  abstract boolean same(int row, int otherRow);

  /** The series of a row. */
  String value(int row) {
    return decode.apply(row);
  }
}
