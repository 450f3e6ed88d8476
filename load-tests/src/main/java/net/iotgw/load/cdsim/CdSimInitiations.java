package net.iotgw.load.cdsim;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import net.iotgw.protocols.ike.engine.ChildSa;
import net.iotgw.protocols.ike.engine.Identity;
import net.iotgw.protocols.ipv6.Ipv6Address;
import net.iotgw.sim.cd.JoinState;
import net.iotgw.sim.cd.SaRequestStatus;
import net.iotgw.sim.cd.SimulatedCd;
import net.iotgw.sim.medium.CdSimulator;

/**
 * cd-sim's CD-initiated SAs ({@code --initiate-to}): once CD {@code cd} is admitted it asks the
 * gateway for an SA to the UD, once per expected identity, one request after the other; through
 * each SA that comes up it sends {@code pings} ICMPv6 echo requests a second apart. Every
 * outcome is one status line ({@link SaRequestStatus#line}), then {@code initiate done}: what
 * the end-to-end tests read. Runs on a thread of its own, driving the CD under its lock.
 *
 * @param ids the identities the UD must prove, one request each; an empty one leaves it to the
 *     CD's profile (the UD's address must then be a listed peer)
 */
record CdSimInitiations(int cd, Ipv6Address ud, int port, ChildSa.Mode mode,
    List<Optional<Identity>> ids, int pings) {

  /**
   * A bound on the wait for an answer, beyond the CD's own patience (about six minutes, after
   * which the CD itself reports NO_ANSWER).
   */
  private static final long ANSWER_MILLIS = 600_000;

  Thread start(CdSimulator sim, PrintStream out) {
    Thread t = new Thread(() -> {
      try {
        run(sim, out);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "cd-sim-initiate");
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void run(CdSimulator sim, PrintStream out) throws InterruptedException {
    while (sim.joinStatuses().get(cd).state() != JoinState.ADMITTED) {
      Thread.sleep(100);
    }
    for (Optional<Identity> id : ids) {
      int[] rid = new int[1];
      sim.drive(cd, (c, now) -> {
        SimulatedCd.SaRequestSent sent = c.requestSa(ud, port, mode, id, now);
        rid[0] = sent.requestId();
        return sent.psdus();
      });
      say(out, "sa-request " + rid[0] + " to " + ud + " port " + port + " " + mode
          + id.map(i -> " expecting " + i).orElse("") + ": sent");
      SaRequestStatus s = awaitAnswer(sim, rid[0]);
      if (s.outcome() == SaRequestStatus.Outcome.ESTABLISHED) {
        for (int i = 1; i <= pings; i++) {
          int seq = i;
          sim.drive(cd, (c, now) -> c.pingThroughEsp(rid[0], seq, now));
          Thread.sleep(1_000);
        }
        long until = System.nanoTime() + 5_000_000_000L;
        while (status(sim, rid[0]).echoRepliesReceived() < pings && System.nanoTime() < until) {
          Thread.sleep(100);
        }
      }
      say(out, status(sim, rid[0]).line());
    }
    say(out, "initiate done");
  }

  private SaRequestStatus awaitAnswer(CdSimulator sim, int id) throws InterruptedException {
    long until = System.nanoTime() + ANSWER_MILLIS * 1_000_000;
    SaRequestStatus s = status(sim, id);
    while ((s.outcome() == SaRequestStatus.Outcome.QUEUED
        || s.outcome() == SaRequestStatus.Outcome.REQUESTED) && System.nanoTime() < until) {
      Thread.sleep(100);
      s = status(sim, id);
    }
    return s;
  }

  private SaRequestStatus status(CdSimulator sim, int id) {
    return sim.inspect(cd, c -> c.saRequests().stream().filter(s -> s.requestId() == id)
        .findFirst().orElseThrow());
  }

  private static void say(PrintStream out, String line) {
    out.println("cd-sim: " + line);
    out.flush();
  }

  /** As the gateway's profiles read them: RFC 822 with an @, IPv6 if it parses, else an FQDN. */
  static Identity identity(String text) {
    if (text.contains("@")) {
      return Identity.rfc822(text);
    }
    return Ipv6Address.parse(text).map(a -> Identity.ipv6(a.bytes()))
        .orElseGet(() -> Identity.fqdn(text));
  }
}
