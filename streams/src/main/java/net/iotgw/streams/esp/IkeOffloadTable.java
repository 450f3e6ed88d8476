package net.iotgw.streams.esp;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import net.iotgw.protocols.ipv6.Ipv6Address;

/**
 * The CD addresses whose IKE the gateway answers (ARCHITECTURE, "IKEv2 on behalf of the CD"):
 * published by the control plane when a CD with an IKE profile is admitted, withdrawn when it is
 * no longer admitted; read by the {@link EspForwarder} for every IKE and ESP packet. A CD that is
 * not in the table runs IKEv2 and ESP itself: its IKE, ESP-in-UDP and raw ESP are routed to and
 * from it like any other IPv6 traffic (the enforcement point still drops what a CD that is not
 * admitted would receive).
 *
 * <p>Thread-safe, lock-free reads; bounded by what the control plane publishes (one entry per
 * admitted CD), nothing a packet carries adds an entry.
 */
public final class IkeOffloadTable {
  private final Set<Ipv6Address> offloaded = ConcurrentHashMap.newKeySet();

  /** From now on the gateway answers IKE sent to {@code cd} and forwards its ESP by route. */
  public void offload(Ipv6Address cd) {
    offloaded.add(Objects.requireNonNull(cd, "cd"));
  }

  /** From now on IKE and ESP to and from {@code cd} are its own: routed as data. */
  public void release(Ipv6Address cd) {
    offloaded.remove(Objects.requireNonNull(cd, "cd"));
  }

  /** Whether the gateway answers IKE sent to {@code cd}. */
  public boolean isOffloaded(Ipv6Address cd) {
    return offloaded.contains(cd);
  }

  /** Addresses published. */
  public int size() {
    return offloaded.size();
  }

  @Override
  public String toString() {
    return "IkeOffloadTable[" + size() + " CDs]";
  }
}
