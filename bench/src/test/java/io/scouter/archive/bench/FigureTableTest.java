package io.scouter.archive.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureTableTest {
  private final FigureTable table = FigureTable.builder("(x) Title", "table", "rows", "rows/s")
      .row("spc_drift", "1,000", "12")
      .row("all", "10", "1,234,567")
      .note("a note | with a bar")
      .build();

  @Test
  void alignsPlainTextWithTheFirstColumnLeftAndFiguresRight() {
    assertThat(table.plainText()).isEqualTo("""
        (x) Title
        table       rows     rows/s
        ---------  -----  ---------
        spc_drift  1,000         12
        all           10  1,234,567
          a note | with a bar
        """);
  }

  @Test
  void writesMarkdownWithRightAlignedFigureColumnsAndEscapedBars() {
    assertThat(table.markdown()).isEqualTo("""
        #### (x) Title

        | table | rows | rows/s |
        | --- | ---: | ---: |
        | spc_drift | 1,000 | 12 |
        | all | 10 | 1,234,567 |

        - a note | with a bar
        """);
    assertThat(FigureTable.builder("t", "a").row("x|y").build().markdown()).contains("| x\\|y |");
  }

  @Test
  void rejectsRowsOfTheWrongWidth() {
    assertThatThrownBy(() -> FigureTable.builder("(y) Other", "a", "b").row("only one").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Invalid row for table '(y) Other': 1 cells, 2 columns");
  }

  @Test
  void writesFiguresTheSameWayInEveryLocale() {
    assertThat(Figures.count(3_283_200)).isEqualTo("3,283,200");
    assertThat(Figures.perSecond(1_000_000, Duration.ofMillis(2500))).isEqualTo("400,000");
    assertThat(Figures.millis(Duration.ofNanos(4_321_000))).isEqualTo("4.32");
    assertThat(Figures.millis(Duration.ofNanos(43_210_000))).isEqualTo("43.2");
    assertThat(Figures.ratio(0.4567)).isEqualTo("0.46×");
    assertThat(Figures.mebibytes(72L * 1024 * 1024 + 1)).isEqualTo("72 MiB");
  }

  @Test
  void readsTheMachinesMemoryAndCpu() {
    assertThat(MachineDescription.memTotalKibibytes(List.of("MemFree: 1 kB", "MemTotal:   24684084 kB")))
        .contains(24_684_084L);
    assertThat(MachineDescription.cpuModel(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13")))
        .contains("AMD EPYC 7B13");
    assertThat(MachineDescription.memTotalKibibytes(List.of())).isEmpty();
  }
}
