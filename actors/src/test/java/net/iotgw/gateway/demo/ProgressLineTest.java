package net.iotgw.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * The progress bar as the demo prints it: redrawn in place on a terminal, one line per phase
 * anywhere else. Outputs are pinned character for character.
 */
class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  private final StringWriter text = new StringWriter();

  private ProgressLine line(boolean terminal) {
    return new ProgressLine(new PrintWriter(text), terminal);
  }

  @Test
  void rendersPhaseBarCountsAndSecondsInFixedColumns() {
    assertEquals("joins       [###############---------------]    50/100   ok 48, failed 2"
            + "    1.5 s",
        ProgressLine.render("joins", 48, 2, 100, 3 * SECOND / 2));
    assertEquals("handshakes  [------------------------------]     0/7     ok 0, failed 0    0.0 s",
        ProgressLine.render("handshakes", 0, 0, 7, 0));
  }

  @Test
  void aPhaseWithNothingToDoShowsAFullBar() {
    assertEquals("requests    [##############################]     0/0     ok 0, failed 0    0.2 s",
        ProgressLine.render("requests", 0, 0, 0, SECOND / 5));
  }

  @Test
  void onATerminalEachUpdateReturnsTheCarriageAndBlanksWhatALongerLineLeft() {
    ProgressLine p = line(true);
    p.update("joins", 10, 10, 40, SECOND);
    p.update("joins", 30, 0, 40, 2 * SECOND);
    p.finish("joins", 40, 0, 40, 3 * SECOND);

    String first = ProgressLine.render("joins", 10, 10, 40, SECOND);
    String second = ProgressLine.render("joins", 30, 0, 40, 2 * SECOND);
    String last = ProgressLine.render("joins", 40, 0, 40, 3 * SECOND);
    // "failed 10" is one character wider than "failed 0": the redraw blanks what it left.
    assertEquals(first.length(), second.length() + 1);
    assertEquals("\r" + first + "\r" + second + " " + "\r" + last + "\n", text.toString());
  }

  @Test
  void onATerminalTheNextPhaseStartsOnAFreshLineWithoutPadding() {
    ProgressLine p = line(true);
    p.update("joins", 1, 0, 1, 12 * SECOND);
    p.finish("joins", 1, 0, 1, 12 * SECOND);
    text.getBuffer().setLength(0);

    p.update("handshakes", 0, 0, 1, 0);
    assertEquals("\r" + ProgressLine.render("handshakes", 0, 0, 1, 0), text.toString());
  }

  @Test
  void elsewhereUpdatesPrintNothingAndEachPhasePrintsOneLineWhenItEnds() {
    ProgressLine p = line(false);
    p.update("joins", 3, 0, 10, SECOND);
    p.update("joins", 7, 0, 10, 2 * SECOND);
    assertEquals("", text.toString());

    p.finish("joins", 10, 0, 10, 3 * SECOND);
    p.update("handshakes", 1, 0, 4, SECOND);
    p.finish("handshakes", 3, 1, 4, 2 * SECOND);
    String nl = System.lineSeparator();
    assertEquals(ProgressLine.render("joins", 10, 0, 10, 3 * SECOND) + nl
            + ProgressLine.render("handshakes", 3, 1, 4, 2 * SECOND) + nl,
        text.toString());
    assertEquals(-1, text.toString().indexOf('\r'));
  }
}
