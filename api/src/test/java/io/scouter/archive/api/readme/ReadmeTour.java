package io.scouter.archive.api.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The "Five-minute tour" section of README.md, read the way a user reads it: the first {@code sh}
 * block defines the shell variables (where the service answers, the instants to date records at),
 * each later {@code sh} block is one step, and the {@code json} block right after a step is what
 * that step prints.
 */
record ReadmeTour(String setup, List<Step> steps) {
  static final String HEADING = "## Five-minute tour";

  /** One command block and the output the README shows for it, if any. */
  record Step(String command, Optional<String> expectedOutput) {}

  static ReadmeTour read(Path readme) throws IOException {
    List<String> lines = Files.readAllLines(readme);
    int start = lines.indexOf(HEADING);
    if (start < 0) {
      throw new IllegalStateException(readme + " has no line '" + HEADING + "'");
    }
    List<String[]> blocks = new ArrayList<>(); // {language, text}
    for (int i = start + 1; i < lines.size() && !lines.get(i).startsWith("## "); i++) {
      String line = lines.get(i);
      if (line.startsWith("```")) {
        String language = line.substring(3).trim();
        StringBuilder text = new StringBuilder();
        for (i++; !lines.get(i).startsWith("```"); i++) {
          text.append(lines.get(i)).append('\n');
        }
        blocks.add(new String[] {language, text.toString()});
      }
    }
    if (blocks.isEmpty() || !blocks.get(0)[0].equals("sh")) {
      throw new IllegalStateException("The tour must start with an sh block defining its variables");
    }
    List<Step> steps = new ArrayList<>();
    for (int b = 1; b < blocks.size(); b++) {
      String[] block = blocks.get(b);
      if (!block[0].equals("sh")) {
        throw new IllegalStateException("A " + block[0] + " block must follow an sh block: " + block[1]);
      }
      Optional<String> output = Optional.empty();
      if (b + 1 < blocks.size() && !blocks.get(b + 1)[0].equals("sh")) {
        output = Optional.of(blocks.get(++b)[1].strip());
      }
      steps.add(new Step(block[1], output));
    }
    return new ReadmeTour(blocks.get(0)[1], steps);
  }
}
