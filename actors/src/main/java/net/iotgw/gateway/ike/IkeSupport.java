package net.iotgw.gateway.ike;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongFunction;
import net.iotgw.protocols.ike.engine.CookieGate;
import net.iotgw.protocols.ike.engine.CookieSecrets;
import net.iotgw.protocols.ike.engine.EngineConfig;

/**
 * What a Device needs to answer IKE as its CD: the CD's engine configuration (its profile from the
 * device store, or empty for a CD that has none: its IKE is not answered), what all IKE SA actors
 * share, and the COOKIE policy (RFC 7296 §2.6): past {@code halfOpenThreshold} IKE SAs of one CD
 * not yet established, new IKE_SA_INIT requests must return a cookie made with the gateway's
 * current secret, which the Devices actor replaces every {@code cookieSecretLifetime} (the
 * previous secret stays valid, so a cookie handed out just before still works). Beyond that,
 * {@code bound} caps the IKE SAs held per CD, and {@code backlog} the IKE datagrams queued on
 * their way to the IKE SAs' engines.
 */
public record IkeSupport(
    LongFunction<Optional<EngineConfig>> profiles,
    IkeSaActor.Shared shared,
    int halfOpenThreshold,
    AtomicReference<CookieSecrets> cookieSecrets,
    java.time.Duration cookieSecretLifetime,
    IkeSaBound bound,
    IkeBacklog backlog) {

  /** With no bound on the datagrams queued (tests of other things). */
  public IkeSupport(
      LongFunction<Optional<EngineConfig>> profiles,
      IkeSaActor.Shared shared,
      int halfOpenThreshold,
      AtomicReference<CookieSecrets> cookieSecrets,
      java.time.Duration cookieSecretLifetime,
      IkeSaBound bound) {
    this(profiles, shared, halfOpenThreshold, cookieSecrets, cookieSecretLifetime, bound,
        IkeBacklog.unbounded(shared.drops()));
  }

  /** With the default bound on IKE SAs per CD. */
  public IkeSupport(
      LongFunction<Optional<EngineConfig>> profiles,
      IkeSaActor.Shared shared,
      int halfOpenThreshold,
      AtomicReference<CookieSecrets> cookieSecrets,
      java.time.Duration cookieSecretLifetime) {
    this(profiles, shared, halfOpenThreshold, cookieSecrets, cookieSecretLifetime,
        new IkeSaBound(IkeSaBound.DEFAULT_MAX_PER_CD));
  }

  /** The gate for a new IKE_SA_INIT given how many of the CD's SAs are half open. */
  public CookieGate gate(int halfOpen) {
    return halfOpen >= halfOpenThreshold
        ? CookieGate.require(cookieSecrets.get())
        : CookieGate.open();
  }
}
