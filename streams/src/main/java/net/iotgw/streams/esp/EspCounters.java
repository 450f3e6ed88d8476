package net.iotgw.streams.esp;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the ESP forwarder ({@link EspForwarder}) did, over all routes: packets forwarded each way
 * and drops by reason. Written by its stages, read from anywhere. One instance per data plane
 * blueprint; the per-route counts are in the {@link EspForwardingTable}.
 */
public final class EspCounters {
  private final LongAdder toCds = new LongAdder();
  private final LongAdder toUds = new LongAdder();
  private final LongAdder passedToCds = new LongAdder();
  private final LongAdder passedToUds = new LongAdder();
  private final Map<EspDrop, LongAdder> drops = new EnumMap<>(EspDrop.class);

  public EspCounters() {
    for (EspDrop d : EspDrop.values()) {
      drops.put(d, new LongAdder());
    }
  }

  /** ESP packets forwarded from UDs to CDs. */
  public long forwardedToCds() {
    return toCds.sum();
  }

  /** ESP packets forwarded from CDs to UDs. */
  public long forwardedToUds() {
    return toUds.sum();
  }

  /**
   * IKE and ESP packets to CDs that run IKE themselves (not in {@link IkeOffloadTable}), passed
   * unchanged.
   */
  public long passedToCds() {
    return passedToCds.sum();
  }

  /** ESP from CDs that run IKE themselves, passed unchanged. */
  public long passedToUds() {
    return passedToUds.sum();
  }

  /** Packets dropped for {@code reason}. */
  public long dropped(EspDrop reason) {
    return drops.get(reason).sum();
  }

  /** ESP dropped for lack of a route, either way. */
  public long espNoRoute() {
    return espNoRouteFromUd() + dropped(EspDrop.NO_ROUTE_FROM_CD);
  }

  /** ESP from UDs dropped for lack of a route ({@link EspDrop#NO_ROUTE_FROM_UD}). */
  public long espNoRouteFromUd() {
    return dropped(EspDrop.NO_ROUTE_FROM_UD);
  }

  /** NAT-keepalives dropped, as RFC 3948 §2.3 says ({@link EspDrop#KEEPALIVE}). */
  public long keepalives() {
    return dropped(EspDrop.KEEPALIVE);
  }

  void forwardedToCd() {
    toCds.increment();
  }

  void forwardedToUd() {
    toUds.increment();
  }

  void passedToCd() {
    passedToCds.increment();
  }

  void passedToUd() {
    passedToUds.increment();
  }

  void drop(EspDrop reason) {
    drops.get(reason).increment();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("EspCounters[to CDs ").append(forwardedToCds())
        .append(", to UDs ").append(forwardedToUds());
    if (passedToCds() + passedToUds() != 0) {
      s.append(", passed to CDs ").append(passedToCds()).append(", to UDs ").append(passedToUds());
    }
    for (EspDrop d : EspDrop.values()) {
      long n = dropped(d);
      if (n != 0) {
        s.append(", ").append(d).append(' ').append(n);
      }
    }
    return s.append(']').toString();
  }
}
