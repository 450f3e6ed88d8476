package net.iotgw.load.ike;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * One run of the generator, as the command line describes it.
 *
 * @param target where the initiators go
 * @param pacing closed loop (concurrency) or open loop (rate), over all workers together
 * @param warmup attempts run this long before the measured window (JIT, caches); their
 *     latencies are not recorded
 * @param duration the measured window: the rate, the latencies and the target's CPU are over it
 * @param drain how long attempts in flight at the end may still finish
 * @param workers worker actors, each with its own source port (UDP) or UD address (gateway)
 * @param childSa an extra CREATE_CHILD_SA after establishment
 * @param delete a Delete of the IKE SA after establishment (and the extra CHILD_SA)
 * @param auth PSK, or ECDSA P-256 certificates (made for the run for the in-process gateway, read
 *     from the target's {@code pki} directory for a UDP responder)
 * @param identity our IKE identity (IDi)
 * @param psk the pre-shared key
 * @param report where the HTML report goes, if anywhere
 */
public record LoadPlan(
    Target target,
    LoadWorker.Pacing pacing,
    Duration warmup,
    Duration duration,
    Duration drain,
    int workers,
    LoadSuite suite,
    boolean childSa,
    boolean delete,
    Auth auth,
    String identity,
    String psk,
    Optional<Path> report) {

  /** Where the initiators go. */
  public sealed interface Target {
    /**
     * The in-process gateway with {@code cds} CDs admitted in memory; attempts go round the CDs.
     *
     * @param cookieThreshold the gateway's half-open SAs per CD before it asks for COOKIEs
     * @param maxSasPerCd the gateway's iotgw.ike.max-sas-per-cd, or empty: its default
     */
    record InProcess(int cds, int cookieThreshold, java.util.OptionalInt maxSasPerCd)
        implements Target {
      /** With the gateway's default bound on IKE SAs per CD. */
      public InProcess(int cds, int cookieThreshold) {
        this(cds, cookieThreshold, java.util.OptionalInt.empty());
      }
    }

    /**
     * A responder over real UDP (charon): {@code peerIdentity} is its IDr.
     *
     * @param bind the local address our sockets bind to (and the engine writes in its messages)
     * @param pid the responder's process, to read its CPU and memory from /proc
     * @param pki with certificates: the directory {@code --write-pki} filled (ours.pem, ours.key,
     *     ca.pem)
     */
    record Udp(InetSocketAddress responder, String peerIdentity,
        java.net.InetAddress bind, OptionalLong pid, Optional<Path> pki) implements Target {}
  }

  /** How both sides authenticate (RFC 7296 §2.15). */
  public enum Auth {
    PSK,
    CERT
  }

  public LoadPlan {
    if (auth == Auth.CERT && target instanceof Target.Udp u && u.pki().isEmpty()) {
      throw new IllegalArgumentException("--auth cert over UDP needs --pki DIR");
    }
    if (workers < 1) {
      throw new IllegalArgumentException("workers " + workers);
    }
  }

  /** The pacing of one of the workers. */
  LoadWorker.Pacing share(int worker) {
    if (pacing instanceof LoadWorker.Pacing.Closed c) {
      int base = c.concurrency() / workers;
      return new LoadWorker.Pacing.Closed(base + (worker < c.concurrency() % workers ? 1 : 0));
    }
    return new LoadWorker.Pacing.Open(((LoadWorker.Pacing.Open) pacing).perSecond() / workers);
  }

  /** One line of the run's conditions, for the report. */
  public String describe() {
    String load = pacing instanceof LoadWorker.Pacing.Closed c
        ? "closed loop, concurrency " + c.concurrency()
        : "open loop, " + ((LoadWorker.Pacing.Open) pacing).perSecond() + " attempts/s";
    String where = target instanceof Target.InProcess g
        ? "in-process gateway, " + g.cds() + " CDs admitted in memory, cookie threshold "
            + g.cookieThreshold() + ", IKE SAs per CD at most "
            + (g.maxSasPerCd().isPresent() ? String.valueOf(g.maxSasPerCd().getAsInt())
                : "(default)")
        : "UDP " + ((Target.Udp) target).responder();
    return where + "; " + load + "; " + warmup.toSeconds() + " s warm-up + "
        + duration.toSeconds() + " s measured (+" + drain.toSeconds() + " s drain); "
        + workers + " workers; suite " + suite.label() + "; " + auth
        + (childSa ? "; extra CHILD_SA" : "") + (delete ? "; delete" : "");
  }

  /** The conditions, never the PSK. */
  @Override
  public String toString() {
    return "LoadPlan[" + describe() + "]";
  }
}
