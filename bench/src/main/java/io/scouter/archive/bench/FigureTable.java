package io.scouter.archive.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * One table of figures, rendered as aligned plain text for the terminal and as Markdown for
 * BENCHMARKS.md. The first column (what is measured) is left-aligned, the figures right-aligned.
 */
record FigureTable(String title, List<String> headers, List<List<String>> rows, List<String> notes) {

  FigureTable {
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    notes = List.copyOf(notes);
    for (List<String> row : rows) {
      if (row.size() != headers.size()) {
        throw new IllegalArgumentException("Invalid row for table '" + title + "': " + row.size() + " cells, "
            + headers.size() + " columns");
      }
    }
  }

  static Builder builder(String title, String... headers) {
    return new Builder(title, List.of(headers));
  }

  String plainText() {
    int[] widths = new int[headers.size()];
    for (List<String> line : lines()) {
      for (int column = 0; column < line.size(); column++) {
        widths[column] = Math.max(widths[column], line.get(column).length());
      }
    }
    StringBuilder text = new StringBuilder(title).append('\n');
    text.append(plainLine(headers, widths)).append('\n');
    text.append(Arrays.stream(widths).mapToObj("-"::repeat).collect(Collectors.joining("  "))).append('\n');
    for (List<String> row : rows) {
      text.append(plainLine(row, widths)).append('\n');
    }
    for (String note : notes) {
      text.append("  ").append(note).append('\n');
    }
    return text.toString();
  }

  String markdown() {
    StringBuilder text = new StringBuilder("#### ").append(title).append("\n\n");
    text.append(markdownLine(headers)).append('\n');
    text.append(IntStream.range(0, headers.size()).mapToObj(column -> column == 0 ? "---" : "---:")
        .collect(Collectors.joining(" | ", "| ", " |"))).append('\n');
    for (List<String> row : rows) {
      text.append(markdownLine(row)).append('\n');
    }
    if (!notes.isEmpty()) {
      text.append('\n');
      for (String note : notes) {
        text.append("- ").append(note).append('\n');
      }
    }
    return text.toString();
  }

  private List<List<String>> lines() {
    List<List<String>> lines = new ArrayList<>(rows);
    lines.add(0, headers);
    return lines;
  }

  private static String plainLine(List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int column = 0; column < cells.size(); column++) {
      String cell = cells.get(column);
      String padding = " ".repeat(widths[column] - cell.length());
      if (column > 0) {
        line.append("  ");
      }
      line.append(column == 0 ? cell + padding : padding + cell);
    }
    return line.toString().stripTrailing();
  }

  private static String markdownLine(List<String> cells) {
    return cells.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ", "| ", " |"));
  }

  static final class Builder {
    private final String title;
    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private Builder(String title, List<String> headers) {
      this.title = title;
      this.headers = headers;
    }

    Builder row(String... cells) {
      rows.add(List.of(cells));
      return this;
    }

    Builder note(String note) {
      notes.add(note);
      return this;
    }

    FigureTable build() {
      return new FigureTable(title, headers, rows, notes);
    }
  }
}
