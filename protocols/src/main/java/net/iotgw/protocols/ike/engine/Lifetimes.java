package net.iotgw.protocols.ike.engine;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * When the IKE SA and each CHILD_SA are due for a rekey (soft lifetime, shortened by a random
 * jitter so that the peers rarely start at once) and for deletion (hard lifetime), RFC 7296 §2.8.
 * The engine arms one timer per kind at the earliest due time ({@link IkeTimer#IKE_SA_REKEY},
 * {@link IkeTimer#IKE_SA_EXPIRY}, {@link IkeTimer#CHILD_SA_LIFETIME}); a time of {@link
 * Long#MAX_VALUE} means "not any more" (the rekey is under way).
 *
 * @param children one entry per CHILD_SA of the SA, by the CD's inbound SPI
 */
record Lifetimes(long ikeRekeyAt, long ikeExpiresAt, List<Child> children) {
  static final long NEVER = Long.MAX_VALUE;

  /**
   * One CHILD_SA's times. {@code replacedBy}: the inbound SPI of the successor a rekey made (0 if
   * none; SPIs below 256 are reserved); the CHILD_SA then only waits for its Delete (ours, or the
   * peer's as the rekey's initiator) and is not rekeyed again.
   */
  record Child(int inboundSpi, long rekeyAt, long expiresAt, int replacedBy) {
    boolean replaced() {
      return replacedBy != 0;
    }
  }

  Lifetimes {
    children = List.copyOf(children);
  }

  /** A fresh IKE SA (after IKE_AUTH or a rekey of it), its CHILD_SAs as they are. */
  static Lifetimes ikeSa(Limits limits, List<Child> children, long now, SecureRandom random) {
    return new Lifetimes(now + limits.ikeSaRekeyMillis() - jitter(limits, random),
        now + limits.ikeSaLifetimeMillis(), children);
  }

  Lifetimes withIkeSa(Limits limits, long now, SecureRandom random) {
    return ikeSa(limits, children, now, random);
  }

  Lifetimes withChild(int inboundSpi, Limits limits, long now, SecureRandom random) {
    List<Child> next = new ArrayList<>(without(inboundSpi).children);
    next.add(new Child(inboundSpi, now + limits.childSaRekeyMillis() - jitter(limits, random),
        now + limits.childSaLifetimeMillis(), 0));
    return new Lifetimes(ikeRekeyAt, ikeExpiresAt, next);
  }

  private Lifetimes without(int inboundSpi) {
    return new Lifetimes(ikeRekeyAt, ikeExpiresAt,
        children.stream().filter(c -> c.inboundSpi() != inboundSpi).toList());
  }

  /**
   * The CHILD_SA is gone; one it was to replace (its successor deleted before the old one) is
   * rekeyed again in time.
   */
  Lifetimes without(int inboundSpi, long now) {
    return new Lifetimes(ikeRekeyAt, ikeExpiresAt, children.stream()
        .filter(c -> c.inboundSpi() != inboundSpi)
        .map(c -> c.replacedBy() != inboundSpi ? c
            : new Child(c.inboundSpi(), retry(now, c.expiresAt()), c.expiresAt(), 0))
        .toList());
  }

  Optional<Child> child(int inboundSpi) {
    return children.stream().filter(c -> c.inboundSpi() == inboundSpi).findFirst();
  }

  Lifetimes replaced(int inboundSpi, int by) {
    return update(inboundSpi, c -> new Child(c.inboundSpi(), NEVER, c.expiresAt(), by));
  }

  boolean isReplaced(int inboundSpi) {
    return child(inboundSpi).map(Child::replaced).orElse(false);
  }

  /** The CHILD_SA's rekey is under way (or its delete, {@code expiring}): no second trigger. */
  Lifetimes handled(int inboundSpi, boolean expiring) {
    return update(inboundSpi, c -> new Child(c.inboundSpi(), NEVER,
        expiring ? NEVER : c.expiresAt(), c.replacedBy()));
  }

  /**
   * A failed rekey is tried again halfway to the hard lifetime (strongSwan retries after a fixed
   * delay; halving keeps every retry before the end without another parameter).
   */
  Lifetimes retryChildRekey(int inboundSpi, long now) {
    return update(inboundSpi, c -> c.replaced() ? c
        : new Child(c.inboundSpi(), retry(now, c.expiresAt()), c.expiresAt(), 0));
  }

  Lifetimes ikeRekeyHandled() {
    return new Lifetimes(NEVER, ikeExpiresAt, children);
  }

  Lifetimes retryIkeRekey(long now) {
    return new Lifetimes(retry(now, ikeExpiresAt), ikeExpiresAt, children);
  }

  /** The soonest CHILD_SA event, {@link #NEVER} if none. */
  long nextChildEvent() {
    return children.stream().mapToLong(c -> Math.min(c.rekeyAt(), c.expiresAt())).min()
        .orElse(NEVER);
  }

  /** The timers that follow these times. */
  List<IkeOutput> timers() {
    List<IkeOutput> out = new ArrayList<>();
    out.add(arm(IkeTimer.IKE_SA_REKEY, ikeRekeyAt));
    out.add(arm(IkeTimer.IKE_SA_EXPIRY, ikeExpiresAt));
    out.add(arm(IkeTimer.CHILD_SA_LIFETIME, nextChildEvent()));
    return out;
  }

  /** The CHILD_SA timer alone, after a change to the children. */
  IkeOutput childTimer() {
    return arm(IkeTimer.CHILD_SA_LIFETIME, nextChildEvent());
  }

  private static IkeOutput arm(IkeTimer timer, long at) {
    return at == NEVER ? new IkeOutput.Disarm(timer) : new IkeOutput.Arm(timer, at);
  }

  private Lifetimes update(int inboundSpi, UnaryOperator<Child> change) {
    return new Lifetimes(ikeRekeyAt, ikeExpiresAt, children.stream()
        .map(c -> c.inboundSpi() == inboundSpi ? change.apply(c) : c).toList());
  }

  private static long retry(long now, long expiresAt) {
    return now + Math.max(1_000, (expiresAt - now) / 2);
  }

  private static long jitter(Limits limits, SecureRandom random) {
    long range = limits.rekeyJitterMillis();
    return range == 0 ? 0 : Math.floorMod(random.nextLong(), range + 1);
  }
}
