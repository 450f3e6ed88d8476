package net.iotgw.gateway.ike;

import java.util.OptionalLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The most IKE SAs the gateway holds for one CD ({@code iotgw.ike.max-sas-per-cd}), half-open
 * ones included: beyond the COOKIE gate (RFC 7296 §2.6), which only stops initiators that cannot
 * receive at their address, this bounds what any number of real peers can make the gateway (and
 * the CD, which holds every CHILD_SA's keys) keep. An IKE_SA_INIT beyond it is not answered: RFC
 * 7296 has no error notify meaning "too many SAs" (§3.10.1: NO_ADDITIONAL_SAS and
 * TEMPORARY_FAILURE belong to CREATE_CHILD_SA), an error in an IKE_SA_INIT response is
 * unauthenticated and an initiator is told not to trust it (§2.21.1), and a silent drop is what a
 * standard initiator already handles: it retransmits on its schedule (§2.1, §2.4) and succeeds
 * once a slot is free. strongSwan's responder does the same at its limits ({@code
 * ikesa_limit}, {@code block_threshold}: "ignoring IKE_SA setup from ..."). A rekey of
 * an existing IKE SA (§1.3.2) takes no new slot.
 *
 * <p>Thread-safe: shared by every Device, which counts its refusals here.
 */
public final class IkeSaBound {
  /** reference.conf's {@code iotgw.ike.max-sas-per-cd}. */
  public static final int DEFAULT_MAX_PER_CD = 16;

  private final int maxPerCd;
  private final LongAdder refused = new LongAdder();

  public IkeSaBound(int maxPerCd) {
    if (maxPerCd < 1) {
      throw new IllegalArgumentException("a CD may hold at least one IKE SA");
    }
    this.maxPerCd = maxPerCd;
  }

  public int maxPerCd() {
    return maxPerCd;
  }

  /** Whether a CD holding {@code held} IKE SAs may have one more; counts a refusal if not. */
  public boolean admit(int held) {
    if (held < maxPerCd) {
      return true;
    }
    refused.increment();
    return false;
  }

  /** IKE_SA_INIT requests left unanswered because their CD was at the bound, gateway-wide. */
  public long refused() {
    return refused.sum();
  }

  /**
   * One CD's refusals, for its log: the first is logged at once, later ones at most once per
   * {@code everyNanos}, with how many there were since. A flood of IKE_SA_INITs to one CD then
   * costs a log line a minute, not one per packet. Owned by one actor: not thread-safe.
   */
  public static final class RefusalLog {
    private final long everyNanos;
    private long unlogged;
    private boolean logged;
    private long loggedAtNanos;

    public RefusalLog(long everyNanos) {
      this.everyNanos = everyNanos;
    }

    /** A refusal at {@code nowNanos}: how many to log now (this one included), or empty. */
    public OptionalLong refusedAt(long nowNanos) {
      unlogged++;
      if (logged && nowNanos - loggedAtNanos < everyNanos) {
        return OptionalLong.empty();
      }
      long n = unlogged;
      unlogged = 0;
      logged = true;
      loggedAtNanos = nowNanos;
      return OptionalLong.of(n);
    }
  }
}
