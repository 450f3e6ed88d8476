package net.iotgw.sim.cd;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * A snapshot of a CD's network entry, for tests and statistics. Times are the host's, as given
 * to the CD.
 *
 * @param state where the CD stands
 * @param lastEnd why its last attempt or session ended, if one has
 * @param joinStartedAt when its current (or last) join started: its PCI
 * @param admittedAt when its current (or last) session opened
 * @param joins join attempts started so far
 */
public record JoinStatus(
    JoinState state,
    Optional<SessionEnd> lastEnd,
    OptionalLong joinStartedAt,
    OptionalLong admittedAt,
    int joins) {

  /** A CD that has never joined (or has no credentials). */
  public static final JoinStatus NEVER_JOINED = new JoinStatus(
      JoinState.NOT_JOINED, Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), 0);

  /** Milliseconds from the PCI to the open session, if admitted. */
  public OptionalLong joinMillis() {
    if (state != JoinState.ADMITTED || joinStartedAt.isEmpty() || admittedAt.isEmpty()) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(admittedAt.getAsLong() - joinStartedAt.getAsLong());
  }
}
