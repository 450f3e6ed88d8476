package net.iotgw.gateway.device;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import net.iotgw.gateway.ike.IkeBacklog;
import net.iotgw.protocols.ike.engine.Datagram;

/**
 * IKE_SA_INIT requests to one CD that wait for one of its IKE SA slots ({@code
 * iotgw.ike.max-sas-per-cd}), oldest first, one per initiator (SPIi and address): a retransmission
 * replaces its entry in place, so the newest copy (the one with our COOKIE, RFC 7296 §2.6) is the
 * one answered. Without the line a request beyond the bound is dropped and its initiator waits for
 * its own retransmission (4 s, then 7.2 s, 13 s... after its first send) while slots that freed
 * meanwhile stay idle (issue 6: the overload benchmark's gateway idled for seconds at a time
 * with thousands of initiators waiting); with it, a slot that frees starts the next handshake at
 * once, as the network entry's line does for PANA (Devices, {@code max-waiting}). A standard
 * initiator takes the late answer: it is the answer to its request, which it has not given up.
 *
 * <p>Bounded twice: per CD by {@code capacity}, and gateway-wide because each entry keeps its
 * datagram's {@link IkeBacklog} place until it starts or is dropped. Owned by one Device: not
 * thread-safe.
 */
final class WaitingInits<K> {
  /** A waiting request and its backlog place. */
  record Entry<K>(K key, Datagram datagram, IkeBacklog.Ticket ticket) {}

  private final int capacity;
  private final LinkedHashMap<K, Entry<K>> line = new LinkedHashMap<>();

  WaitingInits(int capacity) {
    this.capacity = capacity;
  }

  /**
   * Puts the request in line (in place of the initiator's earlier copy, whose place is given
   * back); false if the line is full and it was not taken.
   */
  boolean offer(K key, Datagram datagram, IkeBacklog.Ticket ticket) {
    Entry<K> earlier = line.get(key);
    if (earlier == null && line.size() >= capacity) {
      return false;
    }
    if (earlier != null) {
      earlier.ticket().release();
    }
    line.put(key, new Entry<>(key, datagram, ticket));
    return true;
  }

  /** Whether a request of this initiator waits. */
  boolean contains(K key) {
    return line.containsKey(key);
  }

  boolean isEmpty() {
    return line.isEmpty();
  }

  int size() {
    return line.size();
  }

  /** The oldest waiting request, taken out of the line; null if none. */
  Entry<K> poll() {
    Iterator<Map.Entry<K, Entry<K>>> first = line.entrySet().iterator();
    if (!first.hasNext()) {
      return null;
    }
    Entry<K> e = first.next().getValue();
    first.remove();
    return e;
  }

  /** Empties the line, giving back every place (the Device stops). */
  void clear() {
    line.values().forEach(e -> e.ticket().release());
    line.clear();
  }
}
