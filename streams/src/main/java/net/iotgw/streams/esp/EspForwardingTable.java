package net.iotgw.streams.esp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import net.iotgw.protocols.ipv6.Ipv6Address;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ESP forwarder's routes, keyed by SPI: the actors that do IKE on behalf of the CDs install a
 * route when a CHILD_SA pair is agreed and remove it when the pair is deleted or rekeyed away;
 * the data plane's stages read it for every ESP packet. Per-packet work never goes through an
 * actor (ARCHITECTURE, "The streams"): this table is how the actors publish SAs to the stream, as
 * {@link net.iotgw.streams.lowpan.LinkKeyTable} publishes admission.
 *
 * <p>Two lookups, one per direction. From the UD, by the SPI alone ({@link #forDownlink}): the
 * gateway picks the CD's inbound SPIs, so they are unique among all routes. From the CD, by the
 * CD's address, the UD's address and the SPI ({@link #forUplink}): that SPI was picked by the UD,
 * unique only among the UD's own SAs, and the packet carries all three (RFC 4301 §4.1).
 *
 * <p>Thread-safe: lookups read two {@link ConcurrentHashMap}s without locking; installs and
 * removals, rare and from actors, are serialized among themselves. A reader may see a route
 * half-installed or half-removed for an instant: one packet forwarded or dropped as if the
 * change came a moment later or earlier. Bounded by what the actors install; nothing a packet
 * carries adds an entry. Holds no keys: the gateway never opens ESP.
 */
public final class EspForwardingTable {
  private static final Logger log = LoggerFactory.getLogger(EspForwardingTable.class);

  /** An installed route and what it has carried. */
  public record Entry(EspRoute route, EspRouteCounters counters) {}

  private record UplinkKey(Ipv6Address cd, Ipv6Address ud, int spi) {
    static UplinkKey of(EspRoute r) {
      return new UplinkKey(r.cdAddress(), r.udAddress(), r.cdOutboundSpi());
    }
  }

  private final ConcurrentHashMap<Integer, Entry> byInboundSpi = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<UplinkKey, Entry> byUplink = new ConcurrentHashMap<>();
  private final Object writes = new Object();
  private final IkeOffloadTable ikeOffload = new IkeOffloadTable();

  /**
   * The CDs whose IKE the gateway answers, and whose ESP therefore takes these routes; published
   * beside the routes because the forwarder needs both for every packet to a CD.
   */
  public IkeOffloadTable ikeOffload() {
    return ikeOffload;
  }

  /**
   * Installs {@code route}, both directions. The same route installed again is kept with its
   * counters. A route it conflicts with, by the CD's inbound SPI or by the uplink key (a UD that
   * reused an SPI, e.g. after a restart), is removed first, both directions: the newest SA wins.
   *
   * @return the routes removed to make room; empty normally
   */
  public List<EspRoute> install(EspRoute route) {
    Objects.requireNonNull(route, "route");
    List<EspRoute> displaced = new ArrayList<>(2);
    synchronized (writes) {
      Entry old = byInboundSpi.get(route.cdInboundSpi());
      if (old != null && old.route().equals(route)) {
        return List.of();
      }
      for (Entry clash : new Entry[] {old, byUplink.get(UplinkKey.of(route))}) {
        if (clash != null && unlink(clash)) {
          displaced.add(clash.route());
        }
      }
      Entry fresh = new Entry(route, new EspRouteCounters());
      byUplink.put(UplinkKey.of(route), fresh);
      byInboundSpi.put(route.cdInboundSpi(), fresh);
    }
    if (displaced.isEmpty()) {
      log.debug("ESP route installed: {}", route);
    } else {
      log.info("ESP route {} installed in place of {}", route, displaced);
    }
    return List.copyOf(displaced);
  }

  /**
   * Removes the route of the SA pair whose CD-inbound SPI is {@code cdInboundSpi}, both
   * directions.
   *
   * @return the route removed, if there was one
   */
  public Optional<EspRoute> remove(int cdInboundSpi) {
    Entry e;
    synchronized (writes) {
      e = byInboundSpi.get(cdInboundSpi);
      if (e == null || !unlink(e)) {
        return Optional.empty();
      }
    }
    log.debug("ESP route removed: {} after {}", e.route(), e.counters());
    return Optional.of(e.route());
  }

  /** Removes every route (a gateway shutting down). */
  public void clear() {
    synchronized (writes) {
      byUplink.clear();
      byInboundSpi.clear();
    }
  }

  /** The route for ESP from a UD carrying {@code spi}, the CD's inbound SPI. */
  public Optional<Entry> forDownlink(int spi) {
    return Optional.ofNullable(byInboundSpi.get(spi));
  }

  /** The route for ESP from the CD {@code cd} to the UD {@code ud} carrying {@code spi}. */
  public Optional<Entry> forUplink(Ipv6Address cd, Ipv6Address ud, int spi) {
    return Optional.ofNullable(byUplink.get(new UplinkKey(cd, ud, spi)));
  }

  /** Routes installed. */
  public int size() {
    return byInboundSpi.size();
  }

  /** Removes both keys of {@code e}, each only if it still maps to {@code e}. */
  private boolean unlink(Entry e) {
    boolean down = byInboundSpi.remove(e.route().cdInboundSpi(), e);
    boolean up = byUplink.remove(UplinkKey.of(e.route()), e);
    return down || up;
  }

  @Override
  public String toString() {
    return "EspForwardingTable[" + size() + " routes]";
  }
}
